import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name; Electron names its user-data folder after it. */
export const PRODUCT_NAME = 'ISCM Atlas';
export const DATABASE_FILE = 'atlas.sqlite';

/**
 * Returns the folder Electron's app.getPath('userData') uses for this
 * product, so that the preview and the command-line tool find the same
 * database as the desktop app.
 */
export function defaultDataFolder(platform = process.platform): string {
  if (platform === 'win32') {
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  }
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
