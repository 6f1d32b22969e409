/**
 * The IPC adapter: the contract's one channel, handled by runQuery (or
 * runFileQuery for exports, imports and backups) for messages from the app
 * window's own page and rejected for any other sender.
 */
import type { IpcMain } from 'electron';

import { createLogger } from '../../db/logger.js';
import { IPC_CHANNEL, type QueryRequest, type Result } from '../contract/index.js';
import type { HandlerContext } from '../handlers/context.js';
import { isFileQuery, runFileQuery, runQuery } from '../handlers/dispatch.js';
import type { FileQueryOptions } from '../handlers/files.js';
import { isTrustedSender } from './security.js';

const log = createLogger('electron/ipc');

/** The fields of an IpcMainInvokeEvent that the sender check reads. */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface QueryHandlerOptions {
  /** The file URL of the renderer's index.html. */
  appUrl: string;
  /** The id of the app window's webContents, undefined while there is no window. */
  getWindowContentsId: () => number | undefined;
  /** The handler context, undefined while the database is not open. */
  getContext: () => HandlerContext | undefined;
  /**
   * Saves exports through the save dialog (see save.ts). Without it,
   * exportFile returns the bytes and saveFile fails as unsupported.
   */
  saveFile?: FileQueryOptions['saveFile'];
}

/**
 * Returns true when an IPC message comes from the main frame of the app
 * window and that frame shows the app's own page. Subframes, other windows
 * and frames that navigated elsewhere are rejected.
 */
export function isTrustedEvent(
  event: SenderInfo,
  appUrl: string,
  windowContentsId: number | undefined,
): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  if (windowContentsId === undefined || event.sender.id !== windowContentsId) return false;
  return isTrustedSender(frame.url, appUrl);
}

/** Reads a query request from an IPC message of any shape; runQuery rejects bad names. */
function toRequest(message: unknown): QueryRequest {
  if (typeof message !== 'object' || message === null) {
    return { name: '', input: undefined };
  }
  const { name, input } = message as { name?: unknown; input?: unknown };
  return { name: typeof name === 'string' ? name : String(name), input };
}

/**
 * Builds the listener of the query channel. For an untrusted sender it
 * throws, so that the renderer's invoke() rejects. Every other outcome is
 * a Result value, or for file queries a promise of one.
 */
export function createQueryHandler(
  options: QueryHandlerOptions,
): (event: SenderInfo, message: unknown) => Result<unknown> | Promise<Result<unknown>> {
  return (event, message) => {
    if (!isTrustedEvent(event, options.appUrl, options.getWindowContentsId())) {
      log.warn(`query: rejected a message from webContents ${event.sender.id}`);
      throw new Error('This sender may not call the atlas API.');
    }

    const context = options.getContext();
    if (!context) {
      return {
        ok: false,
        error: {
          code: 'database_error',
          message: 'The database is not open. Restart the application.',
        },
      };
    }
    const request = toRequest(message);
    if (isFileQuery(request.name)) {
      return runFileQuery(context, request, { saveFile: options.saveFile });
    }
    return runQuery(context, request);
  };
}

/** Registers the query handler on `ipcMain` under the contract's channel name. */
export function registerQueryHandler(
  ipcMain: Pick<IpcMain, 'handle'>,
  options: QueryHandlerOptions,
): void {
  ipcMain.handle(IPC_CHANNEL, createQueryHandler(options));
}
