import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';

import { BASELINE_FOLDER } from './paths.js';

/** The counts of the 2020 dataset shipped with the application. */
export const BASELINE_COUNTS = {
  bodies: 58,
  themes: 48,
  bodyThemes: 345,
  memberships: 1714,
  organizations: 17,
} as const;

interface WorldCountry {
  cca2: string;
  ccn3: string;
  cca3: string;
  name: { common: string };
  translations: Record<string, { common: string } | undefined>;
  region: string;
  subregion?: string;
  latlng: [number, number];
}

/** world-countries writes Kosovo as UNK; ISO users and the dataset write XKX. */
const ISO3_OVERRIDES: Record<string, string> = { UNK: 'XKX' };

/** Makes a stable id from a theme name: "Migrants' rights" → "migrants-rights". */
export function themeIdFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(join(BASELINE_FOLDER, file), 'utf8');
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

function readWorldCountries(): WorldCountry[] {
  const require = createRequire(import.meta.url);
  return require('world-countries') as WorldCountry[];
}

function loadCountries(db: Database.Database): void {
  const insert = db.prepare(
    `INSERT INTO countries
       (iso3, iso2, numeric, name_en, name_fr, name_es, region, subregion, lat, lng)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const country of readWorldCountries()) {
    const name = country.name.common;
    insert.run(
      ISO3_OVERRIDES[country.cca3] ?? country.cca3,
      country.cca2 || null,
      country.ccn3 || null,
      name,
      country.translations.fra?.common ?? name,
      country.translations.spa?.common ?? name,
      country.region,
      country.subregion ?? '',
      country.latlng[0],
      country.latlng[1],
    );
  }
}

function loadBodies(db: Database.Database): void {
  const insert = db.prepare(
    `INSERT INTO bodies
       (id, kind, short_name, name, scope, region, established, secretariat,
        website, source_url, membership_confidence, membership_note)
     VALUES (@id, @kind, @short_name, @name, @scope, @region, @established,
        @secretariat, @website, @source_url, @membership_confidence,
        @membership_note)`,
  );
  for (const row of readCsv('bodies.csv')) insert.run(row);
}

function loadThemes(db: Database.Database): void {
  const insertTheme = db.prepare(
    'INSERT INTO themes (id, name, spellings) VALUES (?, ?, ?)',
  );
  for (const row of readCsv('themes.csv')) {
    insertTheme.run(themeIdFromName(row.theme), row.theme, row.spellings_in_seed);
  }

  const insertPair = db.prepare(
    `INSERT INTO body_themes (body_id, theme_id, in_table_by_area, in_table_by_iscm)
     VALUES (?, ?, ?, ?)`,
  );
  for (const row of readCsv('body_themes.csv')) {
    insertPair.run(
      row.body_id,
      themeIdFromName(row.theme),
      Number(row.in_table_by_area),
      Number(row.in_table_by_iscm),
    );
  }
}

function loadMemberships(db: Database.Database): void {
  const insert = db.prepare(
    `INSERT INTO baseline_memberships
       (body_id, iso3, role, country_as_written, listed_as_of, source_url,
        source_quote, note)
     VALUES (@body_id, @iso3, @role, @country, @as_of, @source_url,
        @source_quote, @note)`,
  );
  for (const row of readCsv('memberships.csv')) insert.run(row);

  const insertOrganization = db.prepare(
    `INSERT INTO organizations (body_id, name, role, source_url, source_quote)
     VALUES (@body_id, @organization, @role, @source_url, @source_quote)`,
  );
  for (const row of readCsv('organizations.csv')) insertOrganization.run(row);
}

/**
 * Loads the countries and the 2020 baseline into an empty, migrated
 * database, in one transaction. Foreign keys make a row that names an
 * unknown body or country fail the whole load.
 */
export function loadBaseline(db: Database.Database): void {
  db.transaction(() => {
    loadCountries(db);
    loadBodies(db);
    loadThemes(db);
    loadMemberships(db);
  })();
}
