import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import type { HandlerContext } from '../../main/handlers/context.js';
import { runQuery } from '../../main/handlers/dispatch.js';
import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';

function maliInAu(context: HandlerContext): string | null | undefined {
  const result = runQuery(context, {
    name: 'mapSummary',
    input: { asOf: '2021-06-01', filter: { type: 'body', id: 'au' } },
  });
  if (!result.ok) throw new Error(result.error.message);
  const summary = result.value as { countries: { iso3: string; highlight: string | null }[] };
  return summary.countries.find((country) => country.iso3 === 'MLI')?.highlight;
}

describe('read cache', () => {
  it('serves a repeated read from the cache', () => {
    const db = openAtlasDatabase(':memory:');
    const context = { db, databasePath: ':memory:', today: () => '2026-12-04' };

    const first = runQuery(context, { name: 'listBodies', input: {} });
    const second = runQuery(context, { name: 'listBodies', input: {} });

    expect(first.ok).toBe(true);
    expect(second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value).toBe(first.value);
  });

  it('drops results after a write through the API', () => {
    const db = openAtlasDatabase(':memory:');
    const context = { db, databasePath: ':memory:', today: () => '2026-12-04' };
    const before = maliInAu(context);

    const recorded = runQuery(context, {
      name: 'recordChange',
      input: {
        bodyId: 'au',
        iso3: 'MLI',
        kind: 'suspended',
        effectiveDate: '2021-06-01',
        source: 'https://example.org/au-communique',
      },
    });

    expect(before).toBe('member');
    expect(recorded.ok).toBe(true);
    expect(maliInAu(context)).toBe('suspended');
  });

  it('drops results after another connection writes', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atlas-cache-')), 'atlas.sqlite');
    const db = openAtlasDatabase(path);
    const context = { db, databasePath: path, today: () => '2026-12-04' };
    const before = maliInAu(context);

    const other = new Database(path);
    other
      .prepare("UPDATE baseline_memberships SET role = 'observer' WHERE body_id = 'au' AND iso3 = 'MLI'")
      .run();
    other.close();

    expect(before).toBe('member');
    expect(maliInAu(context)).toBe('observer');
    closeDatabase(db);
  });
});
