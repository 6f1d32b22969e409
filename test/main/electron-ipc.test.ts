import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';
import { IPC_CHANNEL, type Result } from '../../main/contract/index.js';
import type { HandlerContext } from '../errors.js';
import {
  createQueryHandler,
  isTrustedEvent,
  registerQueryHandler,
  type SenderInfo,
} from '../../main/electron/ipc.js';

const APP_URL = 'file:///opt/atlas/dist/renderer/index.html';
const WINDOW_ID = 7;

function event(overrides: Partial<{ id: number; url: string; parent: unknown }> = {}): SenderInfo {
  return {
    sender: { id: overrides.id ?? WINDOW_ID },
    senderFrame: { url: overrides.url ?? APP_URL, parent: overrides.parent ?? null },
  };
}

let db: Database.Database;
let context: HandlerContext;

beforeAll(() => {
  db = openAtlasDatabase(':memory:');
  context = { db, databasePath: ':memory:', today: () => '2026-12-04' };
});

afterAll(() => closeDatabase(db));

describe('isTrustedEvent', () => {
  it('trusts the main frame of the app window on the app page', () => {
    expect(isTrustedEvent(event(), APP_URL, WINDOW_ID)).toBe(true);
  });

  it('rejects other windows, subframes, foreign pages and lost frames', () => {
    expect(isTrustedEvent(event({ id: 8 }), APP_URL, WINDOW_ID)).toBe(false);
    expect(isTrustedEvent(event({ parent: {} }), APP_URL, WINDOW_ID)).toBe(false);
    expect(isTrustedEvent(event({ url: 'https://example.org/' }), APP_URL, WINDOW_ID)).toBe(false);
    expect(isTrustedEvent(event(), APP_URL, undefined)).toBe(false);
    expect(isTrustedEvent({ sender: { id: WINDOW_ID }, senderFrame: null }, APP_URL, WINDOW_ID)).toBe(
      false,
    );
  });
});

describe('createQueryHandler', () => {
  const handler = createQueryHandler({
    appUrl: APP_URL,
    getWindowContentsId: () => WINDOW_ID,
    getContext: () => context,
  });

  it('runs a query from the app window', () => {
    const result = handler(event(), { name: 'appInfo', input: {} }) as Result<{
      counts: { bodies: number };
    }>;

    expect(result.ok).toBe(true);
    const bodies = result.ok ? result.value.counts.bodies : 0;
    expect(bodies).toBeGreaterThan(0);
  });

  it('returns error values for bad requests', () => {
    const unknown = handler(event(), { name: 'dropTables', input: {} });
    const invalid = handler(event(), { name: 'bodyProfile', input: { id: '' } });
    const notObject = handler(event(), 'appInfo');

    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_query' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(notObject).toMatchObject({ ok: false, error: { code: 'unknown_query' } });
  });

  it('throws for an untrusted sender without running the query', () => {
    const getContext = vi.fn(() => context);
    const guarded = createQueryHandler({
      appUrl: APP_URL,
      getWindowContentsId: () => WINDOW_ID,
      getContext,
    });

    expect(() => guarded(event({ url: 'file:///tmp/evil.html' }), { name: 'appInfo' })).toThrow(
      'may not call',
    );
    expect(getContext).not.toHaveBeenCalled();
  });

  it('reports a closed database as a database error', () => {
    const closed = createQueryHandler({
      appUrl: APP_URL,
      getWindowContentsId: () => WINDOW_ID,
      getContext: () => undefined,
    });

    expect(closed(event(), { name: 'appInfo', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'database_error' },
    });
  });
});

describe('registerQueryHandler', () => {
  it('registers on the contract channel', () => {
    const ipcMain = { handle: vi.fn() };

    registerQueryHandler(ipcMain, {
      appUrl: APP_URL,
      getWindowContentsId: () => WINDOW_ID,
      getContext: () => context,
    });

    expect(ipcMain.handle).toHaveBeenCalledExactlyOnceWith(IPC_CHANNEL, expect.any(Function));
  });
});
