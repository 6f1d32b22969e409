import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { MessageBoxSyncOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { DatabaseDamagedError, openAtlasDatabase } from '../../db/open.js';
import { findNativeBinding, openDatabaseWithRecovery } from '../../main/electron/database.js';
import {
  confirmStartFromBaseline,
  DAMAGED_QUIT,
  DAMAGED_START_FROM_BASELINE,
  damagedDatabaseDialog,
  FATAL_COPY_AND_QUIT,
  FATAL_QUIT,
  fatalErrorDetails,
  fatalErrorDialog,
  showFatalError,
  type MessageBoxDialog,
} from '../../main/electron/dialogs.js';

const VERSIONS = {
  app: '0.1.0',
  electron: '45.6.1',
  chrome: '142.0.0.0',
  node: '22.20.0',
  platform: 'linux x64',
};

const DAMAGED_TEXT = 'this is not an SQLite database, only text; '.repeat(100);

/** Builds a `dialog` stand-in that records the dialogs it shows and returns `choice`. */
function fakeDialog(choice: number) {
  const shown: MessageBoxSyncOptions[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const dialog: MessageBoxDialog = {
    showMessageBoxSync: (options) => {
      shown.push(options);
      return choice;
    },
    showErrorBox: (title, content) => errorBoxes.push({ title, content }),
  };
  return { dialog, shown, errorBoxes };
}

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'atlas-dialogs-'));
}

describe('fatalErrorDialog', () => {
  it('names the error and offers to copy the details', () => {
    const options = fatalErrorDialog(new Error('disk I/O error'));

    expect(options.type).toBe('error');
    expect(options.message).toContain('ISCM Atlas must close');
    expect(options.detail).toContain('disk I/O error');
    expect(options.buttons?.[FATAL_COPY_AND_QUIT]).toBe('Copy error details and quit');
    expect(options.buttons?.[FATAL_QUIT]).toBe('Quit');
    expect(options.cancelId).toBe(FATAL_QUIT);
  });

  it('accepts values that are not errors', () => {
    expect(fatalErrorDialog('plain text thrown').detail).toContain('plain text thrown');
  });
});

describe('fatalErrorDetails', () => {
  it('contains the versions and the stack', () => {
    const error = new TypeError('x is undefined');

    const details = fatalErrorDetails(error, VERSIONS);

    expect(details).toContain('ISCM Atlas 0.1.0');
    expect(details).toContain('Electron 45.6.1');
    expect(details).toContain('linux x64');
    expect(details).toContain('TypeError: x is undefined');
    expect(details).toContain('electron-dialogs.test.ts');
  });
});

describe('showFatalError', () => {
  it('copies the details when asked', () => {
    const { dialog, shown } = fakeDialog(FATAL_COPY_AND_QUIT);
    const clipboard = { writeText: vi.fn() };
    const error = new Error('boom');

    showFatalError(dialog, clipboard, error, VERSIONS, true);

    expect(shown).toHaveLength(1);
    expect(clipboard.writeText).toHaveBeenCalledExactlyOnceWith(fatalErrorDetails(error, VERSIONS));
  });

  it('leaves the clipboard alone on Quit', () => {
    const { dialog } = fakeDialog(FATAL_QUIT);
    const clipboard = { writeText: vi.fn() };

    showFatalError(dialog, clipboard, new Error('boom'), VERSIONS, true);

    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('uses the error box before the app is ready', () => {
    const { dialog, shown, errorBoxes } = fakeDialog(FATAL_COPY_AND_QUIT);
    const clipboard = { writeText: vi.fn() };

    showFatalError(dialog, clipboard, new Error('too early'), VERSIONS, false);

    expect(shown).toHaveLength(0);
    expect(errorBoxes).toHaveLength(1);
    expect(errorBoxes[0].content).toContain('too early');
  });
});

describe('damagedDatabaseDialog', () => {
  it('says what is wrong, that the file is kept, and both ways on', () => {
    const error = new DatabaseDamagedError('/data/atlas.sqlite', ['file is not a database']);

    const options = damagedDatabaseDialog(error);

    expect(options.type).toBe('warning');
    expect(options.detail).toContain('/data/atlas.sqlite');
    expect(options.detail).toContain('file is not a database');
    expect(options.detail).toContain('has not been changed');
    expect(options.buttons?.[DAMAGED_START_FROM_BASELINE]).toBe('Start from the 2020 baseline');
    expect(options.buttons?.[DAMAGED_QUIT]).toBe('Quit');
    expect(options.cancelId).toBe(DAMAGED_QUIT);
    expect(options.defaultId).toBe(DAMAGED_QUIT);
  });
});

describe('openDatabaseWithRecovery', () => {
  it('creates a missing database without asking', () => {
    const path = join(tempFolder(), 'atlas.sqlite');
    const { dialog, shown } = fakeDialog(DAMAGED_QUIT);

    const db = openDatabaseWithRecovery({
      path,
      confirmStartFromBaseline: (error) => confirmStartFromBaseline(dialog, error),
    });

    expect(db?.open).toBe(true);
    expect(shown).toHaveLength(0);
    closeDatabase(db!);
  });

  it('starts from the baseline and keeps the damaged file', () => {
    const folder = tempFolder();
    const path = join(folder, 'atlas.sqlite');
    writeFileSync(path, DAMAGED_TEXT);
    const { dialog, shown } = fakeDialog(DAMAGED_START_FROM_BASELINE);

    const db = openDatabaseWithRecovery({
      path,
      confirmStartFromBaseline: (error) => confirmStartFromBaseline(dialog, error),
    });

    expect(shown).toHaveLength(1);
    expect(shown[0].detail).toContain(path);
    expect(db?.open).toBe(true);
    expect(db!.prepare('SELECT count(*) FROM bodies').pluck().get()).toBeGreaterThan(0);
    closeDatabase(db!);
    const setAside = readdirSync(folder).filter((name) => name.startsWith('atlas.sqlite.damaged-'));
    expect(setAside).toHaveLength(1);
    expect(readFileSync(join(folder, setAside[0]), 'utf8')).toBe(DAMAGED_TEXT);
    expect(() => closeDatabase(openAtlasDatabase(path))).not.toThrow();
  });

  it('leaves the damaged file untouched on Quit', () => {
    const folder = tempFolder();
    const path = join(folder, 'atlas.sqlite');
    writeFileSync(path, DAMAGED_TEXT);
    const { dialog } = fakeDialog(DAMAGED_QUIT);

    const db = openDatabaseWithRecovery({
      path,
      confirmStartFromBaseline: (error) => confirmStartFromBaseline(dialog, error),
    });

    expect(db).toBeUndefined();
    expect(readdirSync(folder)).toEqual(['atlas.sqlite']);
    expect(readFileSync(path, 'utf8')).toBe(DAMAGED_TEXT);
  });

  it('rethrows errors other than a damaged file', () => {
    const confirm = vi.fn(() => true);

    expect(() =>
      openDatabaseWithRecovery({
        path: join(tempFolder(), 'atlas.sqlite'),
        nativeBinding: join(tempFolder(), 'missing.node'),
        confirmStartFromBaseline: confirm,
      }),
    ).toThrow();
    expect(confirm).not.toHaveBeenCalled();
  });
});

describe('findNativeBinding', () => {
  it('uses the project folder in development', () => {
    const exists = vi.fn(() => true);

    const path = findNativeBinding('/work/atlas', false, exists);

    expect(path).toBe(join('/work/atlas', '.native-electron', 'better_sqlite3.node'));
  });

  it('uses app.asar.unpacked when packaged', () => {
    const path = findNativeBinding('/opt/ISCM Atlas/resources/app.asar', true, () => true);

    expect(path).toBe(
      join('/opt/ISCM Atlas/resources/app.asar.unpacked', '.native-electron', 'better_sqlite3.node'),
    );
  });

  it('returns undefined when the build is missing', () => {
    expect(findNativeBinding(tempFolder(), false)).toBeUndefined();
  });
});
