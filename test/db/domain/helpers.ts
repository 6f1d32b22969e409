import type Database from 'better-sqlite3';
import { expect } from 'vitest';

import type { ChangeInput } from '../../../db/domain/types.js';
import { AtlasError } from '../../../main/handlers/context.js';

/** The day the tests treat as today: effective dates run to 2027-12-04. */
export const TODAY = '2026-12-04';
export const AUTHOR = 'Test Author';
export const SOURCE = 'https://example.org/test-source';

export const CONTEXT = { today: TODAY, author: AUTHOR };

/** Builds a change input with a test source. */
export function change(
  bodyId: string,
  iso3: string,
  kind: string,
  effectiveDate: string,
  extra: Partial<ChangeInput> = {},
): ChangeInput {
  return { bodyId, iso3, kind, effectiveDate, source: SOURCE, ...extra };
}

/** Runs `action`, expects an AtlasError with `code` (and `field`), returns it. */
export function expectAtlasError(
  action: () => unknown,
  code: string,
  field?: string,
): AtlasError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }

  expect(caught).toBeInstanceOf(AtlasError);
  const error = caught as AtlasError;
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}

/** Counts the rows of a table. */
export function countRows(db: Database.Database, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
