/**
 * The window's security settings: web preferences, the Content Security
 * Policy header, the navigation and new-window guards, the permission
 * handlers and the check on who sends IPC messages. Each function takes the
 * Electron objects it configures, so unit tests pass fakes.
 */
import type {
  HandlerDetails,
  OnHeadersReceivedListenerDetails,
  Session,
  WebContents,
  WebPreferences,
} from 'electron';

import { createLogger } from '../../db/logger.js';
import { CONTENT_SECURITY_POLICY } from '../preview/server.js';

const log = createLogger('electron/security');

/** Returns the web preferences of the app window, with `preload` as its preload script. */
export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click (auxclick) can open links in new windows.
    disableBlinkFeatures: 'Auxclick',
  };
}

function withoutQueryAndHash(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Returns true when `url` is the app's own page, the file URL in `appUrl`,
 * whatever its query string or fragment.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!candidate || !app || candidate.protocol !== 'file:') return false;
  return withoutQueryAndHash(candidate) === withoutQueryAndHash(app);
}

/**
 * Returns true when an IPC message comes from a frame showing the app's own
 * page. A missing frame URL (the frame was destroyed or navigated away) is
 * not trusted.
 */
export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  if (frameUrl === undefined || frameUrl === '') return false;
  return isAppUrl(frameUrl, appUrl);
}

/** Returns true for the http and https URLs the system browser may open. */
export function isWebUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed?.protocol === 'http:' || parsed?.protocol === 'https:';
}

/**
 * Builds the window-open handler: no page may open a new Electron window,
 * and http and https links go to the system browser through `openExternal`.
 * Every other scheme (file, javascript, custom protocols) is dropped.
 */
export function createWindowOpenHandler(
  openExternal: (url: string) => Promise<void>,
): (details: HandlerDetails) => { action: 'deny' } {
  return ({ url }) => {
    if (isWebUrl(url)) {
      openExternal(url).catch((error: Error) => {
        log.warn(`window open: the system browser did not open a link: ${error.message}`);
      });
    } else {
      log.warn(`window open: blocked a link with scheme ${parseUrl(url)?.protocol ?? 'unknown'}`);
    }
    return { action: 'deny' };
  };
}

/**
 * Keeps `contents` on the app's page: navigations and redirects to any
 * other URL are cancelled, webviews are never attached, and new windows
 * are denied, with web links opened in the system browser instead.
 */
export function guardNavigation(
  contents: WebContents,
  appUrl: string,
  openExternal: (url: string) => Promise<void>,
): void {
  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, appUrl)) return;

    event.preventDefault();
    log.warn(`navigation: blocked a page load with scheme ${parseUrl(url)?.protocol ?? 'unknown'}`);
  };

  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('navigation: blocked a webview');
  });
  contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
}

/**
 * Returns the response headers of `details` with the app's Content Security
 * Policy in place of any policy the response carried.
 */
export function withContentSecurityPolicy(
  details: Pick<OnHeadersReceivedListenerDetails, 'responseHeaders'>,
): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    headers[name] = value;
  }
  headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return headers;
}

/**
 * Sets the app's Content Security Policy on every response that `session`
 * receives.
 *
 * NOTE: Electron's security guide states that this header hook does not
 * run for file:// pages, and a later report measured that it does on
 * Electron 41. The renderer's index.html carries the same policy in a meta
 * tag, so the page is covered either way.
 */
export function applyContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details) });
  });
}

/**
 * Denies every permission request (camera, location, notifications and the
 * rest) and every permission check in `session`, since the app needs none.
 */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`permissions: denied a request for "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
