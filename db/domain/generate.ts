import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import { createLogger } from '../logger.js';
import { FIRST_CHANGE_DAY, checkToday } from './dates.js';

const log = createLogger('db/domain/generate');

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

function daysBetween(first: string, last: string): number {
  return Math.round(
    (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS,
  );
}

/**
 * Inserts `count` generated changes in one transaction, for benchmarks, and
 * returns how many it inserted. They follow the table of kinds: each
 * baseline member pair without records gets "left" then "joined" in turn,
 * on days spread from 2021-01-01 to `today`. It skips the per-record checks
 * of recordChange, so it is only for test and benchmark databases.
 */
export function generateChanges(
  db: Database.Database,
  count: number,
  options: { today: string; author?: string; now?: Date },
): number {
  checkToday(options.today);
  if (options.today < FIRST_CHANGE_DAY) {
    throw new RangeError(
      `today must be ${FIRST_CHANGE_DAY} or later, not ${options.today}`,
    );
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole number of 0 or more, not ${count}`);
  }

  const pairs = db
    .prepare(
      `SELECT m.body_id, m.iso3 FROM baseline_memberships m
       WHERE m.role = 'member' AND NOT EXISTS (
         SELECT 1 FROM membership_changes c
         WHERE c.body_id = m.body_id AND c.iso3 = m.iso3
       )
       ORDER BY m.body_id, m.iso3`,
    )
    .all() as { body_id: string; iso3: string }[];
  if (count > 0 && pairs.length === 0) {
    throw new Error('No baseline member pair is free of records to generate changes on.');
  }

  const started = Date.now();
  const perPair = Math.ceil(count / Math.max(pairs.length, 1));
  const span = daysBetween(FIRST_CHANGE_DAY, options.today);
  const recordedAt = (options.now ?? new Date()).toISOString();
  const insert = db.prepare(
    `INSERT INTO membership_changes
       (id, body_id, iso3, kind, role_after, effective_date, effective_day,
        source, author, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  db.transaction(() => {
    for (let index = 0; index < count; index++) {
      const pair = pairs[index % pairs.length];
      // The k-th change of a pair: even k leaves, odd k joins again.
      const k = Math.floor(index / pairs.length);
      const day = addDays(FIRST_CHANGE_DAY, Math.floor((k * span) / perPair));
      const leaves = k % 2 === 0;
      insert.run(
        randomUUID(),
        pair.body_id,
        pair.iso3,
        leaves ? 'left' : 'joined',
        leaves ? null : 'member',
        day,
        day,
        'generated for a benchmark',
        options.author ?? 'generator',
        recordedAt,
      );
    }
  })();

  log.info(
    `generated ${count} changes on ${pairs.length} pairs in ${Date.now() - started} ms`,
  );
  return count;
}
