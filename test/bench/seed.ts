/**
 * Gives a benchmark database a change log, so that the read queries are
 * timed with records, reverts and annotations to go through, as after some
 * use, and not only on the bare 2020 baseline.
 */
import type { QueryInput, QueryName, QueryResults } from '../../main/contract/index.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { runQuery } from '../../main/handlers/dispatch.js';

/** A body and a country: the subject of a membership record. */
export interface Pair {
  bodyId: string;
  iso3: string;
}

/** Pairs of the 2020 baseline, found through the API before any write. */
export interface BaselinePairs {
  /** Pairs with no role, where "joined" and a correction "add" are allowed. */
  open: Pair[];
  /** Pairs whose baseline role is member, where "left" is allowed. */
  members: Pair[];
}

/** What the seed wrote, and ids that read cases need. */
export interface SeedSummary {
  records: number;
  reverts: number;
  annotations: number;
  /** A correction with two versions of its note. */
  editedRecordId: string;
  /** An annotation with two versions of its text. */
  editedAnnotationId: string;
}

const SEED_JOINED = 150;
const SEED_LEFT = 50;
const SEED_CORRECTIONS = 20;
const SEED_EDITS = 10;
const SEED_REVERTS = 10;
const SEED_ANNOTATIONS_PER_TARGET_TYPE = 20;
const SEED_SOURCE = 'https://example.org/atlas-benchmark';

/** Runs a query in process and returns its value, or throws its error. */
export function callQuery<N extends QueryName>(
  context: HandlerContext,
  name: N,
  input: QueryInput<N>,
): QueryResults[N] {
  const result = runQuery(context, { name, input });
  if (!result.ok) {
    throw new Error(
      `${name} ${JSON.stringify(input)} failed with ${result.error.code}: ${result.error.message}`,
    );
  }
  return result.value as QueryResults[N];
}

/** Hands out pairs with no role, each once, so that every write on one is allowed. */
export class PairPool {
  #next = 0;

  constructor(private readonly pairs: readonly Pair[]) {}

  take(): Pair {
    const pair = this.pairs[this.#next];
    if (pair === undefined) {
      throw new Error(
        `All ${this.pairs.length} pairs without a role are used; run fewer write calls.`,
      );
    }
    this.#next++;
    return pair;
  }
}

/** Lists the baseline's open and member pairs, countries first then bodies. */
export function listBaselinePairs(context: HandlerContext): BaselinePairs {
  const bodies = callQuery(context, 'listBodies', {});
  const countries = callQuery(context, 'listCountries', {});

  const roles = new Map<string, string>();
  const members: Pair[] = [];
  for (const body of bodies) {
    const profile = callQuery(context, 'bodyProfile', { id: body.id });
    for (const membership of profile.memberships) {
      roles.set(`${body.id}/${membership.iso3}`, membership.role);
      if (membership.role === 'member') {
        members.push({ bodyId: body.id, iso3: membership.iso3 });
      }
    }
  }

  const open: Pair[] = [];
  for (const country of countries) {
    for (const body of bodies) {
      if (!roles.has(`${body.id}/${country.iso3}`)) {
        open.push({ bodyId: body.id, iso3: country.iso3 });
      }
    }
  }
  return { open, members };
}

/** Returns the 15th of a month from January 2021 on, cycling over four years. */
export function seedDate(index: number): string {
  const month = index % 48;
  const year = 2021 + Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}-15`;
}

function seedRecords(context: HandlerContext, baseline: BaselinePairs, pool: PairPool) {
  const joinedIds: string[] = [];
  for (let i = 0; i < SEED_JOINED; i++) {
    const pair = pool.take();
    const record = callQuery(context, 'recordChange', {
      ...pair,
      kind: 'joined',
      effectiveDate: seedDate(i),
      source: SEED_SOURCE,
    });
    joinedIds.push(record.id);
  }

  // Every 30th member pair, so that the departures spread over many bodies.
  const leaving = baseline.members.filter((_, index) => index % 30 === 0).slice(0, SEED_LEFT);
  for (const [i, pair] of leaving.entries()) {
    callQuery(context, 'recordChange', {
      ...pair,
      kind: 'left',
      effectiveDate: seedDate(i + 7),
      source: SEED_SOURCE,
    });
  }

  const correctionIds: string[] = [];
  for (let i = 0; i < SEED_CORRECTIONS; i++) {
    const pair = pool.take();
    const record = callQuery(context, 'recordCorrection', {
      ...pair,
      action: 'add',
      role: 'observer',
      source: SEED_SOURCE,
    });
    correctionIds.push(record.id);
  }

  for (const id of correctionIds.slice(0, SEED_EDITS)) {
    callQuery(context, 'editRecord', { id, note: 'Source checked again.' });
  }
  for (const id of joinedIds.slice(0, SEED_REVERTS)) {
    callQuery(context, 'revertRecord', { id, source: SEED_SOURCE });
  }

  return {
    records: SEED_JOINED + leaving.length + SEED_CORRECTIONS,
    editedRecordId: correctionIds[0],
  };
}

function seedAnnotations(context: HandlerContext, baseline: BaselinePairs) {
  const count = SEED_ANNOTATIONS_PER_TARGET_TYPE;
  const gfmdPairs = baseline.members.filter((pair) => pair.bodyId === 'gfmd').slice(0, count);
  const countries = [...new Set(baseline.members.map((pair) => pair.iso3))].slice(0, count);
  const bodies = [...new Set(baseline.members.map((pair) => pair.bodyId))].slice(0, count);

  const ids: string[] = [];
  const add = (target: QueryInput<'addAnnotation'>['target'], index: number) => {
    const text = `Benchmark annotation ${index}: follow-up meeting planned.`;
    ids.push(callQuery(context, 'addAnnotation', { target, text }).id);
  };
  gfmdPairs.forEach((pair, i) => add({ type: 'membership', ...pair }, i));
  countries.forEach((iso3, i) => add({ type: 'country', iso3 }, count + i));
  bodies.forEach((bodyId, i) => add({ type: 'body', bodyId }, 2 * count + i));

  for (const id of ids.slice(0, SEED_EDITS)) {
    callQuery(context, 'editAnnotation', { id, text: 'Benchmark annotation, edited once.' });
  }
  return { annotations: ids.length, editedAnnotationId: ids[0] };
}

/**
 * Writes a change log through the API: dated joins and departures,
 * corrections (some edited), reverts and annotations (some edited).
 * Takes the pairs it joins from `pool`.
 */
export function seedDatabase(
  context: HandlerContext,
  baseline: BaselinePairs,
  pool: PairPool,
): SeedSummary {
  callQuery(context, 'setAuthorName', { name: 'Benchmark seed' });
  const records = seedRecords(context, baseline, pool);
  const annotations = seedAnnotations(context, baseline);
  return { ...records, ...annotations, reverts: SEED_REVERTS };
}
