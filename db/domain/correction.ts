import type Database from 'better-sqlite3';

import { BASELINE_DATE } from '../../main/contract/dates.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { RecordBatch } from './batch.js';
import {
  MAX_NOTE_LENGTH,
  checkAuthor,
  checkRecordId,
  checkRecordedAt,
  checkSource,
  optionalText,
} from './fields.js';
import { type Pair, describePair, findChange } from './pair.js';
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
 * Checks a baseline correction against the batch and plans its insert;
 * returns the record as it will be stored. A correction fixes the 2020
 * list: it adds a missing row, changes a row's role, or removes a row.
 * Checks the ids, the action and role, and the fields. Then the action
 * must fit the corrected 2020 role, and every dated change of the pair
 * must still be allowed afterwards. A failed check throws an AtlasError
 * and changes nothing.
 */
export function planCorrection(
  batch: RecordBatch,
  input: CorrectionInput,
  context: Omit<WriteContext, 'today'>,
): ChangeRecord {
  const pair = batch.findPair(input.bodyId, input.iso3);
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
  batch.checkIdUnused(record.id);

  // Corrections sort on the baseline day, before every dated change.
  const history = batch.history(pair);
  const corrections = history.records.filter((other) => other.kind === 'correction');
  const baseline = history.baselineRole;
  const corrected = replay(baseline, corrections).roles.at(-1)?.after;
  checkActionFits(pair, action, corrected === undefined ? baseline : corrected, role);

  const records = [...history.records];
  records.splice(corrections.length, 0, record);
  const updates = batch.replaceHistory(history, records, {
    action: () => `${action} ${describePair(pair)} in the 2020 list`,
    field: 'action',
  });

  batch.planRecord(record);
  batch.planRoleUpdates(updates);
  return record;
}

/**
 * Records a baseline correction in one transaction and returns it. The
 * checks are those of planCorrection.
 */
export function recordCorrection(
  db: Database.Database,
  input: CorrectionInput,
  context: Omit<WriteContext, 'today'>,
): ChangeRecord {
  return db.transaction(() => {
    const batch = new RecordBatch(db);
    const record = planCorrection(batch, input, context);
    batch.write();
    log.debug(
      `recorded correction ${record.id}: ${record.correctionAction} ` +
        `${record.bodyId}/${record.iso3}`,
    );
    return findChange(db, record.id)!;
  })();
}
