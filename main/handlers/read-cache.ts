import type Database from 'better-sqlite3';

import type { QueryName } from '../contract/index.js';

/**
 * Reads whose results depend only on their input, today's date and the
 * database contents. Each costs a pass over every membership as of a day
 * (or returns a large unchanging list), so repeating it on every map
 * redraw is the main cost of the API.
 */
const CACHED_READS = new Set<QueryName>([
  'listCountries',
  'listBodies',
  'listThemes',
  'mapSummary',
  'themeTables',
  'bodyProfile',
  'countryProfile',
  'search',
]);

const MAX_ENTRIES = 64;

interface Cache {
  version: string;
  entries: Map<string, unknown>;
  versionStatement: Database.Statement;
}

const caches = new WeakMap<Database.Database, Cache>();

function cacheOf(db: Database.Database): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = {
      version: '',
      entries: new Map(),
      versionStatement: db.prepare('SELECT total_changes()').pluck(),
    };
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Identifies the database contents: total_changes() counts the rows this
 * connection has written, and PRAGMA data_version changes when another
 * connection (a restore, the command-line tool) commits.
 */
function contentVersion(db: Database.Database, cache: Cache): string {
  const otherWrites = db.pragma('data_version', { simple: true });
  return `${otherWrites}:${cache.versionStatement.get()}`;
}

/**
 * Returns the cached result of a read, or computes and keeps it. The cache
 * is emptied whenever the database contents change, so a result is never
 * older than the last write. Errors are not cached.
 */
export function cachedRead(
  db: Database.Database,
  name: QueryName,
  key: string,
  compute: () => unknown,
): unknown {
  if (!CACHED_READS.has(name)) return compute();

  const cache = cacheOf(db);
  const version = contentVersion(db, cache);
  if (version !== cache.version) {
    cache.entries.clear();
    cache.version = version;
  }

  const entryKey = `${name}\u0000${key}`;
  if (cache.entries.has(entryKey)) return cache.entries.get(entryKey);

  const value = compute();
  if (cache.entries.size >= MAX_ENTRIES) {
    const oldest = cache.entries.keys().next().value as string;
    cache.entries.delete(oldest);
  }
  cache.entries.set(entryKey, value);
  return value;
}
