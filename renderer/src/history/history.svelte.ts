import type { HistoryEntry, QueryInput } from '../../../main/contract/index.js';
import { query } from '../lib/api';

/** The filters of the change log, where an empty string means "any". */
export interface HistoryFilters {
  bodyId: string;
  iso3: string;
  kind: string;
  from: string;
  to: string;
  author: string;
}

export const EMPTY_FILTERS: HistoryFilters = {
  bodyId: '',
  iso3: '',
  kind: '',
  from: '',
  to: '',
  author: '',
};

export const PAGE_SIZE = 50;

/** Maximum number of reverts read to name who reverted an entry. */
const MAX_REVERT_LOOKUP = 1000;

/** One page of the change log. */
export interface HistoryPage {
  total: number;
  entries: HistoryEntry[];
}

/**
 * The change log on screen: filters, page, the entries of that page, and
 * the reverts of reverted entries, so that each can name who reverted it
 * even when the revert is on another page or filtered out.
 */
export class HistoryState {
  filters = $state.raw<HistoryFilters>(EMPTY_FILTERS);
  page = $state(0);
  result = $state.raw<HistoryPage | null>(null);
  /** Reverts by id: those on the page, and those looked up for it. */
  reverts = $state.raw<Map<string, HistoryEntry>>(new Map());
  /** Records by id on the page, to describe what a revert cancels. */
  records = $derived(
    new Map((this.result?.entries ?? []).map((entry) => [entry.id, entry])),
  );
  error = $state<string | null>(null);

  input = $derived(historyInput(this.filters, this.page));

  #request = 0;

  setFilters(filters: HistoryFilters): void {
    this.filters = filters;
    this.page = 0;
  }

  /** Loads the page that `input` requests. A newer call wins over an older one. */
  async load(input: QueryInput<'history'>): Promise<void> {
    const request = ++this.#request;
    try {
      const page = await query('history', input);
      const reverts = await this.#revertsFor(page.entries);
      if (request !== this.#request) return;

      this.result = page;
      this.reverts = reverts;
      this.error = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async #revertsFor(entries: HistoryEntry[]): Promise<Map<string, HistoryEntry>> {
    const reverts = new Map(
      entries.filter((entry) => entry.type === 'revert').map((entry) => [entry.id, entry]),
    );
    const missing = entries.some(
      (entry) => entry.revertedBy !== null && !reverts.has(entry.revertedBy),
    );
    if (!missing) return reverts;

    // NOTE: a history entry names its revert's id but not the revert's
    // author, so the reverts are read once more. Beyond MAX_REVERT_LOOKUP
    // reverts, the oldest are shown without the name of who reverted.
    const all = await query('history', { kind: 'revert', limit: MAX_REVERT_LOOKUP });
    for (const entry of all.entries) reverts.set(entry.id, entry);
    return reverts;
  }
}

function historyInput(filters: HistoryFilters, page: number): QueryInput<'history'> {
  const input: QueryInput<'history'> = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  if (filters.bodyId) input.bodyId = filters.bodyId;
  if (filters.iso3) input.iso3 = filters.iso3;
  if (filters.kind) input.kind = filters.kind;
  if (filters.from) input.from = filters.from;
  if (filters.to) input.to = filters.to;
  if (filters.author.trim()) input.author = filters.author.trim();
  return input;
}
