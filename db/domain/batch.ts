/**
 * A batch of record writes checked against one view of the database. The
 * write functions (planChange, planCorrection, planRevert, planAnnotation)
 * check a record against the batch and plan its statements; `write` runs
 * them. recordChange and the other single writes use a batch of one, and
 * imports plan thousands of records in one batch.
 */
import type Database from 'better-sqlite3';

import { checkIdUnused, idInUseError } from './fields.js';
import {
  type HistoryCheck,
  type Pair,
  type RoleUpdate,
  baselineRole,
  checkHistory,
  findChange,
  findPair,
  recordsInForce,
} from './pair.js';
import { type PairState, initialState } from './rules.js';
import { cachedStatement } from './statements.js';
import type { ChangeRecord, Role } from './types.js';

/** A pair's records in force, stored and planned, as the batch keeps them. */
export interface PairHistory {
  pair: Pair;
  baselineRole: Role | null;
  /** Records in force, ordered by effective day, then recording order. */
  records: ChangeRecord[];
  /** Whether the pair had stored records in force when the batch read it. */
  hadStored: boolean;
  /**
   * The state after the last record, or null until a replay in this batch
   * has shown that the records follow the table of kinds. That replay also
   * corrects any stale role_after, so a known state means none is stale.
   */
  final: PairState | null;
}

/** A statement of a plan, with its positional parameters. */
export interface PlannedWrite {
  sql: string;
  parameters: unknown[];
}

const INSERT_CHANGE = `
  INSERT INTO membership_changes
    (id, body_id, iso3, kind, role_after, effective_date, effective_day,
     announced_date, correction_action, source, note, author, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const UPDATE_ROLE_AFTER = 'UPDATE membership_changes SET role_after = ? WHERE id = ?';

/**
 * Checks records and plans their writes against the stored records plus
 * the writes planned so far, so that each record is checked as if the
 * ones planned before it were stored. It reads a pair's stored records
 * once, when a write first touches the pair, and keeps them in memory.
 * Stored records must not change while a batch is in use: run it inside
 * a transaction, or check before writing that the database is as it was.
 */
export class RecordBatch {
  private readonly pairs = new Map<string, Pair>();
  /** The same pairs by body id and country code as callers gave them. */
  private readonly pairsAsGiven = new Map<string, Map<string, Pair>>();
  private readonly histories = new Map<string, PairHistory>();
  private readonly historiesOfPairs = new WeakMap<Pair, PairHistory>();
  /** Changes and corrections read or planned, by id, with planned reverts applied. */
  private readonly records = new Map<string, ChangeRecord>();
  /** Planned changes and corrections that `records` does not list yet. */
  private unlisted: ChangeRecord[] = [];
  /**
   * Ids of planned changes, corrections and reverts. Once the stored ids
   * are read in bulk, planned ids go into storedIds instead.
   */
  private readonly plannedIds = new Set<string>();
  private readonly plannedReverts = new Set<string>();
  private readonly plannedAnnotations = new Set<string>();
  /** Ids of stored changes, corrections and reverts once read in bulk, and planned ones. */
  private storedIds: Set<string> | null = null;
  private storedAnnotationIds: Set<string> | null = null;
  private writes: PlannedWrite[] = [];

  constructor(readonly db: Database.Database) {}

  /** Looks a body and a country up as findPair does, remembering pairs found. */
  findPair(bodyId: unknown, iso3: unknown): Pair {
    if (typeof bodyId !== 'string' || typeof iso3 !== 'string') {
      return findPair(this.db, bodyId, iso3);
    }
    // Imports pass the same texts for thousands of records, so they are
    // looked up as given before a normalised key is made.
    let byCountry = this.pairsAsGiven.get(bodyId);
    const known = byCountry?.get(iso3);
    if (known !== undefined) return known;

    const key = `${bodyId.trim()}/${iso3.trim().toUpperCase()}`;
    let pair = this.pairs.get(key);
    if (pair === undefined) {
      pair = findPair(this.db, bodyId, iso3);
      this.pairs.set(key, pair);
    }
    if (byCountry === undefined) {
      byCountry = new Map();
      this.pairsAsGiven.set(bodyId, byCountry);
    }
    byCountry.set(iso3, pair);
    return pair;
  }

  /** Returns the pair's history, reading its stored records on first use. */
  history(pair: Pair): PairHistory {
    const found = this.historiesOfPairs.get(pair);
    if (found !== undefined) return found;

    const key = `${pair.bodyId}/${pair.iso3}`;
    let history = this.histories.get(key);
    if (history === undefined) {
      const records = recordsInForce(this.db, pair).map((record) => this.remember(record));
      const baseline = baselineRole(this.db, pair);
      history = {
        pair,
        baselineRole: baseline,
        records,
        hadStored: records.length > 0,
        // A pair without records replays cleanly from its baseline role.
        final: records.length === 0 ? initialState(baseline) : null,
      };
      this.histories.set(key, history);
    }
    this.historiesOfPairs.set(pair, history);
    return history;
  }

  /** Returns the change or correction with this id, planned or stored. */
  findRecord(id: string): ChangeRecord | undefined {
    this.listPlanned();
    const known = this.records.get(id);
    if (known !== undefined) return known;

    const stored = findChange(this.db, id);
    return stored && this.remember(stored);
  }

  /** Tells whether `id` is a revert, planned or stored. */
  isRevert(id: string): boolean {
    if (this.plannedReverts.has(id)) return true;
    const sql = 'SELECT 1 FROM membership_reverts WHERE id = ?';
    return cachedStatement(this.db, sql).get(id) !== undefined;
  }

  /**
   * Reads the ids of every stored record in two queries, so that the id
   * checks of the records planned afterwards run no query each. Worth it
   * for a batch of many records, not for one.
   */
  readStoredIds(): void {
    const ids = (sql: string) =>
      new Set(cachedStatement(this.db, sql, 'pluck').all() as string[]);
    this.storedIds = ids(
      'SELECT id FROM membership_changes UNION ALL SELECT id FROM membership_reverts',
    );
    for (const id of this.plannedIds) this.storedIds.add(id);
    this.storedAnnotationIds = ids('SELECT id FROM annotations');
  }

  /** Rejects an id that a change, correction or revert uses, planned or stored. */
  checkIdUnused(id: string): void {
    if (this.storedIds !== null) {
      if (this.storedIds.has(id)) throw idInUseError(id);
      return;
    }
    if (this.plannedIds.has(id)) throw idInUseError(id);
    checkIdUnused(this.db, id);
  }

  /** Notes the id of a planned change, correction or revert. */
  private markPlannedId(id: string): void {
    (this.storedIds ?? this.plannedIds).add(id);
  }

  /** Tells whether an annotation, planned or stored, has this id. */
  isAnnotation(id: string): boolean {
    if (this.plannedAnnotations.has(id)) return true;
    if (this.storedAnnotationIds !== null) return this.storedAnnotationIds.has(id);
    const sql = 'SELECT 1 FROM annotations WHERE id = ?';
    return cachedStatement(this.db, sql).get(id) !== undefined;
  }

  /**
   * Checks `candidate` as the new last record of the pair, then adds it to
   * the history and returns the records whose role_after changes. When the
   * history is known to replay cleanly, only the candidate is replayed.
   */
  appendToHistory(
    history: PairHistory,
    candidate: ChangeRecord,
    check: Omit<HistoryCheck, 'pair' | 'baselineRole' | 'candidate'>,
  ): RoleUpdate[] {
    if (history.final === null) {
      return this.replaceHistory(history, [...history.records, candidate], {
        ...check,
        candidate,
      });
    }

    const { updates, final } = checkHistory({
      pair: history.pair,
      baselineRole: history.baselineRole,
      candidate,
      rejectCandidate: check.rejectCandidate,
      action: check.action,
      field: check.field,
      records: [candidate],
      start: history.final,
    });
    history.records.push(candidate);
    return this.settle(history, final, updates);
  }

  /**
   * Checks `records` as the pair's new history (with checkHistory), then
   * makes them its history and returns the records whose role_after
   * changes. Throws, changing nothing, when a record breaks the rules.
   */
  replaceHistory(
    history: PairHistory,
    records: ChangeRecord[],
    check: Omit<HistoryCheck, 'pair' | 'baselineRole'>,
  ): RoleUpdate[] {
    const { updates, final } = checkHistory({
      ...check,
      pair: history.pair,
      baselineRole: history.baselineRole,
      records,
    });
    history.records = records;
    return this.settle(history, final, updates);
  }

  /** Plans the insert of a change or correction that passed its checks. */
  planRecord(record: ChangeRecord): void {
    this.plan(INSERT_CHANGE, [
      record.id,
      record.bodyId,
      record.iso3,
      record.kind,
      record.roleAfter,
      record.effectiveDate,
      record.effectiveDay,
      record.announcedDate,
      record.correctionAction,
      record.source,
      record.note,
      record.author,
      record.recordedAt,
    ]);
    this.markPlannedId(record.id);
    // Its id is new, so it cannot clash with a record already listed.
    this.unlisted.push(record);
  }

  /** Plans the role_after updates that a history check returned. */
  planRoleUpdates(updates: readonly RoleUpdate[]): void {
    for (const { id, roleAfter } of updates) this.plan(UPDATE_ROLE_AFTER, [roleAfter, id]);
  }

  /** Marks a record reverted in the batch's records, after planning the revert. */
  markReverted(target: ChangeRecord, revertId: string): void {
    target.revertedBy = revertId;
    this.markPlannedId(revertId);
    this.plannedReverts.add(revertId);
  }

  /** Notes a planned annotation's id, so that later checks see it. */
  markAnnotation(id: string): void {
    this.plannedAnnotations.add(id);
  }

  /** Adds a statement to the plan; `write` runs the plan in order. */
  plan(sql: string, parameters: unknown[]): void {
    this.writes.push({ sql, parameters });
  }

  /** Returns the planned writes and starts an empty plan. */
  takeWrites(): PlannedWrite[] {
    const writes = this.writes;
    this.writes = [];
    return writes;
  }

  /** Runs the planned writes in order, in the caller's transaction. */
  write(): void {
    writePlanned(this.db, this.takeWrites());
  }

  /**
   * Lists the planned records in `records`. Done when a lookup needs them,
   * because an import of 100,000 changes rarely looks any up.
   */
  private listPlanned(): void {
    for (const record of this.unlisted) this.records.set(record.id, record);
    this.unlisted = [];
  }

  private remember(record: ChangeRecord): ChangeRecord {
    const known = this.records.get(record.id);
    if (known !== undefined) return known;
    this.records.set(record.id, record);
    return record;
  }

  /** Applies role updates to the records in memory and records the state. */
  private settle(
    history: PairHistory,
    final: PairState,
    updates: RoleUpdate[],
  ): RoleUpdate[] {
    if (updates.length > 0) {
      const roles = new Map(updates.map((update) => [update.id, update.roleAfter]));
      for (const record of history.records) {
        if (roles.has(record.id)) record.roleAfter = roles.get(record.id)!;
      }
    }
    history.final = final;
    return updates;
  }
}

/**
 * Runs writes that a RecordBatch planned, in order, in the caller's
 * transaction. The plan is valid only while the stored records are those
 * it was checked against.
 */
export function writePlanned(db: Database.Database, writes: readonly PlannedWrite[]): void {
  // Plans run the same statement many times in a row, so the last one is
  // kept at hand rather than looked up for each write.
  let lastSql: string | null = null;
  let statement: Database.Statement | null = null;
  for (const { sql, parameters } of writes) {
    if (sql !== lastSql) {
      statement = cachedStatement(db, sql);
      lastSql = sql;
    }
    // An array binds as positional parameters, without spreading it into arguments.
    statement!.run(parameters);
  }
}
