/**
 * Runs the Electron entry point against fake Electron objects, because the
 * Electron binary cannot run here: it checks how main.ts wires the modules
 * beside it, from start to quit, on a real database in a temporary folder.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { backupFolderOf, listBackups } from '../../db/backup.js';
import { IPC_CHANNEL } from '../../main/contract/index.js';

const fake = await vi.hoisted(async () => {
  // vi.hoisted runs before the static imports, so it imports on its own.
  const { EventEmitter: Emitter } = await import('node:events');
  const { mkdtempSync: makeTemp } = await import('node:fs');
  const { tmpdir: tempRoot } = await import('node:os');
  const { join: joinPath } = await import('node:path');

  const userData = makeTemp(joinPath(tempRoot(), 'atlas-main-'));
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = new Map<string, string>([['appData', joinPath(userData, 'app-data')]]);

  const app = Object.assign(new Emitter(), {
    commandLine: { getSwitchValue: (name: string) => (name === 'user-data-dir' ? userData : '') },
    setPath: (name: string, path: string) => paths.set(name, path),
    getPath: (name: string) => paths.get(name) ?? '',
    getAppPath: () => joinPath(userData, 'app'),
    getVersion: () => '0.1.0',
    isPackaged: false,
    isReady: () => true,
    enableSandbox: () => {},
    requestSingleInstanceLock: () => true,
    whenReady: () => ready,
    quit: () => {},
    exit: (_code: number) => {},
  });

  const windows: FakeWindow[] = [];
  class FakeWindow extends Emitter {
    webContents = Object.assign(new Emitter(), { id: 41 });
    loadedFile = '';
    calls: string[] = [];

    constructor(readonly options: Record<string, any>) {
      super();
      windows.push(this);
    }

    loadFile(path: string) {
      this.loadedFile = path;
      return Promise.resolve();
    }

    isDestroyed = () => false;
    isMinimized = () => false;
    restore = () => this.calls.push('restore');
    show = () => this.calls.push('show');
    focus = () => this.calls.push('focus');
  }

  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: () => {} },
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
    },
  };

  return {
    userData,
    resolveReady,
    app,
    windows,
    FakeWindow,
    handlers,
    session,
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) =>
        handlers.set(channel, handler),
    },
    dialog: { showMessageBoxSync: () => 1, showErrorBox: () => {} },
    clipboard: { writeText: () => {} },
    shell: { openExternal: () => Promise.resolve() },
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  clipboard: fake.clipboard,
  dialog: fake.dialog,
  ipcMain: fake.ipcMain,
  session: fake.session,
  shell: fake.shell,
}));

const databasePath = join(fake.userData, 'atlas.sqlite');
let fatalListener: ((error: Error) => void) | undefined;
const listenersBefore = {
  uncaughtException: process.listeners('uncaughtException'),
  unhandledRejection: process.listeners('unhandledRejection'),
};

beforeAll(async () => {
  await import('../../main/electron/main.js');
  fake.resolveReady();
  await new Promise((resolve) => setImmediate(resolve));
  fatalListener = process
    .listeners('uncaughtException')
    .find((listener) => !listenersBefore.uncaughtException.includes(listener)) as
    | ((error: Error) => void)
    | undefined;
});

afterAll(() => {
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    for (const listener of process.listeners(event)) {
      if (!(listenersBefore[event] as unknown[]).includes(listener)) {
        process.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
});

describe('main', () => {
  it('keeps its data in the user-data folder', () => {
    expect(fake.app.getPath('userData')).toBe(fake.userData);
    expect(existsSync(databasePath)).toBe(true);
  });

  it('backs up the database at start', async () => {
    const folder = backupFolderOf(databasePath);

    await vi.waitFor(() => expect(listBackups(folder)).toHaveLength(1));
  });

  it('creates one sandboxed window with the bundled preload', () => {
    expect(fake.windows).toHaveLength(1);
    const preferences = fake.windows[0].options.webPreferences;
    expect(preferences.sandbox).toBe(true);
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.preload).toMatch(/preload\.cjs$/);
    expect(fake.windows[0].loadedFile).toMatch(/renderer[\\/]index\.html$/);
  });

  it('answers queries from the window page only', () => {
    const handler = fake.handlers.get(IPC_CHANNEL);
    const pageUrl = pathToFileURL(fake.windows[0].loadedFile).href;
    const fromPage = { sender: { id: 41 }, senderFrame: { url: pageUrl, parent: null } };
    const fromElsewhere = { sender: { id: 41 }, senderFrame: { url: 'https://example.org/', parent: null } };

    const result = handler?.(fromPage, { name: 'appInfo', input: {} });

    expect(result).toMatchObject({ ok: true });
    expect(() => handler?.(fromElsewhere, { name: 'appInfo', input: {} })).toThrow();
  });

  it('guards every new web contents', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });

    fake.app.emit('web-contents-created', {}, contents);

    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('focuses the window on a second launch', () => {
    fake.app.emit('second-instance', {}, [], '', {});

    expect(fake.windows[0].calls).toEqual(['show', 'focus']);
  });

  it('closes the database on will-quit', () => {
    const handler = fake.handlers.get(IPC_CHANNEL);
    const pageUrl = pathToFileURL(fake.windows[0].loadedFile).href;
    const fromPage = { sender: { id: 41 }, senderFrame: { url: pageUrl, parent: null } };
    const walBefore = existsSync(`${databasePath}-wal`);

    fake.app.emit('will-quit');

    expect(walBefore).toBe(true);
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
    expect(handler?.(fromPage, { name: 'appInfo', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'database_error' },
    });
  });

  it('shows the fatal dialog and exits with code 1', () => {
    const showMessageBoxSync = vi.spyOn(fake.dialog, 'showMessageBoxSync');
    const exit = vi.spyOn(fake.app, 'exit');

    fatalListener?.(new Error('simulated failure'));

    expect(fatalListener).toBeDefined();
    expect(showMessageBoxSync).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
  });
});
