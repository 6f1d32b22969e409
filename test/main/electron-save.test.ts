import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SaveDialogOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';
import type { Result } from '../../main/contract/index.js';
import { createQueryHandler, type SenderInfo } from '../../main/electron/ipc.js';
import {
  createFileSaver,
  saveDialogOptions,
  type SaveDialogChoice,
} from '../../main/electron/save.js';
import type { HandlerContext } from '../../main/handlers/context.js';

const APP_URL = 'file:///opt/atlas/dist/renderer/index.html';
const WINDOW_ID = 7;
const FROM_PAGE: SenderInfo = {
  sender: { id: WINDOW_ID },
  senderFrame: { url: APP_URL, parent: null },
};

let folder: string;
let context: HandlerContext;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-save-'));
  const databasePath = join(folder, 'atlas.sqlite');
  context = { db: openAtlasDatabase(databasePath), databasePath, today: () => '2026-12-04' };
});

afterAll(() => {
  closeDatabase(context.db);
  rmSync(folder, { recursive: true, force: true });
});

/** A save dialog that records its options and returns the given choice. */
function fakeDialog(choice: SaveDialogChoice) {
  const calls: SaveDialogOptions[] = [];
  const showSaveDialog = async (options: SaveDialogOptions) => {
    calls.push(options);
    return choice;
  };
  return { calls, showSaveDialog };
}

function fileOf(name: string, text: string) {
  return { fileName: name, mediaType: 'text/plain', bytes: Buffer.from(text) };
}

describe('saveDialogOptions', () => {
  it('proposes the name in the folder, its type first', () => {
    const options = saveDialogOptions('iscm-atlas-memberships-2026-12-04.xlsx', '/home/ana/Documents');

    expect(options.defaultPath).toBe(
      join('/home/ana/Documents', 'iscm-atlas-memberships-2026-12-04.xlsx'),
    );
    expect(options.filters).toEqual([
      { name: 'Excel workbook', extensions: ['xlsx'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(options.properties).toContain('createDirectory');
  });

  it('offers every file type the app saves', () => {
    const names = ['a.zip', 'a.json', 'a.geojson', 'a.svg', 'a.png'];

    const firstFilters = names.map((name) => saveDialogOptions(name, '/d').filters?.[0].name);

    expect(firstFilters).toEqual([
      'ZIP archive of CSV files',
      'JSON dataset',
      'GeoJSON',
      'SVG image',
      'PNG image',
    ]);
  });

  it('falls back to all files and the bare name', () => {
    const options = saveDialogOptions('notes', '');

    expect(options.defaultPath).toBe('notes');
    expect(options.filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});

describe('createFileSaver', () => {
  it('writes nothing when the dialog is cancelled', async () => {
    const dialog = fakeDialog({ canceled: true, filePath: '' });
    const writeFile = vi.fn(async () => {});
    const save = createFileSaver({ ...dialog, defaultFolder: () => folder, writeFile });

    const result = await save(fileOf('a.json', '{}'));

    expect(result).toEqual({ cancelled: true });
    expect(writeFile).not.toHaveBeenCalled();
    expect(dialog.calls[0].defaultPath).toBe(join(folder, 'a.json'));
  });

  it('writes the chosen file, then reopens its folder', async () => {
    const target = join(folder, 'chosen', 'export.json');
    const dialog = fakeDialog({ canceled: false, filePath: target });
    const save = createFileSaver({ ...dialog, defaultFolder: () => '/nowhere' });

    const first = await save(fileOf('a.json', '{"saved":true}'));
    await save(fileOf('b.json', '{"saved":2}'));

    expect(first).toEqual({ savedPath: target });
    expect(readFileSync(target, 'utf8')).toBe('{"saved":2}');
    expect(dialog.calls[0].defaultPath).toBe(join('/nowhere', 'a.json'));
    expect(dialog.calls[1].defaultPath).toBe(join(folder, 'chosen', 'b.json'));
    expect(readdirSync(join(folder, 'chosen'))).toEqual(['export.json']);
  });

  it('reports a path it cannot write as a file error', async () => {
    const blocker = join(folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const target = join(blocker, 'export.json');
    const dialog = fakeDialog({ canceled: false, filePath: target });
    const save = createFileSaver({ ...dialog, defaultFolder: () => folder });

    const attempt = save(fileOf('export.json', '{}'));

    await expect(attempt).rejects.toMatchObject({ code: 'file_error' });
    await expect(attempt).rejects.toThrow(`Saving ${target} failed`);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });
});

describe('exportFile over IPC', () => {
  function handlerWith(choice: SaveDialogChoice) {
    const dialog = fakeDialog(choice);
    const handler = createQueryHandler({
      appUrl: APP_URL,
      getWindowContentsId: () => WINDOW_ID,
      getContext: () => context,
      saveFile: createFileSaver({ ...dialog, defaultFolder: () => join(folder, 'documents') }),
    });
    return { handler, dialog };
  }

  it('writes nothing when the user cancels', async () => {
    const { handler, dialog } = handlerWith({ canceled: true, filePath: '' });

    const result = await handler(FROM_PAGE, { name: 'exportFile', input: { format: 'xlsx' } });

    expect(result).toEqual({ ok: true, value: { cancelled: true } });
    expect(dialog.calls).toHaveLength(1);
    expect(dialog.calls[0].defaultPath).toBe(
      join(folder, 'documents', 'iscm-atlas-memberships-2026-12-04.xlsx'),
    );
    expect(existsSync(join(folder, 'documents'))).toBe(false);
  });

  it('saves the workbook where the user chose and returns the path', async () => {
    const target = join(folder, 'out', 'atlas.xlsx');
    const { handler } = handlerWith({ canceled: false, filePath: target });

    const result = (await handler(FROM_PAGE, {
      name: 'exportFile',
      input: { format: 'xlsx', asOf: '2024-06-30' },
    })) as Result<unknown>;

    expect(result).toEqual({ ok: true, value: { savedPath: target } });
    expect(readFileSync(target).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it('saves a map image the page drew', async () => {
    const target = join(folder, 'out', 'map.svg');
    const { handler, dialog } = handlerWith({ canceled: false, filePath: target });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';

    const result = await handler(FROM_PAGE, {
      name: 'saveFile',
      input: {
        fileName: 'iscm-atlas-map-2026-12-04.svg',
        mediaType: 'image/svg+xml',
        dataBase64: Buffer.from(svg).toString('base64'),
      },
    });

    expect(result).toEqual({ ok: true, value: { savedPath: target } });
    expect(readFileSync(target, 'utf8')).toBe(svg);
    expect(dialog.calls[0].filters?.[0].name).toBe('SVG image');
  });

  it('rejects a file query from an untrusted sender before any dialog', () => {
    const { handler, dialog } = handlerWith({ canceled: false, filePath: join(folder, 'x') });
    const foreign = { ...FROM_PAGE, senderFrame: { url: 'https://example.org/', parent: null } };

    expect(() => handler(foreign, { name: 'exportFile', input: { format: 'json' } })).toThrow(
      'may not call',
    );
    expect(dialog.calls).toHaveLength(0);
  });

  it('returns the bytes when no save dialog is wired', async () => {
    const handler = createQueryHandler({
      appUrl: APP_URL,
      getWindowContentsId: () => WINDOW_ID,
      getContext: () => context,
    });

    const result = (await handler(FROM_PAGE, {
      name: 'exportFile',
      input: { format: 'json' },
    })) as Result<{ dataBase64: string }>;

    expect(result.ok).toBe(true);
    const text = result.ok ? Buffer.from(result.value.dataBase64, 'base64').toString() : '';
    expect(JSON.parse(text).schema_version).toBe(1);
  });
});
