/**
 * Words and rules for membership changes as the forms, the history and the
 * timelines show them. The API applies the rules, and the renderer checks
 * the table of kinds from the contract only to warn before saving.
 */
import type {
  ChangeKind,
  CorrectionAction,
  HistoryEntry,
  Role,
  RoleChangedTarget,
} from '../../../main/contract/index.js';
import {
  ALLOWED_ROLES_BEFORE,
  ENTRY_KIND_LABELS,
  describeAllowedRoles,
} from '../../../main/contract/kinds.js';
import { ROLE_LABELS } from './roles';

export { CHANGE_KINDS, CORRECTION_ACTIONS } from '../../../main/contract/records.js';
export {
  ENTRY_KIND_LABELS,
  KIND_LABELS,
  ROLE_CHANGED_TARGETS,
} from '../../../main/contract/kinds.js';

/** The first day a dated change may take effect. */
export const FIRST_CHANGE_DAY = '2021-01-01';

export const ACTION_LABELS: Record<CorrectionAction, string> = {
  add: 'Add a missing membership',
  change_role: 'Change the role',
  remove: 'Remove a wrong row',
};

/** Writes a role for people: "No role" for null. */
export function roleLabel(role: Role | null): string {
  return role === null ? 'No role' : ROLE_LABELS[role];
}

/**
 * Returns why the table of kinds would reject `kind` from `before`, or null
 * when it allows it. `newRole` is the role a role_changed change sets.
 */
export function kindProblem(
  kind: ChangeKind,
  before: Role | null,
  newRole: RoleChangedTarget,
): string | null {
  if (!ALLOWED_ROLES_BEFORE[kind].includes(before)) {
    return `${describeAllowedRoles(kind)}.`;
  }
  if (kind === 'role_changed' && before === newRole) {
    return `The role is already ${roleLabel(before).toLowerCase()}; choose another new role.`;
  }
  return null;
}

/**
 * Returns the role a change sets, given the role before it. For reinstated
 * it is `beforeSuspension`, the role held before the suspension it ends.
 */
export function roleAfterChange(
  kind: ChangeKind,
  newRole: RoleChangedTarget,
  beforeSuspension: Role | null,
): Role | null {
  switch (kind) {
    case 'joined':
      return 'member';
    case 'left':
      return null;
    case 'suspended':
      return 'suspended';
    case 'reinstated':
      return beforeSuspension ?? 'member';
    case 'role_changed':
      return newRole;
  }
}

/**
 * Returns the day a change takes effect: the first of the month for a
 * month-only date, or null when the text is neither a day nor a month.
 */
export function effectiveDay(date: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return null;
}

/** Describes a history entry's kind, e.g. "Baseline correction: remove". */
export function describeEntryKind(entry: HistoryEntry): string {
  if (entry.type === 'correction' && entry.correctionAction) {
    return `${ENTRY_KIND_LABELS.correction}: ${ACTION_LABELS[entry.correctionAction].toLowerCase()}`;
  }
  return ENTRY_KIND_LABELS[entry.kind];
}

/** Splits a UTC timestamp into its day and its time to the minute. */
export function timestampParts(timestamp: string): { day: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(timestamp);
  return match ? { day: match[1], time: match[2] } : { day: timestamp, time: '' };
}

/** Formats a UTC timestamp as "2026-12-04 09:30 UTC". */
export function formatRecordedAt(timestamp: string): string {
  const { day, time } = timestampParts(timestamp);
  return time === '' ? day : `${day} ${time} UTC`;
}
