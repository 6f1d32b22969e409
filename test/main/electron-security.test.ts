import type { HandlerDetails, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import {
  applyContentSecurityPolicy,
  createWindowOpenHandler,
  denyPermissions,
  guardNavigation,
  isAppUrl,
  isTrustedSender,
  isWebUrl,
  webPreferences,
  withContentSecurityPolicy,
} from '../../main/electron/security.js';
import { CONTENT_SECURITY_POLICY } from '../../main/preview/server.js';

const APP_URL = 'file:///opt/ISCM%20Atlas/resources/app.asar/dist/renderer/index.html';

type Listener = (...args: unknown[]) => void;

/** A WebContents stand-in that records its listeners and window-open handler. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: HandlerDetails) => unknown) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: HandlerDetails) => unknown) {
      openHandler = handler;
    },
  };
  return {
    contents: contents as unknown as WebContents,
    emit(event: string, url?: string): { prevented: boolean } {
      const record = { prevented: false };
      const listener = listeners.get(event);
      if (!listener) throw new Error(`no listener for ${event}`);
      listener({ preventDefault: () => (record.prevented = true) }, url);
      return record;
    },
    open(url: string) {
      if (!openHandler) throw new Error('no window-open handler');
      return openHandler({ url } as HandlerDetails);
    },
  };
}

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const preferences = webPreferences('/app/preload.cjs');

    expect(preferences.preload).toBe('/app/preload.cjs');
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.experimentalFeatures).toBe(false);
    expect(preferences.disableBlinkFeatures).toBe('Auxclick');
  });
});

describe('isAppUrl', () => {
  it('accepts the app page with a fragment or query', () => {
    expect(isAppUrl(APP_URL, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}#/country/BRA`, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}?tab=themes`, APP_URL)).toBe(true);
  });

  it('rejects other files, schemes and garbage', () => {
    const cases = [
      'file:///opt/ISCM%20Atlas/resources/app.asar/dist/renderer/other.html',
      'file:///etc/passwd',
      'https://example.org/dist/renderer/index.html',
      'http://127.0.0.1:8080/',
      'javascript:alert(1)',
      'not a url',
      '',
    ];
    for (const url of cases) {
      expect(isAppUrl(url, APP_URL), url).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  it('trusts the app page', () => {
    expect(isTrustedSender(APP_URL, APP_URL)).toBe(true);
  });

  it('rejects missing, empty and foreign frame URLs', () => {
    expect(isTrustedSender(undefined, APP_URL)).toBe(false);
    expect(isTrustedSender('', APP_URL)).toBe(false);
    expect(isTrustedSender('about:blank', APP_URL)).toBe(false);
    expect(isTrustedSender('https://example.org/', APP_URL)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', APP_URL)).toBe(false);
  });
});

describe('isWebUrl', () => {
  it('accepts only http and https', () => {
    expect(isWebUrl('https://www.iom.int/')).toBe(true);
    expect(isWebUrl('http://example.org/')).toBe(true);
    expect(isWebUrl('file:///etc/passwd')).toBe(false);
    expect(isWebUrl('smb://server/share')).toBe(false);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('mailto:someone@example.org')).toBe(false);
    expect(isWebUrl('')).toBe(false);
  });
});

describe('createWindowOpenHandler', () => {
  it('denies every window and opens web links externally', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const handler = createWindowOpenHandler(openExternal);

    const web = handler({ url: 'https://www.iom.int/' } as HandlerDetails);
    const file = handler({ url: 'file:///etc/passwd' } as HandlerDetails);
    const custom = handler({ url: 'ms-settings:privacy' } as HandlerDetails);

    expect(web).toEqual({ action: 'deny' });
    expect(file).toEqual({ action: 'deny' });
    expect(custom).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.iom.int/');
  });

  it('survives a failing system browser', async () => {
    const openExternal = vi.fn(() => Promise.reject(new Error('no browser')));
    const handler = createWindowOpenHandler(openExternal);

    const result = handler({ url: 'https://www.iom.int/' } as HandlerDetails);
    await Promise.resolve();

    expect(result).toEqual({ action: 'deny' });
  });
});

describe('guardNavigation', () => {
  it('blocks navigation to other URLs', () => {
    const fake = fakeContents();
    guardNavigation(fake.contents, APP_URL, () => Promise.resolve());

    expect(fake.emit('will-navigate', 'https://example.org/').prevented).toBe(true);
    expect(fake.emit('will-navigate', 'file:///etc/passwd').prevented).toBe(true);
    expect(fake.emit('will-redirect', 'https://example.org/').prevented).toBe(true);
  });

  it('allows the app page itself', () => {
    const fake = fakeContents();
    guardNavigation(fake.contents, APP_URL, () => Promise.resolve());

    expect(fake.emit('will-navigate', APP_URL).prevented).toBe(false);
    expect(fake.emit('will-navigate', `${APP_URL}#map`).prevented).toBe(false);
  });

  it('blocks webviews', () => {
    const fake = fakeContents();
    guardNavigation(fake.contents, APP_URL, () => Promise.resolve());

    expect(fake.emit('will-attach-webview').prevented).toBe(true);
  });

  it('denies new windows and hands web links to the system browser', () => {
    const fake = fakeContents();
    const openExternal = vi.fn(() => Promise.resolve());
    guardNavigation(fake.contents, APP_URL, openExternal);

    expect(fake.open('https://www.iom.int/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://www.iom.int/');
  });
});

describe('withContentSecurityPolicy', () => {
  it('sets the preview server policy and drops any other', () => {
    const headers = withContentSecurityPolicy({
      responseHeaders: {
        'content-security-policy': ["default-src *"],
        'Content-Type': ['text/html'],
      },
    });

    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('adds the policy to a response without headers', () => {
    const headers = withContentSecurityPolicy({ responseHeaders: undefined });

    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('applyContentSecurityPolicy', () => {
  it('answers every response with the policy', () => {
    let listener: ((details: object, callback: (response: object) => void) => void) | undefined;
    const session = {
      webRequest: { onHeadersReceived: (handler: typeof listener) => (listener = handler) },
    } as unknown as Session;
    applyContentSecurityPolicy(session);
    const callback = vi.fn();

    listener?.({ responseHeaders: {} }, callback);

    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

describe('denyPermissions', () => {
  it('denies requests and checks', () => {
    let requestHandler: ((...args: unknown[]) => void) | undefined;
    let checkHandler: ((...args: unknown[]) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    } as unknown as Session;
    denyPermissions(session);
    const granted: boolean[] = [];

    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      requestHandler?.({}, permission, (allowed: boolean) => granted.push(allowed), {});
    }

    expect(granted).toEqual([false, false, false, false]);
    expect(checkHandler?.(null, 'clipboard-read', 'file://', {})).toBe(false);
  });
});
