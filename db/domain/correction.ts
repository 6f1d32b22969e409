import type Database from 'better-sqlite3';

import { BASELINE_DATE } from '../../main/contract/dates.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import {
  MAX_NOTE_LENGTH,
  checkAuthor,
  checkIdUnused,
  checkRecordId,
  checkRecordedAt,
  checkSource,
  optionalText,
} from './fields.js';
import {
  type Pair,
  baselineRole,
  checkHistory,
  describePair,
  findChange,
  findPair,
  recordsInForce,
  saveRoleUpdates,
} from './pair.js';
import { insertRecord } from './record.js';
import { describeRole, replay } from './rules.js';
import {
  CORRECTION_ACTIONS,
  type ChangeRecord,
  type CorrectionAction,
  type CorrectionInput,
  type Role,
  type WriteContext,
} from './types.js';

const log = createLogger('db/domain/correction');

const ROLES: readonly Role[] = [
  'member',
  'observer',
  'associate',
  'participant',
  'suspended',
];

function checkAction(value: unknown): CorrectionAction {
  const action = CORRECTION_ACTIONS.find((known) => known === value);
  if (action === undefined) {
    throw new AtlasError(
      'invalid_input',
      `The correction action ${JSON.stringify(value ?? '')} is unknown; use ` +
        `one of ${CORRECTION_ACTIONS.join(', ')}.`,
      'action',
    );
  }
  return action;
}

function checkRole(action: CorrectionAction, value: unknown): Role | null {
  const roleText = value === undefined || value === null || value === '' ? null : value;
  if (action === 'remove') {
    if (roleText !== null) {
      throw new AtlasError(
        'invalid_input',
        'A correction that removes a row takes no role; leave the role empty.',
        'role',
      );
    }
    return null;
  }

  const role = ROLES.find((known) => known === roleText);
  if (role === undefined) {
    throw new AtlasError(
      'invalid_input',
      `A correction of kind ${action} needs a role, one of ${ROLES.join(', ')}; ` +
        `got ${JSON.stringify(roleText ?? '')}.`,
      'role',
    );
  }
  return role;
}

/**
 * Rejects an action that does not fit the pair's corrected 2020 role: add
 * needs no role, change_role and remove need one, and a role must differ.
 */
function checkActionFits(
  pair: Pair,
  action: CorrectionAction,
  before: Role | null,
  role: Role | null,
): void {
  const where = `${describePair(pair)} in the 2020 list`;
  let problem: string | null = null;

  if (action === 'add' && before !== null) {
    problem =
      `add is for a pair missing from the list, but ${where} already has ` +
      `${describeRole(before)}. Use change_role to fix the role.`;
  } else if (action !== 'add' && before === null) {
    problem =
      `${action} needs a row, but ${where} has none. Use add to add the ` +
      'missing row.';
  } else if (action === 'change_role' && before === role) {
    problem = `${where} already has ${describeRole(role)}; nothing to change.`;
  }

  if (problem !== null) {
    throw new AtlasError('rule_violation', `Cannot correct: ${problem}`, 'action');
  }
}

/**
 * Records a baseline correction (a fix to the 2020 list: add a missing row,
 * change a row's role, or remove a row) in one transaction and returns it.
 * Checks the ids, the action and role, the fields, then that the action
 * fits the corrected 2020 role and that every dated change of the pair is
 * still allowed afterwards.
 */
export function recordCorrection(
  db: Database.Database,
  input: CorrectionInput,
  context: Omit<WriteContext, 'today'>,
): ChangeRecord {
  return db.transaction(() => {
    const pair = findPair(db, input.bodyId, input.iso3);
    const action = checkAction(input.action);
    const role = checkRole(action, input.role);

    const record: ChangeRecord = {
      seq: 0,
      id: checkRecordId(input.id),
      bodyId: pair.bodyId,
      iso3: pair.iso3,
      kind: 'correction',
      roleAfter: role,
      effectiveDate: null,
      effectiveDay: BASELINE_DATE,
      announcedDate: null,
      correctionAction: action,
      source: checkSource(input.source),
      note: optionalText(input.note, 'note', 'note', MAX_NOTE_LENGTH),
      author: checkAuthor(context.author),
      recordedAt: checkRecordedAt(input.recordedAt, context.now),
      version: 1,
      editedBy: null,
      editedAt: null,
      revertedBy: null,
    };
    checkIdUnused(db, record.id);

    // Corrections sort on the baseline day, before every dated change.
    const records = recordsInForce(db, pair);
    const corrections = records.filter((other) => other.kind === 'correction');
    const baseline = baselineRole(db, pair);
    const corrected = replay(baseline, corrections).roles.at(-1)?.after;
    checkActionFits(pair, action, corrected === undefined ? baseline : corrected, role);

    records.splice(corrections.length, 0, record);
    const updates = checkHistory({
      pair,
      baselineRole: baseline,
      records,
      action: `${action} ${describePair(pair)} in the 2020 list`,
      field: 'action',
    });

    insertRecord(db, record);
    saveRoleUpdates(db, updates);
    log.debug(
      `recorded correction ${record.id}: ${action} ${pair.bodyId}/${pair.iso3}, ` +
        `${updates.length} reinstatements recomputed`,
    );
    return findChange(db, record.id)!;
  })();
}
