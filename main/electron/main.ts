/**
 * The Electron entry point. It only wires Electron's objects to the
 * modules beside it, which hold the logic and have unit tests.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type Database from 'better-sqlite3';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  session,
  shell,
} from 'electron';

import { createLogger } from '../../db/logger.js';
import { toIsoDay } from '../contract/index.js';
import { backUpAtStart } from '../handlers/backups.js';
import type { HandlerContext } from '../handlers/context.js';
import { DATABASE_FILE, PRODUCT_NAME } from '../paths.js';
import { findNativeBinding, openDatabaseWithRecovery } from './database.js';
import { confirmStartFromBaseline, showFatalError } from './dialogs.js';
import { registerQueryHandler } from './ipc.js';
import { createFileSaver } from './save.js';
import { claimSingleInstance, focusWindow, installQuitSequence } from './lifecycle.js';
import {
  applyContentSecurityPolicy,
  denyPermissions,
  guardNavigation,
} from './security.js';
import { createMainWindow } from './window.js';

const log = createLogger('electron/main');

// Compiled to dist/node/main/electron/main.js; Vite builds the renderer
// into dist/renderer and the preload next to this file.
const moduleFolder = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(moduleFolder, 'preload.cjs');
const INDEX_HTML = join(moduleFolder, '../../../renderer/index.html');
const APP_URL = pathToFileURL(INDEX_HTML).href;

let database: Database.Database | undefined;
let mainWindow: BrowserWindow | undefined;
let mainWindowContentsId: number | undefined;
let shutDown: () => void = () => {};
let fatalErrorShown = false;

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function onFatalError(error: unknown): void {
  log.error(`fatal: ${errorText(error)}`);
  if (fatalErrorShown) return;
  fatalErrorShown = true;

  const versions = {
    app: app.getVersion(),
    electron: process.versions.electron ?? 'unknown',
    chrome: process.versions.chrome ?? 'unknown',
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
  try {
    showFatalError(dialog, clipboard, error, versions, app.isReady());
  } catch (dialogError) {
    log.error(`fatal: the error dialog failed: ${(dialogError as Error).message}`);
  }
  shutDown();
  app.exit(1);
}

function openWindow(): void {
  mainWindow = createMainWindow(
    // Electronegativity CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK,
    // AUXCLICK_JS_CHECK: the options come from mainWindowOptions(), whose
    // webPreferences() sets contextIsolation and sandbox to true and
    // disables Auxclick; unit tests check these values.
    (options) => new BrowserWindow(options),
    { preload: PRELOAD_PATH, indexHtml: INDEX_HTML },
    onFatalError,
  );
  mainWindowContentsId = mainWindow.webContents.id;
  mainWindow.on('closed', () => {
    mainWindow = undefined;
    mainWindowContentsId = undefined;
  });
}

function start(): void {
  applyContentSecurityPolicy(session.defaultSession);
  denyPermissions(session.defaultSession);

  const databasePath = join(app.getPath('userData'), DATABASE_FILE);
  database = openDatabaseWithRecovery({
    path: databasePath,
    nativeBinding: findNativeBinding(app.getAppPath(), app.isPackaged),
    confirmStartFromBaseline: (error) => confirmStartFromBaseline(dialog, error),
  });
  if (!database) {
    app.quit();
    return;
  }
  log.info(`database: ${databasePath}`);
  // The state before this session, for "Restore backup…". It runs while
  // the window opens, and a failure is only logged.
  void backUpAtStart(database, databasePath);

  const context: HandlerContext = {
    db: database,
    databasePath,
    today: () => toIsoDay(new Date()),
  };
  registerQueryHandler(ipcMain, {
    appUrl: APP_URL,
    getWindowContentsId: () => mainWindowContentsId,
    getContext: () => (database?.open ? context : undefined),
    saveFile: createFileSaver({
      showSaveDialog: (options) =>
        mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
      defaultFolder: () => app.getPath('documents'),
    }),
  });
  openWindow();
}

function main(): void {
  process.on('uncaughtException', onFatalError);
  // A rejected promise that nothing awaited is logged; unlike an uncaught
  // exception, it does not end the app.
  process.on('unhandledRejection', (reason) => {
    log.error(`unhandled rejection: ${errorText(reason)}`);
  });

  // The lock and the database both live in userData, so it is set first.
  // --user-data-dir lets tests run the app against a temporary folder.
  const userData = app.commandLine.getSwitchValue('user-data-dir');
  app.setPath('userData', userData || join(app.getPath('appData'), PRODUCT_NAME));
  app.enableSandbox();

  shutDown = installQuitSequence(app, () => database);
  if (!claimSingleInstance(app, () => focusWindow(mainWindow))) return;

  app.on('web-contents-created', (_event, contents) => {
    // Electronegativity OPEN_EXTERNAL_JS_CHECK: guardNavigation passes only
    // http and https URLs to openExternal, and a unit test checks it.
    guardNavigation(contents, APP_URL, (url) => shell.openExternal(url));
  });
  // One window contains the whole app, so closing it quits on every platform,
  // macOS included, and the quit sequence closes the database.
  app.on('window-all-closed', () => app.quit());

  app.whenReady().then(start).catch(onFatalError);
}

main();
