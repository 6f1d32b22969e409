/**
 * Reads the shipped baseline CSVs directly, apart from the database code,
 * so tests can compare query results with an independent reading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

const BASELINE = join(import.meta.dirname, '..', '..', 'db', 'baseline');

export function readBaselineCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(BASELINE, file), 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
}

/** Body id → kind and scope, from bodies.csv. */
export function bodiesById(): Map<string, { kind: string; scope: string; shortName: string }> {
  return new Map(
    readBaselineCsv('bodies.csv').map((row) => [
      row.id,
      { kind: row.kind, scope: row.scope, shortName: row.short_name },
    ]),
  );
}

/** Counts each country's baseline ISCMs under the given switches. */
export function baselineIscmCounts(
  roles: string[] = ['member'],
  excludeGlobal = false,
): Map<string, number> {
  const bodies = bodiesById();
  const counts = new Map<string, number>();
  for (const row of readBaselineCsv('memberships.csv')) {
    const body = bodies.get(row.body_id)!;
    if (body.kind !== 'iscm' || !roles.includes(row.role)) continue;
    if (excludeGlobal && body.scope === 'global') continue;
    counts.set(row.iso3, (counts.get(row.iso3) ?? 0) + 1);
  }
  return counts;
}
