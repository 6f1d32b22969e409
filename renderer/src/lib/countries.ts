import type { CountryRef } from '../../../main/contract/index.js';

/** Folds text for matching: lower case, without accents ("Côte" → "cote"). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/**
 * Finds the country that `text` names: an ISO alpha-3 or alpha-2 code, or
 * the English, French or Spanish name, ignoring case and accents. Returns
 * undefined when none or more than one matches.
 */
export function resolveCountry(
  countries: readonly CountryRef[],
  text: string,
): CountryRef | undefined {
  const needle = fold(text);
  if (needle === '') return undefined;

  const byCode = countries.find(
    (country) =>
      fold(country.iso3) === needle ||
      (country.iso2 !== null && fold(country.iso2) === needle),
  );
  if (byCode) return byCode;

  const byName = countries.filter((country) =>
    [country.name, country.nameFr, country.nameEs].some(
      (name) => fold(name) === needle,
    ),
  );
  return byName.length === 1 ? byName[0] : undefined;
}

/**
 * Lists up to `limit` countries whose code or name contains `text`. Names
 * and codes that start with it come first.
 */
export function suggestCountries(
  countries: readonly CountryRef[],
  text: string,
  limit = 8,
): CountryRef[] {
  const needle = fold(text);
  if (needle === '') return [];

  const scored: { country: CountryRef; score: number }[] = [];
  for (const country of countries) {
    const names = [country.name, country.nameFr, country.nameEs].map(fold);
    const codes = [country.iso3, country.iso2 ?? ''].map(fold);
    let score = -1;
    if (codes.includes(needle)) score = 0;
    else if (names.some((name) => name.startsWith(needle))) score = 1;
    else if (names.some((name) => name.includes(needle))) score = 2;
    if (score >= 0) scored.push({ country, score });
  }

  scored.sort(
    (a, b) => a.score - b.score || a.country.name.localeCompare(b.country.name),
  );
  return scored.slice(0, limit).map((entry) => entry.country);
}
