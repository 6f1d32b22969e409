import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { RecordBatch } from '../../../db/domain/batch.js';
import { planCorrection, recordCorrection } from '../../../db/domain/correction.js';
import { planChange, recordChange } from '../../../db/domain/record.js';
import { planRevert, revertRecord } from '../../../db/domain/revert.js';
import { findRuleProblems } from '../../../db/domain/timeline.js';
import { AtlasError } from '../../../db/errors.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { AUTHOR, CONTEXT, change, countRows, expectAtlasError } from './helpers.js';

/** Makes a UUID from a counter, so that two runs use the same ids. */
function uuid(counter: number): string {
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

function at(counter: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString();
}

type Operation =
  | { type: 'change'; id: string; bodyId: string; iso3: string; kind: string; newRole?: string; date: string }
  | { type: 'correction'; id: string; bodyId: string; iso3: string; action: string; role?: string }
  | { type: 'revert'; id: string; targetId: string };

/** Returns a small deterministic generator (mulberry32), so failures repeat. */
function randomNumbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds writes on a few pairs: changes of every kind, mostly later than
 * the pair's last change but a quarter back-dated, corrections, and
 * reverts of earlier writes.
 */
function randomOperations(count: number, seed: number): Operation[] {
  const random = randomNumbers(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const pairs = [
    ['au', 'MLI'],
    ['au', 'GAB'],
    ['asean', 'TLS'],
    ['ecowas', 'GIN'],
  ] as const;
  const kinds = [
    'joined',
    'left',
    'suspended',
    'suspended',
    'reinstated',
    'reinstated',
    'role_changed',
    'role_changed',
  ] as const;
  const roles = ['member', 'observer', 'associate', 'associate', 'participant'] as const;
  const operations: Operation[] = [];
  const lastMonth = new Map<string, number>();

  for (let index = 0; index < count; index++) {
    const id = uuid(index + 1);
    const [bodyId, iso3] = pick(pairs);
    const draw = random();
    if (draw < 0.1 && operations.length > 0) {
      operations.push({ type: 'revert', id, targetId: pick(operations).id });
    } else if (draw < 0.17) {
      const action = pick(['add', 'change_role', 'remove'] as const);
      const role = action === 'remove' ? undefined : pick([...roles, 'suspended']);
      operations.push({ type: 'correction', id, bodyId, iso3, action, role });
    } else {
      const kind = pick(kinds);
      const previous = lastMonth.get(`${bodyId}/${iso3}`) ?? 1;
      const month =
        random() < 0.25 || previous > 66
          ? 1 + Math.floor(random() * previous)
          : previous + Math.floor(random() * 3);
      lastMonth.set(`${bodyId}/${iso3}`, Math.max(previous, month));
      const year = 2021 + Math.floor((month - 1) / 12);
      const date = `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`;
      const newRole = kind === 'role_changed' ? pick(roles) : undefined;
      operations.push({ type: 'change', id, bodyId, iso3, kind, newRole, date });
    }
  }
  return operations;
}

/** Returns "ok", or the message of the AtlasError that `write` throws. */
function outcomeOf(write: () => unknown): string {
  try {
    write();
    return 'ok';
  } catch (error) {
    if (!(error instanceof AtlasError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

function runOneByOne(db: Database.Database, operations: Operation[]): string[] {
  return operations.map((operation, index) =>
    outcomeOf(() => {
      const recordedAt = at(index);
      if (operation.type === 'change') {
        const { id, bodyId, iso3, kind, newRole, date } = operation;
        return recordChange(db, change(bodyId, iso3, kind, date, { id, newRole, recordedAt }), CONTEXT);
      }
      if (operation.type === 'correction') {
        const { id, bodyId, iso3, action, role } = operation;
        const input = { id, bodyId, iso3, action, role, source: 'https://example.org', recordedAt };
        return recordCorrection(db, input, { author: AUTHOR });
      }
      return revertRecord(db, operation.targetId, { id: operation.id, author: AUTHOR, recordedAt });
    }),
  );
}

function runInOneBatch(db: Database.Database, operations: Operation[]): string[] {
  const batch = new RecordBatch(db);
  const outcomes = operations.map((operation, index) =>
    outcomeOf(() => {
      const recordedAt = at(index);
      if (operation.type === 'change') {
        const { id, bodyId, iso3, kind, newRole, date } = operation;
        return planChange(batch, change(bodyId, iso3, kind, date, { id, newRole, recordedAt }), CONTEXT);
      }
      if (operation.type === 'correction') {
        const { id, bodyId, iso3, action, role } = operation;
        const input = { id, bodyId, iso3, action, role, source: 'https://example.org', recordedAt };
        return planCorrection(batch, input, { author: AUTHOR });
      }
      return planRevert(batch, operation.targetId, { id: operation.id, author: AUTHOR, recordedAt });
    }),
  );
  db.transaction(() => batch.write())();
  return outcomes;
}

function storedRows(db: Database.Database): unknown[] {
  return [
    ...db.prepare('SELECT * FROM membership_changes ORDER BY seq').all(),
    ...db.prepare('SELECT * FROM membership_reverts ORDER BY seq').all(),
  ];
}

describe('RecordBatch', () => {
  it.each([1, 2, 3, 4])('matches one-by-one writes, seed %i', (seed) => {
    const operations = randomOperations(400, seed);
    const oneByOne = openAtlasDatabase(':memory:');
    const batched = openAtlasDatabase(':memory:');

    const expected = runOneByOne(oneByOne, operations);
    const actual = runInOneBatch(batched, operations);

    expect(expected.filter((outcome) => outcome === 'ok').length).toBeGreaterThan(30);
    expect(expected.filter((outcome) => outcome !== 'ok').length).toBeGreaterThan(30);
    actual.forEach((outcome, index) => {
      expect(outcome, `operation ${index}: ${JSON.stringify(operations[index])}`).toBe(
        expected[index],
      );
    });
    expect(storedRows(batched)).toEqual(storedRows(oneByOne));
    expect(findRuleProblems(batched)).toEqual([]);
  });

  it('checks a change against changes planned before it', () => {
    const db = openAtlasDatabase(':memory:');
    const batch = new RecordBatch(db);
    planChange(batch, change('au', 'MLI', 'suspended', '2021-06-01'), CONTEXT);

    const error = expectAtlasError(
      () => planChange(batch, change('au', 'MLI', 'suspended', '2021-07-01'), CONTEXT),
      'rule_violation',
      'kind',
    );

    expect(error.message).toContain('it had the role suspended then');
  });

  it('writes nothing before write', () => {
    const db = openAtlasDatabase(':memory:');
    const batch = new RecordBatch(db);

    planChange(batch, change('au', 'MLI', 'suspended', '2021-06-01'), CONTEXT);
    planChange(batch, change('au', 'MLI', 'reinstated', '2022-06-01'), CONTEXT);

    expect(countRows(db, 'membership_changes')).toBe(0);
    db.transaction(() => batch.write())();
    expect(countRows(db, 'membership_changes')).toBe(2);
  });

  it('rejects an id planned earlier', () => {
    const db = openAtlasDatabase(':memory:');
    const batch = new RecordBatch(db);
    const id = uuid(7);
    planChange(batch, change('au', 'MLI', 'suspended', '2021-06-01', { id }), CONTEXT);

    const error = expectAtlasError(
      () => planChange(batch, change('au', 'GAB', 'suspended', '2021-06-01', { id }), CONTEXT),
      'conflict',
      'id',
    );

    expect(error.message).toContain(`A record with id ${id} already exists`);
  });

  it('rejects a second revert of a planned record', () => {
    const db = openAtlasDatabase(':memory:');
    const batch = new RecordBatch(db);
    const left = planChange(batch, change('ecowas', 'GIN', 'left', '2022-01-01'), CONTEXT);
    const revert = planRevert(batch, left.id, { author: AUTHOR });

    const again = expectAtlasError(() => planRevert(batch, left.id, { author: AUTHOR }), 'conflict');
    const ofRevert = expectAtlasError(
      () => planRevert(batch, revert.id, { author: AUTHOR }),
      'rule_violation',
    );

    expect(again.message).toContain(`is already reverted by ${revert.id}`);
    expect(ofRevert.message).toContain('a revert cannot be reverted');
  });

  it('uses stored ids read in bulk', () => {
    const db = openAtlasDatabase(':memory:');
    const stored = recordChange(db, change('au', 'MLI', 'suspended', '2021-06-01'), CONTEXT);
    const batch = new RecordBatch(db);
    batch.readStoredIds();

    const error = expectAtlasError(
      () =>
        planChange(batch, change('au', 'GAB', 'suspended', '2021-06-01', { id: stored.id }), CONTEXT),
      'conflict',
      'id',
    );

    expect(error.message).toContain(`A record with id ${stored.id} already exists`);
  });
});
