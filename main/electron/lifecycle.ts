/**
 * The app's lifecycle: one running instance per user, and a quit sequence
 * that checkpoints and closes the database. Each function takes the parts
 * of Electron's `app` and `BrowserWindow` it uses, so tests pass fakes.
 */
import type Database from 'better-sqlite3';

import { closeDatabase } from '../../db/close.js';
import { createLogger } from '../../db/logger.js';

const log = createLogger('electron/lifecycle');

/** The part of Electron's `app` that the single-instance lock uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** The part of Electron's `app` that the quit sequence uses. */
export interface QuitApp {
  on(event: 'will-quit', listener: () => void): unknown;
}

/** The part of a BrowserWindow that focusing it uses. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Takes the single-instance lock. Returns true in the first instance,
 * which from then on calls `onSecondInstance` whenever another launch
 * happens. Returns false in a second instance, after asking it to quit,
 * so the caller must not open the database or create a window.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  onSecondInstance: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    log.info('another instance is running; handing over to it and quitting');
    app.quit();
    return false;
  }

  app.on('second-instance', () => {
    log.info('a second launch was made; focusing the existing window');
    onSecondInstance();
  });
  return true;
}

/** Brings `window` to the front, restoring it when minimized; does nothing without a window. */
export function focusWindow(window: FocusableWindow | undefined): void {
  if (!window || window.isDestroyed()) return;

  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Closes the database returned by `getDatabase` once every window has
 * closed ('will-quit'), checkpointing the write-ahead log so that no -wal
 * file stays behind. Returns the close step, which does nothing when run
 * twice, so that the fatal-error path can call it before exiting.
 */
export function installQuitSequence(
  app: QuitApp,
  getDatabase: () => Database.Database | undefined,
): () => void {
  const shutDown = () => {
    const db = getDatabase();
    if (!db?.open) return;

    const started = Date.now();
    try {
      closeDatabase(db);
      log.info(`quit: database closed in ${Date.now() - started} ms`);
    } catch (error) {
      log.error(`quit: the database did not close cleanly: ${(error as Error).message}`);
    }
  };

  app.on('will-quit', shutDown);
  return shutDown;
}
