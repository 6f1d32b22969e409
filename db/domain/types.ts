import type { ChangeKind } from '../../main/contract/records.js';
import type { Role } from '../../main/contract/types.js';

export type { Role };
export {
  CHANGE_KINDS,
  CORRECTION_ACTIONS,
  type Annotation,
  type AnnotationTarget,
  type AnnotationVersion,
  type ChangeKind,
  type ChangeRecord,
  type CorrectionAction,
  type HistoryEntry,
  type HistoryEntryType,
  type RecordKind,
  type RecordVersion,
  type RevertRecord,
  type TimelineStep,
} from '../../main/contract/records.js';

/** Kind names files may write: the stored kinds plus two aliases. */
export type ChangeKindInput = ChangeKind | 'observer_granted' | 'associate_granted';

/** Author, day and time of a write. */
export interface WriteContext {
  /** Today as YYYY-MM-DD: effective dates may run to one year after it. */
  today: string;
  /** Display name of the person recording. */
  author: string;
  /** The time recorded (UTC); defaults to the current time. */
  now?: Date;
}

/** A dated change as a form, the API, the CLI or an import submits it. */
export interface ChangeInput {
  bodyId: string;
  iso3: string;
  /** A ChangeKindInput; a string because files may hold anything. */
  kind: string;
  /** Required for role_changed: member, observer, associate or participant. */
  newRole?: string | null;
  /** YYYY-MM-DD, or YYYY-MM when the source gives only a month. */
  effectiveDate: string;
  announcedDate?: string | null;
  source: string;
  note?: string | null;
  /** The record's UUID when an import brings one; otherwise one is made. */
  id?: string | null;
  /** The UTC time at which an imported record was made. */
  recordedAt?: string | null;
}

/** A baseline correction: a fix to the 2020 list itself. */
export interface CorrectionInput {
  bodyId: string;
  iso3: string;
  action: string;
  /** The role to add or change to; not given for remove. */
  role?: string | null;
  source: string;
  note?: string | null;
  id?: string | null;
  recordedAt?: string | null;
}

