import { EventEmitter } from 'node:events';

import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import { createMainWindow, mainWindowOptions } from '../../main/electron/window.js';

const FILES = { preload: '/app/preload.cjs', indexHtml: '/app/dist/renderer/index.html' };

/** Builds a BrowserWindow stand-in whose loadFile rejects with `loadError` when given. */
function fakeWindowFactory(loadError?: Error) {
  const created: BrowserWindowConstructorOptions[] = [];
  const window = Object.assign(new EventEmitter(), {
    webContents: new EventEmitter(),
    show: vi.fn(),
    loadFile: vi.fn((_path: string) =>
      loadError ? Promise.reject(loadError) : Promise.resolve(),
    ),
  });
  const create = (options: BrowserWindowConstructorOptions) => {
    created.push(options);
    return window as unknown as BrowserWindow;
  };
  return { create, created, window };
}

describe('mainWindowOptions', () => {
  it('starts hidden with the secure web preferences', () => {
    const options = mainWindowOptions(FILES.preload);

    expect(options.show).toBe(false);
    expect(options.title).toBe('ISCM Atlas');
    expect(options.webPreferences?.preload).toBe(FILES.preload);
    expect(options.webPreferences?.contextIsolation).toBe(true);
    expect(options.webPreferences?.sandbox).toBe(true);
    expect(options.webPreferences?.nodeIntegration).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('loads the renderer page and shows the window once painted', async () => {
    const { create, created, window } = fakeWindowFactory();
    const onLoadFailed = vi.fn();

    createMainWindow(create, FILES, onLoadFailed);
    window.emit('ready-to-show');
    await Promise.resolve();

    expect(created).toHaveLength(1);
    expect(window.loadFile).toHaveBeenCalledExactlyOnceWith(FILES.indexHtml);
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(onLoadFailed).not.toHaveBeenCalled();
  });

  it('reports a page that fails to load', async () => {
    const failure = new Error('ERR_FILE_NOT_FOUND');
    const { create } = fakeWindowFactory(failure);
    const onLoadFailed = vi.fn();

    createMainWindow(create, FILES, onLoadFailed);
    await new Promise((resolve) => setImmediate(resolve));

    expect(onLoadFailed).toHaveBeenCalledExactlyOnceWith(failure);
  });
});
