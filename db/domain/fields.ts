import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import { normalizeUtcTimestamp } from '../../main/contract/dates.js';
import { AtlasError } from '../errors.js';
import { cachedStatement } from './statements.js';

/** Maximum lengths, in UTF-16 code units as JavaScript counts them. */
export const MAX_SOURCE_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 4000;
export const MAX_AUTHOR_LENGTH = 200;

/** A UUID in any letter case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trims a required text field; rejects it when empty or too long. */
export function requiredText(
  value: unknown,
  field: string,
  label: string,
  maxLength: number,
  hint: string,
): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') {
    throw new AtlasError('invalid_input', `The ${label} is missing: ${hint}`, field);
  }
  return checkLength(text, field, label, maxLength);
}

/** Trims an optional text field (empty when absent); rejects it when too long. */
export function optionalText(
  value: unknown,
  field: string,
  label: string,
  maxLength: number,
): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new AtlasError('invalid_input', `The ${label} must be text.`, field);
  }
  return checkLength(value.trim(), field, label, maxLength);
}

function checkLength(
  text: string,
  field: string,
  label: string,
  maxLength: number,
): string {
  if (text.length > maxLength) {
    throw new AtlasError(
      'invalid_input',
      `The ${label} has ${text.length} characters, more than the maximum ` +
        `of ${maxLength}; shorten it.`,
      field,
    );
  }
  return text;
}

/** Checks a change or correction's source: a URL or document reference. */
export function checkSource(value: unknown): string {
  return requiredText(
    value,
    'source',
    'source',
    MAX_SOURCE_LENGTH,
    'give a URL or a document reference for this record.',
  );
}

/** Checks the display name of the person recording. */
export function checkAuthor(value: unknown): string {
  return requiredText(
    value,
    'author',
    'author',
    MAX_AUTHOR_LENGTH,
    'give the display name of the person recording.',
  );
}

/**
 * Returns a new UUID when `value` is empty, or `value` in lower case when it
 * is a UUID (as imports bring one).
 */
export function checkRecordId(value: unknown, field = 'id'): string {
  if (value === undefined || value === null || value === '') return randomUUID();

  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    throw new AtlasError(
      'invalid_input',
      `The record id ${JSON.stringify(value)} is not a UUID such as ` +
        '"0b9f1c52-8a4e-4c1d-9d7a-2f3b5e6a7c8d"; leave it empty to have ' +
        'one generated.',
      field,
    );
  }
  return value.toLowerCase();
}

/**
 * Returns the UTC time a record is stored with: `value` when an import
 * gives one, normalised to milliseconds, else `now`.
 */
export function checkRecordedAt(
  value: unknown,
  now: Date | undefined,
  field = 'recordedAt',
): string {
  if (value === undefined || value === null || value === '') {
    return (now ?? new Date()).toISOString();
  }

  const time = typeof value === 'string' ? normalizeUtcTimestamp(value) : null;
  if (time === null) {
    throw new AtlasError(
      'invalid_input',
      `The recording time ${JSON.stringify(value)} is not a UTC timestamp; ` +
        'write it as YYYY-MM-DDTHH:MM:SS.sssZ.',
      field,
    );
  }
  return time;
}

/** Returns the error for an id that a change, correction or revert already uses. */
export function idInUseError(id: string): AtlasError {
  return new AtlasError(
    'conflict',
    `A record with id ${id} already exists. An import that brings it ` +
      'again must merge it by id rather than record it anew.',
    'id',
  );
}

/** Rejects an id already used by a change, correction or revert. */
export function checkIdUnused(db: Database.Database, id: string): void {
  const used = cachedStatement(
    db,
    `SELECT 1 FROM membership_changes WHERE id = ?
     UNION ALL SELECT 1 FROM membership_reverts WHERE id = ?`,
  ).get(id, id);
  if (used) throw idInUseError(id);
}
