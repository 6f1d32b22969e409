import type Database from 'better-sqlite3';

/** The row format of a statement: objects, the first column only, or arrays. */
export type StatementMode = 'object' | 'pluck' | 'raw';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Returns the prepared statement for `sql` on `db`, preparing it on first
 * use. Preparing costs more than running a short statement, and the domain
 * functions run the same statements for every record they check or write.
 * The cache is keyed by the mode too, because pluck() and raw() change the
 * statement object itself. It ends with the Database object.
 */
export function cachedStatement(
  db: Database.Database,
  sql: string,
  mode: StatementMode = 'object',
): Database.Statement {
  let statements = caches.get(db);
  if (statements === undefined) {
    statements = new Map();
    caches.set(db, statements);
  }

  const key = `${mode}\u0000${sql}`;
  let statement = statements.get(key);
  if (statement === undefined) {
    statement = db.prepare(sql);
    if (mode === 'pluck') statement.pluck();
    if (mode === 'raw') statement.raw();
    statements.set(key, statement);
  }
  return statement;
}
