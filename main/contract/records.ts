/** Types of recorded changes, corrections, reverts and annotations. */
import type { Role } from './types.js';

/** The kinds of dated change, as stored. */
export const CHANGE_KINDS = [
  'joined',
  'left',
  'suspended',
  'reinstated',
  'role_changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Kinds stored in membership_changes: dated changes and corrections. */
export type RecordKind = ChangeKind | 'correction';

export const CORRECTION_ACTIONS = ['add', 'change_role', 'remove'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];

/** A row of membership_changes: a dated change or a baseline correction. */
export interface ChangeRecord {
  seq: number;
  id: string;
  bodyId: string;
  iso3: string;
  kind: RecordKind;
  /** The role the record sets; null means no role. */
  roleAfter: Role | null;
  /** YYYY-MM-DD or YYYY-MM; null for a correction. */
  effectiveDate: string | null;
  /** The day the record takes effect (the baseline day for a correction). */
  effectiveDay: string;
  announcedDate: string | null;
  correctionAction: CorrectionAction | null;
  source: string;
  note: string;
  author: string;
  recordedAt: string;
  version: number;
  editedBy: string | null;
  editedAt: string | null;
  /** Id of the revert that cancels this record; null while in force. */
  revertedBy: string | null;
}

/** A row of membership_reverts. */
export interface RevertRecord {
  seq: number;
  id: string;
  targetId: string;
  source: string;
  note: string;
  author: string;
  recordedAt: string;
}

/** One version of a change or correction's source and note. */
export interface RecordVersion {
  version: number;
  source: string;
  note: string;
  /** Author and time (UTC) of this version. */
  author: string;
  recordedAt: string;
}

export type HistoryEntryType = 'change' | 'correction' | 'revert';

/** One entry of the change log: a change, a correction or a revert. */
export interface HistoryEntry {
  id: string;
  type: HistoryEntryType;
  kind: RecordKind | 'revert';
  bodyId: string;
  bodyName: string;
  iso3: string;
  countryName: string;
  /** Null for a revert, which names the record it cancels in `revertsId`. */
  roleAfter: Role | null;
  correctionAction: CorrectionAction | null;
  /** For a revert, the date of the record it cancels. */
  effectiveDate: string | null;
  effectiveDay: string;
  announcedDate: string | null;
  source: string;
  note: string;
  /** Author and time (UTC) of the first recording. */
  author: string;
  recordedAt: string;
  /** The current version; earlier ones are kept, so it is also their count. */
  version: number;
  revertedBy: string | null;
  revertedAt: string | null;
  revertsId: string | null;
}

/** One record in force, with the role of its pair before and after it. */
export interface TimelineStep {
  id: string;
  kind: RecordKind;
  bodyId: string;
  bodyName: string;
  iso3: string;
  countryName: string;
  /** YYYY-MM-DD or YYYY-MM; null for a baseline correction. */
  effectiveDate: string | null;
  effectiveDay: string;
  roleBefore: Role | null;
  roleAfter: Role | null;
  source: string;
}

/** Subject of an annotation: a membership (body and country), a country or a body. */
export type AnnotationTarget =
  | { type: 'membership'; bodyId: string; iso3: string }
  | { type: 'country'; iso3: string }
  | { type: 'body'; bodyId: string };

export interface Annotation {
  id: string;
  target: AnnotationTarget;
  text: string;
  /** Creator of the annotation and creation time (UTC). */
  author: string;
  createdAt: string;
  /** Author and time of the current version (an edit or the deletion). */
  updatedBy: string;
  updatedAt: string;
  version: number;
  /** When the annotation was deleted; null while it is shown. */
  deletedAt: string | null;
}

/** One version of an annotation, oldest first in listAnnotationVersions. */
export interface AnnotationVersion {
  version: number;
  text: string;
  deletedAt: string | null;
  author: string;
  recordedAt: string;
}
