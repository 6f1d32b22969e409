/** The file queries over the preview's HTTP API, on a database file in a temporary folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';
import type { BackupEntry, Result } from '../../main/contract/index.js';
import { backUpAtStart } from '../../main/handlers/backups.js';
import {
  startPreviewServer,
  TOKEN_HEADER,
  type PreviewServer,
} from '../../main/preview/server.js';

let folder: string;
let db: Database.Database;
let server: PreviewServer;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-preview-files-'));
  writeFileSync(
    join(folder, 'index.html'),
    '<html><head><meta name="atlas-preview-token" content="" /></head></html>',
  );
  const databasePath = join(folder, 'atlas.sqlite');
  db = openAtlasDatabase(databasePath);
  await backUpAtStart(db, databasePath);
  server = await startPreviewServer({
    context: { db, databasePath, today: () => '2026-12-04' },
    staticFolder: folder,
    port: 0,
  });
});

afterAll(async () => {
  await server.close();
  closeDatabase(db);
  rmSync(folder, { recursive: true, force: true });
});

async function post<T>(name: string, input: unknown): Promise<Result<T>> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token },
    body: JSON.stringify({ name, input }),
  });
  return (await response.json()) as Result<T>;
}

describe('preview file queries', () => {
  it('returns an export as bytes to download', async () => {
    const result = await post<{ fileName: string; dataBase64: string }>('exportFile', {
      format: 'json',
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.fileName).toBe('iscm-atlas-dataset-2026-12-04.json');
    const document = JSON.parse(Buffer.from(result.value.dataBase64, 'base64').toString());
    expect(document.schema_version).toBe(1);
  });

  it('answers saveFile as unsupported', async () => {
    const result = await post('saveFile', {
      fileName: 'map.svg',
      mediaType: 'image/svg+xml',
      dataBase64: Buffer.from('<svg/>').toString('base64'),
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('lists the backup made at start', async () => {
    const result = await post<BackupEntry[]>('listBackups', {});

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(1);
    expect(result.value[0].reason).toEqual({ kind: 'start' });
  });

  it('accepts an import request larger than 1 MiB', async () => {
    const padding = ' '.repeat(2 * 1024 * 1024);
    const result = await post<{ status: string; problems: { where: string; message: string }[] }>(
      'previewImport',
      { fileName: 'padded.json', text: `${padding}{"schema_version": 99}` },
    );

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe('rejected');
    expect(result.value.problems[0].message).toMatch(/schema_version|schema version/);
  });
});
