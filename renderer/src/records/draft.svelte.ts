import type {
  ChangeKind,
  ChangeRecord,
  CorrectionAction,
  CountryRef,
  Role,
  RoleChangedTarget,
} from '../../../main/contract/index.js';
import { AtlasRequestError, query } from '../lib/api';
import { resolveCountry } from '../lib/countries';
import type { RecordMode, RecordPreset } from '../state/records.svelte';

/** The inputs of the record dialog, named as the API names them. */
export const DRAFT_FIELDS = [
  'bodyId',
  'iso3',
  'kind',
  'newRole',
  'effectiveDate',
  'announcedDate',
  'action',
  'role',
  'source',
  'note',
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

function isDraftField(field: string | undefined): field is DraftField {
  return DRAFT_FIELDS.some((known) => known === field);
}

/**
 * The input of the record dialog, shared by its two tabs so that the body,
 * country, source and note stay when the user switches between a dated
 * change and a baseline correction. `save` sends the input of the open tab
 * and keeps the API's refusal, with the field it names, for the form.
 */
export class RecordDraft {
  mode = $state<RecordMode>('change');
  bodyId = $state('');
  countryText = $state('');
  kind = $state<ChangeKind>('joined');
  newRole = $state<RoleChangedTarget>('observer');
  /** YYYY-MM-DD, or YYYY-MM when the source gives only a month. */
  effectiveDate = $state('');
  announcedDate = $state('');
  action = $state<CorrectionAction>('add');
  role = $state<Role>('member');
  source = $state('');
  note = $state('');

  /** The refusal of the last save, next to the field it names. */
  errors = $state.raw<Partial<Record<DraftField, string>>>({});
  /** The refusal of the last save, for the form's message area. */
  message = $state<string | null>(null);
  /** The error code of the last refusal. */
  code = $state<string | null>(null);
  saving = $state(false);

  readonly #countries: () => readonly CountryRef[];

  /** The country the typed text names, if exactly one. */
  country = $derived.by(() =>
    resolveCountry(this.#countries(), this.countryText),
  );

  constructor(countries: () => readonly CountryRef[], preset: RecordPreset) {
    this.#countries = countries;
    this.mode = preset.mode ?? 'change';
    this.bodyId = preset.bodyId ?? '';
    const country = countries().find((item) => item.iso3 === preset.iso3);
    this.countryText = country?.name ?? preset.iso3 ?? '';
  }

  /** Sends the open tab's input and returns the stored record, or null when rejected. */
  async save(): Promise<ChangeRecord | null> {
    this.errors = {};
    this.message = null;
    this.code = null;

    const problem = this.#localProblem();
    if (problem) {
      this.#reject(problem.field, problem.message, 'invalid_input');
      return null;
    }

    this.saving = true;
    try {
      return await this.#send(this.country!.iso3);
    } catch (error) {
      if (error instanceof AtlasRequestError) {
        this.#reject(error.error.field, error.message, error.error.code);
      } else {
        this.#reject(undefined, describe(error), 'internal');
      }
      return null;
    } finally {
      this.saving = false;
    }
  }

  #send(iso3: string): Promise<ChangeRecord> {
    const common = {
      bodyId: this.bodyId,
      iso3,
      source: this.source,
      note: this.note,
    };
    if (this.mode === 'correction') {
      return query('recordCorrection', {
        ...common,
        action: this.action,
        role: this.action === 'remove' ? null : this.role,
      });
    }
    return query('recordChange', {
      ...common,
      kind: this.kind,
      newRole: this.kind === 'role_changed' ? this.newRole : null,
      effectiveDate: this.effectiveDate,
      announcedDate: this.announcedDate === '' ? null : this.announcedDate,
    });
  }

  /** Checks what the API cannot: that a body is chosen and the text names a country. */
  #localProblem(): { field: DraftField; message: string } | null {
    if (this.bodyId === '') {
      return { field: 'bodyId', message: 'Choose a body from the list.' };
    }
    if (this.country) return null;

    const text = this.countryText.trim();
    return {
      field: 'iso3',
      message:
        text === ''
          ? 'Type a country or territory name or its ISO code, then choose it from the suggestions.'
          : `No country or territory is named or coded “${text}”; choose one from the suggestions.`,
    };
  }

  #reject(field: string | undefined, message: string, code: string): void {
    this.errors = isDraftField(field) ? { [field]: message } : {};
    this.message = message;
    this.code = code;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
