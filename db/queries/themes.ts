import type Database from 'better-sqlite3';

import type {
  ThemeListing,
  ThemeSummary,
  ThemeTables,
} from '../../main/contract/types.js';

/** Names which of IOM's two 2020 tables lists a body-theme pair. */
export function listingOf(inTableByArea: number, inTableByIscm: number): ThemeListing {
  if (inTableByArea && inTableByIscm) return 'both';
  return inTableByArea ? 'area_only' : 'iscm_only';
}

function splitSpellings(spellings: string): string[] {
  return spellings
    .split('|')
    .map((spelling) => spelling.trim())
    .filter((spelling) => spelling.length > 0);
}

/** Lists the themes by name, with how many ISCMs each has. */
export function listThemes(db: Database.Database): ThemeSummary[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.name, t.spellings, count(bt.body_id) AS iscm_count
       FROM themes t LEFT JOIN body_themes bt ON bt.theme_id = t.id
       GROUP BY t.id
       ORDER BY t.name COLLATE NOCASE`,
    )
    .all() as { id: string; name: string; spellings: string; iscm_count: number }[];

  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    spellings: splitSpellings(row.spellings),
    iscmCount: row.iscm_count,
  }));
}

/** Returns a theme's name, or undefined when the id is unknown. */
export function findThemeName(db: Database.Database, id: string): string | undefined {
  return db.prepare('SELECT name FROM themes WHERE id = ?').pluck().get(id) as
    | string
    | undefined;
}

/** Returns the themes, the ISCMs and every pair, for both theme tables. */
export function themeTables(db: Database.Database): ThemeTables {
  const iscms = db
    .prepare(
      `SELECT id, short_name AS shortName, name FROM bodies
       WHERE kind = 'iscm' ORDER BY short_name COLLATE NOCASE`,
    )
    .all() as ThemeTables['iscms'];

  const pairRows = db
    .prepare(
      `SELECT body_id, theme_id, in_table_by_area, in_table_by_iscm
       FROM body_themes ORDER BY body_id, theme_id`,
    )
    .all() as {
    body_id: string;
    theme_id: string;
    in_table_by_area: number;
    in_table_by_iscm: number;
  }[];

  return {
    themes: listThemes(db),
    iscms,
    pairs: pairRows.map((row) => ({
      bodyId: row.body_id,
      themeId: row.theme_id,
      listing: listingOf(row.in_table_by_area, row.in_table_by_iscm),
    })),
  };
}
