import type Database from 'better-sqlite3';

import { describeKind } from '../../main/contract/kinds.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { RecordBatch } from './batch.js';
import { checkAnnouncedDate, checkEffectiveDate, checkToday } from './dates.js';
import {
  MAX_NOTE_LENGTH,
  checkAuthor,
  checkRecordId,
  checkRecordedAt,
  checkSource,
  optionalText,
} from './fields.js';
import { type RoleUpdate, describePair, findChange } from './pair.js';
import { ROLE_CHANGED_TARGETS, describeRole } from './rules.js';
import {
  CHANGE_KINDS,
  type ChangeInput,
  type ChangeKind,
  type ChangeRecord,
  type Role,
  type WriteContext,
} from './types.js';

const log = createLogger('db/domain/record');

/** Aliases files may write, and the role_changed they stand for. */
const KIND_ALIASES = new Map<string, Role>([
  ['observer_granted', 'observer'],
  ['associate_granted', 'associate'],
]);

/** The role each kind sets, except reinstated (derived) and role_changed. */
const FIXED_ROLE_AFTER: Partial<Record<ChangeKind, Role | null>> = {
  joined: 'member',
  left: null,
  suspended: 'suspended',
};

/** Resolves the kind (and its aliases) and the role it sets. */
function checkKind(
  kindValue: unknown,
  newRoleValue: unknown,
): {
  kind: ChangeKind;
  roleAfter: Role | null;
} {
  const kindText = typeof kindValue === 'string' ? kindValue.trim() : '';
  const newRole =
    typeof newRoleValue === 'string' && newRoleValue.trim() !== ''
      ? newRoleValue.trim()
      : null;

  const aliasRole = KIND_ALIASES.get(kindText);
  if (aliasRole !== undefined) {
    if (newRole !== null && newRole !== aliasRole) {
      throw new AtlasError(
        'invalid_input',
        `The kind ${kindText} sets the role ${aliasRole}, but the new role ` +
          `given is ${newRole}; leave the new role empty or use role_changed.`,
        'newRole',
      );
    }
    return { kind: 'role_changed', roleAfter: aliasRole };
  }

  const kind = CHANGE_KINDS.find((known) => known === kindText);
  if (kind === undefined) {
    throw new AtlasError(
      'invalid_input',
      `The kind ${JSON.stringify(kindValue ?? '')} is not a kind of change; ` +
        `use one of ${CHANGE_KINDS.join(', ')}, observer_granted or ` +
        'associate_granted.',
      'kind',
    );
  }

  if (kind === 'role_changed') {
    const target = ROLE_CHANGED_TARGETS.find((role) => role === newRole);
    if (target === undefined) {
      throw new AtlasError(
        'invalid_input',
        `role_changed needs a new role, one of ${ROLE_CHANGED_TARGETS.join(', ')}` +
          `; got ${JSON.stringify(newRole ?? '')}.`,
        'newRole',
      );
    }
    return { kind, roleAfter: target };
  }

  // A placeholder for reinstated: the history check computes its role.
  const roleAfter = kind === 'reinstated' ? 'member' : (FIXED_ROLE_AFTER[kind] ?? null);
  if (newRole !== null && (kind === 'reinstated' || newRole !== roleAfter)) {
    throw new AtlasError(
      'invalid_input',
      `A new role is given only with role_changed; ${kind} sets the role ` +
        'itself. Leave the new role empty.',
      'newRole',
    );
  }
  return { kind, roleAfter };
}

/**
 * Checks a dated membership change against the batch and plans its insert;
 * returns the record as it will be stored. Throws a plain Error when
 * `context.today` is not a day (a caller's bug). Checks run in this order,
 * and the first that fails throws an AtlasError, leaving the batch
 * unchanged. The body and country must exist, and the effective and
 * announced dates must be valid. The kind (and new role) must be known,
 * and the source, note, author, id and recording time valid. The kind must
 * be allowed for the pair's role on the effective day, after every record
 * of that day already stored or planned. Last, every later change of the
 * pair must still be allowed with this one in place.
 */
export function planChange(
  batch: RecordBatch,
  input: ChangeInput,
  context: WriteContext,
): ChangeRecord {
  checkToday(context.today);
  const pair = batch.findPair(input.bodyId, input.iso3);
  const effectiveDay = checkEffectiveDate(input.effectiveDate, context.today);
  const announcedDate = checkAnnouncedDate(input.announcedDate);
  const { kind, roleAfter } = checkKind(input.kind, input.newRole);

  const record: ChangeRecord = {
    seq: 0,
    id: checkRecordId(input.id),
    bodyId: pair.bodyId,
    iso3: pair.iso3,
    kind,
    roleAfter,
    effectiveDate: input.effectiveDate,
    effectiveDay,
    announcedDate,
    correctionAction: null,
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

  const check = {
    rejectCandidate: (before: Role | null, reason: string, alternative: string): never => {
      throw new AtlasError(
        'rule_violation',
        `Cannot record ${describeKind(kind)} for ${describePair(pair)} on ` +
          `${input.effectiveDate}: it had ${describeRole(before)} then, and ` +
          `${reason}. ${alternative}`,
        'kind',
      );
    },
    action: () =>
      `record ${describeKind(kind)} for ${describePair(pair)} on ${input.effectiveDate}`,
    field: 'effectiveDate',
  };

  // A new record is the last of its day, because recording order decides.
  const history = batch.history(pair);
  const records = history.records;
  const last = records.at(-1);
  let updates: RoleUpdate[];
  if (last === undefined || last.effectiveDay <= effectiveDay) {
    updates = batch.appendToHistory(history, record, check);
  } else {
    const position = records.findIndex((other) => other.effectiveDay > effectiveDay);
    const reordered = [...records];
    reordered.splice(position, 0, record);
    updates = batch.replaceHistory(history, reordered, { ...check, candidate: record });
  }

  batch.planRecord(record);
  batch.planRoleUpdates(updates);
  return record;
}

/**
 * Returns the stored record in force that records the same change as
 * `input`: the same pair, kind, effective date and (for role_changed) new role.
 * Imports skip such a row as already recorded, as when a colleague
 * recorded the same event or a table is imported twice. Records planned
 * in the batch do not count, and neither does input too invalid to
 * compare: planChange then reports what is wrong with it.
 */
export function findRecordedChange(
  batch: RecordBatch,
  input: ChangeInput,
): ChangeRecord | undefined {
  let pair;
  let kind: ChangeKind;
  let roleAfter: Role | null;
  try {
    pair = batch.findPair(input.bodyId, input.iso3);
    ({ kind, roleAfter } = checkKind(input.kind, input.newRole));
  } catch (error) {
    if (error instanceof AtlasError) return undefined;
    throw error;
  }
  const history = batch.history(pair);
  if (!history.hadStored) return undefined;
  const date = typeof input.effectiveDate === 'string' ? input.effectiveDate.trim() : null;
  // Stored records have their seq; planned ones have 0 until written.
  return history.records.find(
      (record) =>
        record.seq > 0 &&
        record.kind === kind &&
        record.effectiveDate === date &&
        (kind !== 'role_changed' || record.roleAfter === roleAfter),
    );
}

/** Describes a stored record that an import row repeats, for the import's report. */
export function describeRecordedChange(record: ChangeRecord): string {
  return (
    `${describeKind(record.kind)} on ${record.effectiveDate} is already recorded here ` +
    `(id ${record.id}, by ${record.author} at ${record.recordedAt}), so it is skipped.`
  );
}

/**
 * Records a dated membership change in one transaction and returns it.
 * The checks are those of planChange.
 */
export function recordChange(
  db: Database.Database,
  input: ChangeInput,
  context: WriteContext,
): ChangeRecord {
  checkToday(context.today);

  return db.transaction(() => {
    const batch = new RecordBatch(db);
    const record = planChange(batch, input, context);
    batch.write();
    log.debug(
      `recorded ${record.id}: ${record.kind} ${record.bodyId}/${record.iso3} on ` +
        `${record.effectiveDate}`,
    );
    return findChange(db, record.id)!;
  })();
}
