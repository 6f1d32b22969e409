/**
 * The preload script of the app window. It puts the AtlasApi on
 * window.atlas, one function per query of the contract, each sending its
 * request over the contract's single IPC channel.
 *
 * A sandboxed preload must be CommonJS and may require only 'electron', so
 * Vite bundles this file and the contract into preload.cjs
 * (vite.preload.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';

import {
  createApi,
  IPC_CHANNEL,
  WINDOW_API_KEY,
  type Result,
} from '../contract/index.js';

const api = createApi(
  (request) => ipcRenderer.invoke(IPC_CHANNEL, request) as Promise<Result<unknown>>,
);

contextBridge.exposeInMainWorld(WINDOW_API_KEY, api);
