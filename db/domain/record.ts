import type Database from 'better-sqlite3';

import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { checkAnnouncedDate, checkEffectiveDate, checkToday } from './dates.js';
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
  baselineRole,
  checkHistory,
  describePair,
  findChange,
  findPair,
  recordsInForce,
  saveRoleUpdates,
} from './pair.js';
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

const INSERT_CHANGE = `
  INSERT INTO membership_changes
    (id, body_id, iso3, kind, role_after, effective_date, effective_day,
     announced_date, correction_action, source, note, author, recorded_at)
  VALUES
    (@id, @bodyId, @iso3, @kind, @roleAfter, @effectiveDate, @effectiveDay,
     @announcedDate, @correctionAction, @source, @note, @author, @recordedAt)`;

/** Inserts a record built by recordChange or recordCorrection. */
export function insertRecord(db: Database.Database, record: ChangeRecord): void {
  db.prepare(INSERT_CHANGE).run({
    id: record.id,
    bodyId: record.bodyId,
    iso3: record.iso3,
    kind: record.kind,
    roleAfter: record.roleAfter,
    effectiveDate: record.effectiveDate,
    effectiveDay: record.effectiveDay,
    announcedDate: record.announcedDate,
    correctionAction: record.correctionAction,
    source: record.source,
    note: record.note,
    author: record.author,
    recordedAt: record.recordedAt,
  });
}

/**
 * Records a dated membership change in one transaction and returns it.
 * Checks run in this order, and the first that fails throws an AtlasError.
 * The body and country must exist, and the effective and announced dates
 * must be valid. The kind (and new role) must be known, and the source,
 * note, author, id and recording time valid. The kind must be allowed for
 * the pair's role on the effective day, after every record of that day
 * already stored. Last, every later change of the pair must still be
 * allowed with this one in place.
 */
export function recordChange(
  db: Database.Database,
  input: ChangeInput,
  context: WriteContext,
): ChangeRecord {
  checkToday(context.today);

  return db.transaction(() => {
    const pair = findPair(db, input.bodyId, input.iso3);
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
    checkIdUnused(db, record.id);

    // A new record is the last of its day, because recording order decides.
    const records = recordsInForce(db, pair);
    const position = records.findIndex((other) => other.effectiveDay > effectiveDay);
    const index = position === -1 ? records.length : position;
    records.splice(index, 0, record);

    const updates = checkHistory({
      pair,
      baselineRole: baselineRole(db, pair),
      records,
      candidate: record,
      rejectCandidate: (before, reason, alternative) => {
        throw new AtlasError(
          'rule_violation',
          `Cannot record "${input.kind}" for ${describePair(pair)} on ` +
            `${input.effectiveDate}: it had ${describeRole(before)} then, and ` +
            `${reason}. ${alternative}`,
          'kind',
        );
      },
      action:
        `record "${input.kind}" for ${describePair(pair)} ` + `on ${input.effectiveDate}`,
      field: 'effectiveDate',
    });

    insertRecord(db, record);
    saveRoleUpdates(db, updates);
    log.debug(
      `recorded ${record.id}: ${kind} ${pair.bodyId}/${pair.iso3} on ` +
        `${record.effectiveDate}, ${updates.length} reinstatements recomputed`,
    );
    return findChange(db, record.id)!;
  })();
}
