import Database from 'better-sqlite3';
import type { z } from 'zod';

import {
  queries,
  type AtlasErrorValue,
  type FileQueryName,
  type QueryName,
  type QueryRequest,
  type Result,
} from '../contract/index.js';
import { createLogger } from '../../db/logger.js';
import { sqliteErrorValue } from '../../db/sqlite-errors.js';
import { AtlasError, type HandlerContext } from './context.js';
import { fileHandlers, type FileQueryOptions } from './files.js';
import { handlers, type SyncQueryName } from './index.js';
import { cachedRead } from './read-cache.js';

const log = createLogger('main/dispatch');

function isQueryName(name: unknown): name is QueryName {
  return typeof name === 'string' && Object.hasOwn(queries, name);
}

/** Turns the first zod issue into a message that names the field and the fix. */
function describeIssue(issues: z.core.$ZodIssue[]): { field?: string; message: string } {
  const issue = issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
  const where = field ? `The field "${field}"` : 'The input';
  return { field, message: `${where} is invalid: ${issue.message}.` };
}

/** Returns true for the queries that run asynchronously, through runFileQuery. */
export function isFileQuery(name: unknown): name is FileQueryName {
  return isQueryName(name) && queries[name].kind === 'file';
}

type ParsedRequest =
  | { ok: true; name: QueryName; input: unknown }
  | { ok: false; error: AtlasErrorValue };

/** Checks the name and the input of a request against the contract. */
function parseRequest(request: QueryRequest): ParsedRequest {
  const { name, input } = request;
  if (!isQueryName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown_query',
        message: `There is no query named "${String(name)}".`,
      },
    };
  }

  const parsed = queries[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const { field, message } = describeIssue(parsed.error.issues);
    return { ok: false, error: { code: 'invalid_input', message, field } };
  }
  return { ok: true, name, input: parsed.data };
}

/**
 * Runs one query for any adapter (IPC, HTTP, CLI): validates the name and
 * the input against the contract, runs the handler, and turns every failure
 * into an error value. Never throws. File queries are rejected here
 * because their handlers are asynchronous: adapters send them to
 * runFileQuery.
 */
export function runQuery(context: HandlerContext, request: QueryRequest): Result<unknown> {
  const parsed = parseRequest(request);
  if (!parsed.ok) return parsed;

  const { name } = parsed;
  if (isFileQuery(name)) {
    log.error(`${name}: sent to runQuery instead of runFileQuery`);
    return { ok: false, error: internalError() };
  }

  try {
    const handler = handlers[name as SyncQueryName] as (
      context: HandlerContext,
      input: unknown,
    ) => unknown;
    const key = `${context.today()}\u0000${JSON.stringify(parsed.input)}`;
    const value = cachedRead(context.db, name, key, () => handler(context, parsed.input));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorValue(name, error, context.databasePath) };
  }
}

/**
 * Runs a file query (export, import, backup) as runQuery runs the others,
 * awaiting its handler. `options` carries what only some adapters can do,
 * such as the desktop app's save dialog. Never rejects.
 */
export async function runFileQuery(
  context: HandlerContext,
  request: QueryRequest,
  options: FileQueryOptions = {},
): Promise<Result<unknown>> {
  const parsed = parseRequest(request);
  if (!parsed.ok) return parsed;

  const { name } = parsed;
  if (!isFileQuery(name)) return runQuery(context, request);

  try {
    const handler = fileHandlers[name] as (
      context: HandlerContext,
      input: unknown,
      options: FileQueryOptions,
    ) => Promise<unknown>;
    return { ok: true, value: await handler(context, parsed.input, options) };
  } catch (error) {
    return { ok: false, error: toErrorValue(name, error, context.databasePath) };
  }
}

function toErrorValue(name: QueryName, error: unknown, databasePath: string) {
  if (error instanceof AtlasError) return error.toValue();

  if (error instanceof Database.SqliteError) {
    log.error(`${name}: database error ${error.code}: ${error.message}`);
    return sqliteErrorValue(error, databasePath);
  }

  log.error(`${name}: unexpected ${(error as Error)?.stack ?? String(error)}`);
  return internalError();
}

function internalError(): AtlasErrorValue {
  return {
    code: 'internal',
    message:
      'An unexpected error occurred. Your data is unchanged; ' +
      'please report this with the steps that led to it.',
  };
}
