/**
 * Kinds of change as people read them, and the table of the roles each kind
 * is allowed from. The record form, the history and the rules in db/domain
 * all use this module, so a rejection names a kind as the form labels it.
 */
import type { ChangeKind, RecordKind } from './records.js';
import type { Role } from './types.js';

/** Labels of the choices in the record form's list of kinds. */
export const KIND_LABELS: Record<ChangeKind, string> = {
  joined: 'Joined (became a member)',
  left: 'Left (no role any more)',
  suspended: 'Suspended',
  reinstated: 'Reinstated after a suspension',
  role_changed: 'Role changed',
};

/**
 * Short labels for tables and messages, including corrections and reverts.
 * Each kind's short label begins its label in KIND_LABELS.
 */
export const ENTRY_KIND_LABELS: Record<RecordKind | 'revert', string> = {
  joined: 'Joined',
  left: 'Left',
  suspended: 'Suspended',
  reinstated: 'Reinstated',
  role_changed: 'Role changed',
  correction: 'Baseline correction',
  revert: 'Revert',
};

/**
 * The roles a change of each kind is allowed from, where null is "no role".
 * Every other role before is rejected.
 */
export const ALLOWED_ROLES_BEFORE: Record<ChangeKind, readonly (Role | null)[]> = {
  joined: [null, 'observer', 'participant'],
  left: ['member', 'observer', 'associate', 'participant', 'suspended'],
  suspended: ['member', 'associate'],
  reinstated: ['suspended'],
  role_changed: [null, 'member', 'observer', 'associate', 'participant'],
};

/** The roles a role_changed change may set. */
export const ROLE_CHANGED_TARGETS = [
  'member',
  'observer',
  'associate',
  'participant',
] as const satisfies readonly Role[];
export type RoleChangedTarget = (typeof ROLE_CHANGED_TARGETS)[number];

/** Writes a kind as messages name it, in quotes: "Role changed". */
export function describeKind(kind: RecordKind | 'revert'): string {
  return `"${ENTRY_KIND_LABELS[kind]}"`;
}

/**
 * Writes the rule of ALLOWED_ROLES_BEFORE for one kind, without a final
 * period: "Reinstated" is allowed only from suspended.
 */
export function describeAllowedRoles(kind: ChangeKind): string {
  const names = ALLOWED_ROLES_BEFORE[kind].map((role) => role ?? 'no role');
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return `${describeKind(kind)} is allowed only from ${list}`;
}
