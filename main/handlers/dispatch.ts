import Database from 'better-sqlite3';
import type { z } from 'zod';

import {
  queries,
  type QueryName,
  type QueryRequest,
  type Result,
} from '../contract/index.js';
import { createLogger } from '../../db/logger.js';
import { sqliteErrorValue } from '../../db/sqlite-errors.js';
import { AtlasError, type HandlerContext } from './context.js';
import { handlers } from './index.js';

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

/**
 * Runs one query for any adapter (IPC, HTTP, CLI): validates the name and
 * the input against the contract, runs the handler, and turns every failure
 * into an error value. Never throws.
 */
export function runQuery(context: HandlerContext, request: QueryRequest): Result<unknown> {
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

  try {
    const handler = handlers[name] as (
      context: HandlerContext,
      input: unknown,
    ) => unknown;
    return { ok: true, value: handler(context, parsed.data) };
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
  return {
    code: 'internal' as const,
    message:
      'An unexpected error occurred. Your data is unchanged; ' +
      'please report this with the steps that led to it.',
  };
}
