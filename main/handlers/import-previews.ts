/**
 * Import previews kept on the Node side between previewImport and
 * applyImport, so that the page sends back only an id and the conflicts
 * it accepts. Each handler context keeps at most PREVIEWS_KEPT previews,
 * each for at most PREVIEW_LIFETIME_MS.
 */
import { randomUUID } from 'node:crypto';

import type {
  ImportClassification,
  ImportPreviewItem,
  ImportPreviewReady,
} from '../contract/index.js';
import { IMPORT_ITEMS_LISTED } from '../contract/index.js';
import type { ImportItem, ImportPreview } from '../../db/io/json-import.js';
import type { HandlerContext } from './context.js';

/** Previews kept per context, the oldest dropped first. A preview contains a whole file's records. */
export const PREVIEWS_KEPT = 3;
/** How long a preview stays usable: 30 minutes. */
export const PREVIEW_LIFETIME_MS = 30 * 60 * 1000;

interface StoredPreview {
  preview: ImportPreview;
  storedAt: number;
}

const stores = new WeakMap<HandlerContext, Map<string, StoredPreview>>();

function storeOf(context: HandlerContext): Map<string, StoredPreview> {
  let store = stores.get(context);
  if (store === undefined) {
    store = new Map();
    stores.set(context, store);
  }
  return store;
}

function dropExpired(store: Map<string, StoredPreview>, now: number): void {
  for (const [id, entry] of store) {
    if (now - entry.storedAt > PREVIEW_LIFETIME_MS) store.delete(id);
  }
}

/** Keeps a preview and returns its id; drops expired previews and the oldest beyond the limit. */
export function keepPreview(
  context: HandlerContext,
  preview: ImportPreview,
  now = Date.now(),
): string {
  const store = storeOf(context);
  dropExpired(store, now);
  // A Map iterates in insertion order, so the first key is the oldest.
  while (store.size >= PREVIEWS_KEPT) {
    store.delete(store.keys().next().value!);
  }

  const id = randomUUID();
  store.set(id, { preview, storedAt: now });
  return id;
}

/** Returns a kept preview, or undefined when it expired, was dropped or never existed. */
export function findPreview(
  context: HandlerContext,
  id: string,
  now = Date.now(),
): ImportPreview | undefined {
  const store = storeOf(context);
  dropExpired(store, now);
  return store.get(id)?.preview;
}

export function forgetPreview(context: HandlerContext, id: string): void {
  storeOf(context).delete(id);
}

/** Drops every preview of the context, such as after a restore replaced the data. */
export function forgetAllPreviews(context: HandlerContext): void {
  storeOf(context).clear();
}

function toPreviewItem(item: ImportItem): ImportPreviewItem {
  return {
    id: item.id,
    type: item.type,
    path: item.path,
    description: item.description,
    classification: item.classification,
    reason: item.reason,
    acceptable: item.acceptable,
    file: { ...item.file },
    local: item.local ? { ...item.local } : null,
  };
}

/** Returns every conflict and, of each other class, the first IMPORT_ITEMS_LISTED records. */
export function listedItems(items: ImportItem[]): ImportPreviewItem[] {
  const listed: Record<ImportClassification, number> = {
    new: 0,
    identical: 0,
    update: 0,
    older: 0,
    conflict: 0,
  };
  const shown: ImportPreviewItem[] = [];
  for (const item of items) {
    const isConflict = item.classification === 'conflict';
    if (!isConflict && listed[item.classification] >= IMPORT_ITEMS_LISTED) continue;
    listed[item.classification] += 1;
    shown.push(toPreviewItem(item));
  }
  return shown;
}

/** Returns what the page receives of a preview kept under `previewId`. */
export function describePreview(previewId: string, preview: ImportPreview): ImportPreviewReady {
  return {
    status: 'ready',
    previewId,
    fileName: preview.fileName,
    exportedAt: preview.exportedAt,
    summary: { ...preview.summary },
    items: listedItems(preview.items),
    notes: [...preview.notes],
  };
}
