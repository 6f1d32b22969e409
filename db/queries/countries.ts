import type Database from 'better-sqlite3';

import type { CountryRef, CountryTheme, Membership } from '../../main/contract/types.js';

interface CountryRow {
  iso3: string;
  iso2: string | null;
  numeric: string | null;
  name_en: string;
  name_fr: string;
  name_es: string;
  region: string;
  subregion: string;
  lat: number;
  lng: number;
  in_dataset: number;
}

const COUNTRY_SELECT = `
  SELECT c.*,
         EXISTS (
           SELECT 1 FROM baseline_memberships m WHERE m.iso3 = c.iso3
           UNION ALL
           SELECT 1 FROM membership_changes x WHERE x.iso3 = c.iso3
         ) AS in_dataset
  FROM countries c`;

function toCountryRef(row: CountryRow): CountryRef {
  return {
    iso3: row.iso3,
    iso2: row.iso2,
    numeric: row.numeric,
    name: row.name_en,
    nameFr: row.name_fr,
    nameEs: row.name_es,
    region: row.region,
    subregion: row.subregion,
    lat: row.lat,
    lng: row.lng,
    inDataset: row.in_dataset === 1,
  };
}

/** Lists every ISO 3166-1 country and territory by English name. */
export function listCountries(db: Database.Database): CountryRef[] {
  const rows = db
    .prepare(`${COUNTRY_SELECT} ORDER BY c.name_en COLLATE NOCASE`)
    .all() as CountryRow[];
  return rows.map(toCountryRef);
}

/** Returns one country by alpha-3 code, or undefined. */
export function findCountry(db: Database.Database, iso3: string): CountryRef | undefined {
  const row = db.prepare(`${COUNTRY_SELECT} WHERE c.iso3 = ?`).get(iso3) as
    | CountryRow
    | undefined;
  return row && toCountryRef(row);
}

/**
 * Lists the themes a country covers through the given ISCM memberships,
 * each with the short names of the ISCMs that bring it.
 */
export function themesThrough(
  db: Database.Database,
  iscms: Membership[],
): CountryTheme[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.name, b.short_name
       FROM body_themes bt
       JOIN themes t ON t.id = bt.theme_id
       JOIN bodies b ON b.id = bt.body_id
       WHERE bt.body_id IN (SELECT value FROM json_each(?))
       ORDER BY t.name COLLATE NOCASE, b.short_name COLLATE NOCASE`,
    )
    .all(JSON.stringify(iscms.map((membership) => membership.bodyId))) as {
    id: string;
    name: string;
    short_name: string;
  }[];

  const themes = new Map<string, CountryTheme>();
  for (const row of rows) {
    const theme = themes.get(row.id) ?? { id: row.id, name: row.name, viaBodies: [] };
    theme.viaBodies.push(row.short_name);
    themes.set(row.id, theme);
  }
  return [...themes.values()];
}
