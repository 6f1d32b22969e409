import {
  ALLOWED_ROLES_BEFORE,
  describeAllowedRoles,
  describeKind,
} from '../../main/contract/kinds.js';
import type { ChangeKind, RecordKind, Role } from './types.js';

export { ALLOWED_ROLES_BEFORE, ROLE_CHANGED_TARGETS } from '../../main/contract/kinds.js';

/**
 * Writes a kind as the form labels it, then as files and the CSV import
 * spell it: "Role changed" (role_changed).
 */
function describeKindWithStoredName(kind: ChangeKind): string {
  return `${describeKind(kind)} (${kind})`;
}

/** Advice shown when a kind is rejected for the role before it. */
const ALTERNATIVES: Record<ChangeKind, string> = {
  joined:
    `Use ${describeKindWithStoredName('role_changed')} to move between roles, ` +
    'or check the effective date.',
  left: 'Check the effective date, or record how the country gained a role first.',
  suspended:
    'Only members and associates can be suspended: check the effective date, ' +
    'or record the change that gave this role first.',
  reinstated:
    'Only a suspended country can be reinstated: check the effective date, ' +
    'or record the suspension first.',
  role_changed:
    `A suspended country needs ${describeKindWithStoredName('reinstated')} before ` +
    'its role can change. Otherwise, check the new role and the effective date.',
};

/** One record of a pair as replay needs it. */
export interface PairStep {
  kind: RecordKind;
  /**
   * The stored role_after. Replay keeps it for every kind but reinstated,
   * whose role follows from the suspension it ends.
   */
  roleAfter: Role | null;
}

/** A pair's role, and the role it held before its current suspension. */
export interface PairState {
  role: Role | null;
  roleBeforeSuspension: Role | null;
}

export type StepResult =
  | { allowed: true; state: PairState }
  | { allowed: false; reason: string; alternative: string };

/** Writes a role as messages show it: "no role" for null. */
export function describeRole(role: Role | null): string {
  return role === null ? 'no role' : `the role ${role}`;
}

/** Returns the state of a pair before any record: its baseline role, or none. */
export function initialState(baselineRole: Role | null): PairState {
  return {
    role: baselineRole,
    // A suspension already in the baseline ends in membership.
    roleBeforeSuspension: baselineRole === 'suspended' ? 'member' : null,
  };
}

/**
 * Applies one record to a pair's state, following the table of kinds.
 * A correction sets the baseline role outright, so it is always applied.
 */
export function applyStep(state: PairState, step: PairStep): StepResult {
  if (step.kind === 'correction') {
    return { allowed: true, state: initialState(step.roleAfter) };
  }

  const kind = step.kind;
  if (!ALLOWED_ROLES_BEFORE[kind].includes(state.role)) {
    return {
      allowed: false,
      reason: describeAllowedRoles(kind),
      alternative: ALTERNATIVES[kind],
    };
  }

  switch (kind) {
    case 'joined':
      return { allowed: true, state: settled('member') };
    case 'left':
      return { allowed: true, state: settled(null) };
    case 'suspended':
      return {
        allowed: true,
        state: { role: 'suspended', roleBeforeSuspension: state.role },
      };
    case 'reinstated':
      return {
        allowed: true,
        state: settled(state.roleBeforeSuspension ?? 'member'),
      };
    case 'role_changed':
      if (step.roleAfter === state.role) {
        return {
          allowed: false,
          reason: `${describeKind(kind)} must set a role other than the one held`,
          alternative: 'Choose a different new role, or record nothing.',
        };
      }
      return { allowed: true, state: settled(step.roleAfter) };
  }
}

function settled(role: Role | null): PairState {
  return { role, roleBeforeSuspension: null };
}

/** The first record of a replay that the table of kinds rejects. */
export interface Violation {
  index: number;
  roleBefore: Role | null;
  reason: string;
  alternative: string;
}

export interface ReplayResult {
  /** The role before and after each record, up to a violation. */
  roles: { before: Role | null; after: Role | null }[];
  violation: Violation | null;
  /** The state after the last record applied. */
  final: PairState;
}

/**
 * Replays a pair's records in force, ordered by (effective_day, seq), over
 * its baseline role, or over `start` when the steps continue a replay that
 * ended in that state. Stops at the first record the table rejects.
 */
export function replay(
  baselineRole: Role | null,
  steps: readonly PairStep[],
  start: PairState = initialState(baselineRole),
): ReplayResult {
  const roles: ReplayResult['roles'] = [];
  let state = start;

  for (const [index, step] of steps.entries()) {
    const result = applyStep(state, step);
    if (!result.allowed) {
      const { reason, alternative } = result;
      return {
        roles,
        violation: { index, roleBefore: state.role, reason, alternative },
        final: state,
      };
    }

    roles.push({ before: state.role, after: result.state.role });
    state = result.state;
  }
  return { roles, violation: null, final: state };
}
