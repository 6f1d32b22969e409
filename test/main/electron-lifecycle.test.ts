import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';

import { openAtlasDatabase } from '../../db/open.js';
import {
  claimSingleInstance,
  focusWindow,
  installQuitSequence,
  type FocusableWindow,
} from '../../main/electron/lifecycle.js';

/** An `app` stand-in: an event emitter with a lock that only one instance gets. */
class FakeApp extends EventEmitter {
  quit = vi.fn();

  constructor(private readonly lockFree: boolean) {
    super();
  }

  requestSingleInstanceLock(): boolean {
    return this.lockFree;
  }
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: FocusableWindow = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { window, calls };
}

function tempDatabasePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'atlas-lifecycle-')), 'atlas.sqlite');
}

describe('claimSingleInstance', () => {
  it('keeps the first instance running', () => {
    const app = new FakeApp(true);

    const first = claimSingleInstance(app, () => {});

    expect(first).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('quits a second instance before it opens anything', () => {
    const app = new FakeApp(false);
    const onSecondInstance = vi.fn();

    const first = claimSingleInstance(app, onSecondInstance);

    expect(first).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('focuses the first window on a second launch', () => {
    const app = new FakeApp(true);
    const { window, calls } = fakeWindow(true);
    claimSingleInstance(app, () => focusWindow(window));

    app.emit('second-instance', {}, ['iscm-atlas'], '/home/user', {});

    expect(calls).toEqual(['restore', 'show', 'focus']);
  });
});

describe('focusWindow', () => {
  it('does not restore a window that is not minimized', () => {
    const { window, calls } = fakeWindow(false);

    focusWindow(window);

    expect(calls).toEqual(['show', 'focus']);
  });

  it('ignores a missing or destroyed window', () => {
    const destroyed = { ...fakeWindow(false).window, isDestroyed: () => true, show: vi.fn() };

    focusWindow(undefined);
    focusWindow(destroyed);

    expect(destroyed.show).not.toHaveBeenCalled();
  });
});

describe('installQuitSequence', () => {
  it('closes the database on will-quit and leaves no -wal file', () => {
    const path = tempDatabasePath();
    const db = openAtlasDatabase(path);
    db.prepare("UPDATE bodies SET short_name = 'Renamed' WHERE id = 'bali'").run();
    const app = new FakeApp(true);
    installQuitSequence(app, () => db);
    const walBefore = existsSync(`${path}-wal`);

    app.emit('will-quit');

    expect(walBefore).toBe(true);
    expect(db.open).toBe(false);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = openAtlasDatabase(path);
    expect(reopened.prepare("SELECT short_name FROM bodies WHERE id = 'bali'").pluck().get()).toBe(
      'Renamed',
    );
    reopened.close();
  });

  it('returns a close step that is safe to run twice', () => {
    const db = openAtlasDatabase(tempDatabasePath());
    const shutDown = installQuitSequence(new FakeApp(true), () => db);

    shutDown();
    shutDown();

    expect(db.open).toBe(false);
  });

  it('does nothing when no database was opened', () => {
    const app = new FakeApp(true);
    installQuitSequence(app, () => undefined as Database.Database | undefined);

    expect(() => app.emit('will-quit')).not.toThrow();
  });
});
