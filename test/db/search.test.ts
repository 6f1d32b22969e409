import { describe, expect, it } from 'vitest';

import { openAtlasDatabase } from '../../db/open.js';
import { search } from '../../db/queries/search.js';

const db = openAtlasDatabase(':memory:');

function firstCountry(text: string): string | undefined {
  return search(db, text, 10).find((hit) => hit.type === 'country')?.id;
}

describe('search by other country names', () => {
  it.each([
    ['Turkey', 'TUR'],
    ['Ivory Coast', 'CIV'],
    ['ivory', 'CIV'],
    ['Czech Republic', 'CZE'],
    ['Burma', 'MMR'],
    ['Cape Verde', 'CPV'],
    ['Great Britain', 'GBR'],
    ['Zaire', 'COD'],
  ])('finds %s', (text, iso3) => {
    expect(firstCountry(text)).toBe(iso3);
  });

  it.each([
    ['UK', 'GBR'],
    ['DRC', 'COD'],
    ['uae', 'ARE'],
    ['dprk', 'PRK'],
  ])('finds the abbreviation %s in full', (text, iso3) => {
    expect(firstCountry(text)).toBe(iso3);
  });

  it('matches abbreviations only in full', () => {
    const ids = search(db, 'dpr', 20).map((hit) => hit.id);

    expect(ids).not.toContain('PRK');
  });

  it('shows the official name and the name matched', () => {
    const hit = search(db, 'Turkey', 10).find((candidate) => candidate.id === 'TUR');

    expect(hit).toMatchObject({ label: 'Türkiye', matched: 'Turkey' });
  });
});
