/**
 * `npm run preview [-- --db FILE] [--port N] [--start-from-baseline]`:
 * starts the browser preview and prints its URL on a line of its own.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import type Database from 'better-sqlite3';

import { toIsoDay } from '../contract/index.js';
import { DatabaseDamagedError, openAtlasDatabase, startFromBaseline } from '../../db/open.js';
import { closeDatabase } from '../../db/close.js';
import { backUpAtStart } from '../handlers/backups.js';
import { DATABASE_FILE, defaultDataFolder } from '../paths.js';
import { startPreviewServer } from './server.js';

const USAGE = `Usage: npm run preview -- [options]

At start, the database is backed up into the folder "NAME-backups" next to
it, such as atlas-backups for atlas.sqlite. The last ten start backups are
kept, apart from the last ten made before imports and before restores.

Options:
  --db FILE               database file; created from the 2020 baseline if missing
                          (default: ${join(defaultDataFolder(), DATABASE_FILE)})
  --port N                TCP port on 127.0.0.1 (default: a free port)
  --start-from-baseline   set a damaged database file aside and start anew
  --help                  show this help`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`--port must be a whole number from 1 to 65535, not "${text}".`);
  }
  return port;
}

function openDatabase(path: string, fresh: boolean): Database.Database {
  try {
    return openAtlasDatabase(path);
  } catch (error) {
    if (!(error instanceof DatabaseDamagedError)) throw error;
    if (!fresh) {
      fail(`${error.message}\nRun again with --start-from-baseline to do so.`);
    }
    const started = startFromBaseline(path);
    process.stderr.write(`The damaged file was kept as ${started.setAsidePath}.\n`);
    return started.db;
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        'start-from-baseline': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const databasePath = resolve(values.db ?? join(defaultDataFolder(), DATABASE_FILE));
  const port = parsePort(values.port);
  const db = openDatabase(databasePath, values['start-from-baseline']);
  // The state before this session, for "Restore backup…"; a failure is
  // logged and the preview starts anyway.
  await backUpAtStart(db, databasePath);
  const here = dirname(fileURLToPath(import.meta.url));

  let server;
  try {
    server = await startPreviewServer({
      context: { db, databasePath, today: () => toIsoDay(new Date()) },
      staticFolder: resolve(here, '../../../renderer'),
      port,
    });
  } catch (error) {
    closeDatabase(db);
    fail(`The preview could not start: ${(error as Error).message}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping the preview\n`);
    server.close().finally(() => {
      closeDatabase(db);
      process.exit(0);
    });
  };
  // The handlers come before the URL because a caller may stop the preview
  // as soon as it reads the URL. Without them, the signal would end the
  // process without closing the database.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  process.stdout.write(`ISCM Atlas preview (database: ${databasePath})\n`);
  process.stdout.write(`${server.url}\n`);
}

main().catch((error: Error) => fail(`The preview failed: ${error.stack ?? error.message}`));
