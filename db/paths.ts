import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the project's `db/` folder, which contains the migrations and the
 * baseline CSVs. Compiled code runs from dist/node/db and sources from db/,
 * so walk up from this file until a folder with db/migrations appears.
 */
function findDbFolder(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(folder, 'db');
    if (existsSync(join(candidate, 'migrations'))) return candidate;
    if (existsSync(join(folder, 'migrations'))) return folder;
    folder = dirname(folder);
  }
  throw new Error(
    'Cannot find the db/migrations folder next to the application files; ' +
      'reinstall the application.',
  );
}

export const DB_FOLDER = findDbFolder();
export const MIGRATIONS_FOLDER = join(DB_FOLDER, 'migrations');
export const BASELINE_FOLDER = join(DB_FOLDER, 'baseline');
