/**
 * The native dialogs of the main process: the fatal-error dialog and the
 * damaged-database dialog. Content builders are pure; the `show…` functions
 * take Electron's dialog and clipboard objects so tests pass fakes.
 */
import type { Clipboard, MessageBoxSyncOptions } from 'electron';

import type { DatabaseDamagedError } from '../../db/open.js';
import { isSqliteError, sqliteErrorValue } from '../../db/sqlite-errors.js';
import { PRODUCT_NAME } from '../paths.js';

/** The versions printed in the error details, so a report names the build. */
export interface VersionInfo {
  app: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
}

/** The part of Electron's `dialog` module that these dialogs use. */
export interface MessageBoxDialog {
  showMessageBoxSync(options: MessageBoxSyncOptions): number;
  showErrorBox(title: string, content: string): void;
}

export const FATAL_COPY_AND_QUIT = 0;
export const FATAL_QUIT = 1;

export const DAMAGED_START_FROM_BASELINE = 0;
export const DAMAGED_QUIT = 1;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Returns the text the fatal-error dialog copies to the clipboard. */
export function fatalErrorDetails(error: unknown, versions: VersionInfo): string {
  return [
    `${PRODUCT_NAME} ${versions.app} stopped because of an unexpected error.`,
    `Electron ${versions.electron}, Chrome ${versions.chrome}, ` +
      `Node ${versions.node}, ${versions.platform}`,
    '',
    describeError(error),
  ].join('\n');
}

/**
 * Returns what the user can do about a SQLite failure with a known cause
 * (full disk, read-only file, lock held by another program, damaged
 * file), or undefined for any other error.
 */
export function databaseFailureAdvice(error: unknown): string | undefined {
  if (!isSqliteError(error)) return undefined;
  const value = sqliteErrorValue(error);
  return value.code === 'database_error' ? undefined : value.message;
}

/**
 * Returns the options of the dialog shown when the main process hits an
 * error it cannot recover from. A SQLite failure with a known cause, such
 * as a locked database at startup, gets its own advice instead of a request
 * to report a bug.
 */
export function fatalErrorDialog(error: unknown): MessageBoxSyncOptions {
  const summary = error instanceof Error ? error.message : String(error);
  let message = `${PRODUCT_NAME} must close because of an unexpected error.`;
  let detail =
    `${summary}\n\n` +
    'Your saved data is unchanged. Copy the error details and send them ' +
    'with the steps that led to the error, so that it can be fixed.';

  const advice = databaseFailureAdvice(error);
  if (advice !== undefined) {
    message = `${PRODUCT_NAME} must close because it cannot use its database.`;
    detail = advice;
  }
  return {
    type: 'error',
    title: PRODUCT_NAME,
    message,
    detail,
    buttons: ['Copy error details and quit', 'Quit'],
    defaultId: FATAL_COPY_AND_QUIT,
    cancelId: FATAL_QUIT,
    noLink: true,
  };
}

/**
 * Shows the fatal-error dialog and, when the user asks for it, copies the
 * error details to the clipboard. Before the app is ready only the plain
 * error box works, so it shows the details there instead. The caller quits
 * afterwards.
 */
export function showFatalError(
  dialog: MessageBoxDialog,
  clipboard: Pick<Clipboard, 'writeText'>,
  error: unknown,
  versions: VersionInfo,
  appIsReady: boolean,
): void {
  const details = fatalErrorDetails(error, versions);
  if (!appIsReady) {
    dialog.showErrorBox(`${PRODUCT_NAME} must close`, details);
    return;
  }

  const choice = dialog.showMessageBoxSync(fatalErrorDialog(error));
  if (choice === FATAL_COPY_AND_QUIT) clipboard.writeText(details);
}

/**
 * Returns the options of the dialog shown when the database file cannot be
 * used: what is wrong, that the file is kept, and the two ways on.
 */
export function damagedDatabaseDialog(error: DatabaseDamagedError): MessageBoxSyncOptions {
  const problems = error.problems.map((problem) => `• ${problem}`).join('\n');
  return {
    type: 'warning',
    title: PRODUCT_NAME,
    message: 'The atlas database cannot be opened.',
    detail:
      `File: ${error.path}\n\nProblems found:\n${problems}\n\n` +
      'The file has not been changed. "Start from the 2020 baseline" ' +
      'renames it with a ".damaged-" suffix in the same folder and creates ' +
      'a new database with the 2020 data only; changes recorded since then ' +
      'stay in the renamed file. "Quit" leaves everything as it is, so that ' +
      'you can restore a backup first.',
    buttons: ['Start from the 2020 baseline', 'Quit'],
    defaultId: DAMAGED_QUIT,
    cancelId: DAMAGED_QUIT,
    noLink: true,
  };
}

/** Shows the damaged-database dialog; returns true when the user chose to start from the baseline. */
export function confirmStartFromBaseline(
  dialog: MessageBoxDialog,
  error: DatabaseDamagedError,
): boolean {
  return dialog.showMessageBoxSync(damagedDatabaseDialog(error)) === DAMAGED_START_FROM_BASELINE;
}
