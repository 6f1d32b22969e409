/**
 * A child process for the crash test: records valid membership changes
 * one at a time through recordChange, the same code the app runs, and
 * writes each record's id to stdout once its transaction has committed.
 *
 * Usage: node record-stream.js DATABASE TODAY MAX_RECORDS
 *
 * It stops after MAX_RECORDS records or 30 s, whichever comes first; the
 * test normally kills it with SIGKILL long before.
 */
import { writeSync } from 'node:fs';

import { closeDatabase } from '../../db/close.js';
import { FIRST_CHANGE_DAY, recordChange } from '../../db/domain/index.js';
import { openAtlasDatabase } from '../../db/open.js';

const MAX_RUN_MS = 30_000;
const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Writes a line with a blocking write, so that the line is in the pipe
 * before the next transaction starts. A pipe that is full for the moment
 * raises EAGAIN, and the write is tried again.
 */
function writeLine(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

function main(): void {
  const [path, today, maxText] = process.argv.slice(2);
  const maxRecords = Number(maxText);
  if (!path || !today || !Number.isInteger(maxRecords) || maxRecords < 1) {
    process.stderr.write('Usage: node record-stream.js DATABASE TODAY MAX_RECORDS\n');
    process.exit(2);
  }

  const db = openAtlasDatabase(path);
  const pairs = db
    .prepare(
      `SELECT m.body_id AS bodyId, m.iso3 FROM baseline_memberships m
       WHERE m.role = 'member' AND NOT EXISTS (
         SELECT 1 FROM membership_changes c
         WHERE c.body_id = m.body_id AND c.iso3 = m.iso3)
       ORDER BY m.body_id, m.iso3`,
    )
    .all() as { bodyId: string; iso3: string }[];
  if (pairs.length === 0) {
    process.stderr.write(`${path}: no baseline member pair is free of records.\n`);
    process.exit(1);
  }
  const deadline = Date.now() + MAX_RUN_MS;

  for (let index = 0; index < maxRecords && Date.now() < deadline; index++) {
    // Round k over all pairs: even rounds leave, odd rounds join again, each a day later.
    const round = Math.floor(index / pairs.length);
    const record = recordChange(
      db,
      {
        ...pairs[index % pairs.length],
        kind: round % 2 === 0 ? 'left' : 'joined',
        effectiveDate: addDays(FIRST_CHANGE_DAY, round),
        source: 'https://example.org/crash-test',
      },
      { today, author: 'Crash Test' },
    );
    writeLine(record.id);
  }
  closeDatabase(db);
}

main();
