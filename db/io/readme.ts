import type Database from 'better-sqlite3';

import { BASELINE_DATE } from '../../main/contract/dates.js';
import type { CountOptions } from '../../main/contract/types.js';
import { countedRoles } from '../queries/as-of.js';
import type { AsOfOptions, Cell } from './types.js';

/** The United Nations boundary disclaimer that IOM's maps carry. */
export const UN_DISCLAIMER =
  'The boundaries and names shown and the designations used do not imply ' +
  'official endorsement or acceptance by the United Nations.';

/** Describes the ISCM count under the switches in one sentence. */
export function describeCount(count: CountOptions): string {
  const roles = countedRoles(count.includeRoles);
  const roleText =
    roles.length === 1
      ? 'is a member'
      : `is a ${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`;
  const globalText = count.excludeGlobal
    ? 'leaving out the global processes (GFMD, IDM)'
    : 'including the global processes (GFMD, IDM)';
  return `Counts the ISCMs in which a country ${roleText}, ${globalText}.`;
}

function changeSummary(db: Database.Database): string {
  const summary = db
    .prepare(
      `SELECT count(*) AS records, max(substr(recorded_at, 1, 10)) AS latest
       FROM membership_changes`,
    )
    .get() as { records: number; latest: string | null };

  if (summary.records === 0) return 'None recorded in this database.';
  return (
    `${summary.records} ${summary.records === 1 ? 'change or correction' : 'changes and corrections'} ` +
    'recorded by staff, the latest on ' +
    `${summary.latest}, each with its source (sheet changes).`
  );
}

function bodySources(db: Database.Database): Cell[][] {
  return db
    .prepare(
      `SELECT id, short_name, kind, source_url, membership_confidence
       FROM bodies ORDER BY kind DESC, short_name COLLATE NOCASE`,
    )
    .raw()
    .all() as Cell[][];
}

/**
 * Builds the rows of the README sheet: the as-of day, the count switches,
 * the sources and their dates, the licence note, the United Nations
 * disclaimer, what each sheet contains, and the source of each body's list.
 */
export function readmeRows(
  db: Database.Database,
  options: AsOfOptions,
  exportedAt: Date,
): Cell[][] {
  return [
    ['ISCM Atlas export'],
    [],
    ['As of', options.asOf],
    ['Exported at (UTC)', exportedAt.toISOString()],
    ['ISCM count', describeCount(options.count)],
    [],
    ['Sources'],
    [
      'Baseline',
      `IOM's page "Overlaps in ISCMs' thematic and geographic focus", as of 2020: ` +
        `its two theme tables, and the ISCMs and IGOs it names. Every baseline row ` +
        `states the situation on ${BASELINE_DATE}.`,
    ],
    [
      'Memberships',
      'Compiled from public sources (IOM ISCM pages, secretariat sites, encyclopedia ' +
        'pages, news reports), one source URL per row (sheet memberships, column source).',
    ],
    ['Changes after the baseline', changeSummary(db)],
    ['Country names and codes', 'The world-countries package; Kosovo is XKX.'],
    [],
    [
      'Licence',
      'Country names and codes come from world-countries under the Open Database ' +
        'License (ODbL) 1.0, which asks for attribution and for derived databases ' +
        'to be shared alike. Membership lists and themes come from the public sources ' +
        'named in each row: check their terms before republishing.',
    ],
    ['Disclaimer', UN_DISCLAIMER],
    [],
    ['Sheets'],
    ['memberships', 'Pairs of body and country in force on the as-of day, with role and source.'],
    ['matrix', 'One row per country, one column per body: the role, or empty.'],
    ['themes', "ISCM themes, and which of the two tables of IOM's page lists each pair."],
    ['changes', 'Every recorded change, correction and revert, in recording order.'],
    ['annotations', 'Notes on memberships, countries and bodies.'],
    [
      'countries',
      'One row per country taking part in any body: its ISCM count, and the number of ' +
        'ISCMs in which it has each role.',
    ],
    [],
    ['Source of each body list'],
    ['body_id', 'body', 'kind', 'source_url', 'membership_confidence'],
    ...bodySources(db),
  ];
}
