/**
 * The app window: its options and how it is created and loaded. The
 * BrowserWindow constructor is passed in, so tests pass a fake.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

import { createLogger } from '../../db/logger.js';
import { PRODUCT_NAME } from '../paths.js';
import { webPreferences } from './security.js';

const log = createLogger('electron/window');

export interface WindowFiles {
  /** The bundled preload script, dist/node/main/electron/preload.cjs. */
  preload: string;
  /** The renderer's page, dist/renderer/index.html. */
  indexHtml: string;
}

/** Returns the options of the app window; it stays hidden until its first paint. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(preload),
  };
}

/**
 * Creates the app window with `createWindow`, shows it once it has painted
 * and loads the renderer's page from disk. A page that fails to load goes
 * to `onLoadFailed`, because the hidden window would otherwise never show.
 */
export function createMainWindow(
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow,
  files: WindowFiles,
  onLoadFailed: (error: Error) => void,
): BrowserWindow {
  const window = createWindow(mainWindowOptions(files.preload));

  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`the renderer process ended (${details.reason}, exit code ${details.exitCode})`);
  });
  window.loadFile(files.indexHtml).catch((error: Error) => {
    log.error(`${files.indexHtml} did not load: ${error.message}`);
    onLoadFailed(error);
  });
  return window;
}
