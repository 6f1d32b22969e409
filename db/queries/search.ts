import type Database from 'better-sqlite3';

import type { SearchHit } from '../../main/contract/types.js';

interface Candidate {
  hit: Omit<SearchHit, 'matched'>;
  /** Codes match only in full ("FR" finds France, not Africa). */
  codes: string[];
  names: string[];
}

/**
 * Folds case, accents, apostrophes and hyphens so that "cote d ivoire"
 * finds "Côte d'Ivoire".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`-]/g, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

/** Tells whether another name is an abbreviation (capitals only, such as UK). */
function isAbbreviation(name: string): boolean {
  return /^[A-Z]+$/.test(name);
}

function readCandidates(db: Database.Database): Candidate[] {
  const countries = db
    .prepare(
      `SELECT iso3, iso2, name_en, name_fr, name_es, other_names, region FROM countries`,
    )
    .all() as {
    iso3: string;
    iso2: string | null;
    name_en: string;
    name_fr: string;
    name_es: string;
    other_names: string;
    region: string;
  }[];
  const bodies = db
    .prepare('SELECT id, kind, short_name, name, scope FROM bodies')
    .all() as { id: string; kind: string; short_name: string; name: string; scope: string }[];
  const themes = db
    .prepare(
      `SELECT t.id, t.name, t.spellings,
              (SELECT count(*) FROM body_themes bt WHERE bt.theme_id = t.id) AS iscms
       FROM themes t`,
    )
    .all() as { id: string; name: string; spellings: string; iscms: number }[];

  return [
    ...countries.map((row) => {
      const others = row.other_names.split('|').filter(Boolean);
      return {
        hit: { type: 'country' as const, id: row.iso3, label: row.name_en, detail: row.region },
        codes: [row.iso3, row.iso2 ?? '', ...others.filter(isAbbreviation)].filter(Boolean),
        names: [row.name_en, row.name_fr, row.name_es, ...others.filter((name) => !isAbbreviation(name))],
      };
    }),
    ...bodies.map((row) => ({
      hit: {
        type: 'body' as const,
        id: row.id,
        label: row.short_name,
        detail: `${row.kind === 'iscm' ? 'ISCM' : 'IGO'}, ${row.scope}: ${row.name}`,
      },
      codes: [row.id],
      names: [row.short_name, row.name],
    })),
    ...themes.map((row) => ({
      hit: {
        type: 'theme' as const,
        id: row.id,
        label: row.name,
        detail: `theme of ${row.iscms} ISCMs`,
      },
      codes: [],
      names: [row.name, ...row.spellings.split('|').map((s) => s.trim()).filter(Boolean)],
    })),
  ];
}

/** Scores how well `name` matches the folded query: lower is better, null is no match. */
function scoreName(name: string, query: string): number | null {
  const folded = foldForSearch(name);
  if (folded === query) return 1;
  if (folded.startsWith(query)) return 2;
  if (folded.split(/[\s(),]+/).some((word) => word.startsWith(query))) return 3;
  if (folded.includes(query)) return 4;
  return null;
}

function score(candidate: Candidate, query: string): { score: number; matched: string } | null {
  const code = candidate.codes.find((value) => foldForSearch(value) === query);
  if (code) return { score: 0, matched: code };

  let best: { score: number; matched: string } | null = null;
  for (const name of candidate.names) {
    const nameScore = scoreName(name, query);
    if (nameScore !== null && (best === null || nameScore < best.score)) {
      best = { score: nameScore, matched: name };
    }
  }
  return best;
}

/**
 * Finds countries, bodies and themes by code, name (English, French or
 * Spanish) or spelling; best matches first.
 */
export function search(db: Database.Database, text: string, limit: number): SearchHit[] {
  const query = foldForSearch(text);

  const scored: { hit: SearchHit; score: number }[] = [];
  for (const candidate of readCandidates(db)) {
    const match = score(candidate, query);
    if (match) {
      scored.push({ hit: { ...candidate.hit, matched: match.matched }, score: match.score });
    }
  }

  scored.sort(
    (a, b) => a.score - b.score || a.hit.label.localeCompare(b.hit.label),
  );
  return scored.slice(0, limit).map((entry) => entry.hit);
}
