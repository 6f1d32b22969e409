import type { Settings } from '../../../main/contract/index.js';
import { query } from '../lib/api';
import type { AtlasState } from './atlas.svelte';

/** The two tabs of the record dialog. */
export type RecordMode = 'change' | 'correction';

/** Initial values of the record dialog, which the user may change. */
export interface RecordPreset {
  mode?: RecordMode;
  bodyId?: string;
  iso3?: string;
}

/**
 * The state shared by the screens that write records: the author name from
 * the settings, which dialog is open, and the notice of the last write.
 * Every successful write goes through `saved`, which redraws the map and
 * makes the panels and the history query again.
 */
export class RecordsState {
  settings = $state.raw<Settings | null>(null);
  /** The name stored with new records: the one set, else the system user. */
  author = $derived(
    this.settings?.authorName ?? this.settings?.defaultAuthor ?? null,
  );

  /** The preset of the open record dialog, null while it is closed. */
  form = $state.raw<RecordPreset | null>(null);
  settingsOpen = $state(false);
  /** A short sentence about the last write, shown until dismissed. */
  notice = $state<string | null>(null);

  readonly #atlas: AtlasState;

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
  }

  async loadSettings(): Promise<void> {
    try {
      this.settings = await query('getSettings', {});
    } catch (error) {
      this.#atlas.errors.report('Loading the settings', error);
    }
  }

  /** Stores the author name, or throws AtlasRequestError when it is rejected. */
  async saveAuthorName(name: string): Promise<void> {
    this.settings = await query('setAuthorName', { name });
    this.notice = `New records will carry the author name “${this.settings.authorName}”.`;
  }

  openForm(preset: RecordPreset = {}): void {
    this.form = preset;
  }

  closeForm(): void {
    this.form = null;
  }

  openSettings(): void {
    this.settingsOpen = true;
  }

  closeSettings(): void {
    this.settingsOpen = false;
  }

  /** Shows `notice` and refreshes every view after a successful write. */
  saved(notice: string): Promise<void> {
    this.notice = notice;
    return this.#atlas.refreshData();
  }
}
