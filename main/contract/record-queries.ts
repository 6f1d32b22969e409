/**
 * Input schemas of the queries that record and read membership changes,
 * corrections, reverts and annotations. The schemas check types and
 * lengths only: the Node side applies the domain rules (ids exist, dates
 * valid, kind allowed) in that order, so that a refusal names the first
 * rule that fails.
 */
import { z } from 'zod';

const LONG_TEXT = 4000;

const text = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`);

const optionalText = (max: number) => text(max).nullish();

const recordIdSchema = z.string().min(1, 'must not be empty').max(64);

const pairFields = {
  bodyId: z.string().min(1, 'must not be empty').max(64),
  iso3: z.string().min(1, 'must not be empty').max(8),
};

const daySchema = z.string().max(10);

export const annotationTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('membership'), ...pairFields }).strict(),
  z.object({ type: z.literal('country'), iso3: pairFields.iso3 }).strict(),
  z.object({ type: z.literal('body'), bodyId: pairFields.bodyId }).strict(),
]);

export const recordQueries = {
  recordChange: {
    kind: 'write',
    input: z
      .object({
        ...pairFields,
        kind: z.string().min(1, 'must not be empty').max(32),
        newRole: z.string().max(32).nullish(),
        effectiveDate: z.string().max(10),
        announcedDate: z.string().max(10).nullish(),
        source: text(2000),
        note: optionalText(LONG_TEXT),
      })
      .strict(),
  },
  recordCorrection: {
    kind: 'write',
    input: z
      .object({
        ...pairFields,
        action: z.string().min(1, 'must not be empty').max(32),
        role: z.string().max(32).nullish(),
        source: text(2000),
        note: optionalText(LONG_TEXT),
      })
      .strict(),
  },
  revertRecord: {
    kind: 'write',
    input: z
      .object({
        id: recordIdSchema,
        source: optionalText(2000),
        note: optionalText(LONG_TEXT),
      })
      .strict(),
  },
  editRecord: {
    kind: 'write',
    input: z
      .object({
        id: recordIdSchema,
        source: optionalText(2000),
        note: optionalText(LONG_TEXT),
      })
      .strict(),
  },
  recordVersions: {
    kind: 'read',
    input: z.object({ id: recordIdSchema }).strict(),
  },
  roleAt: {
    kind: 'read',
    input: z.object({ ...pairFields, date: z.string().max(10) }).strict(),
  },
  history: {
    kind: 'read',
    input: z
      .object({
        bodyId: pairFields.bodyId.optional(),
        iso3: pairFields.iso3.optional(),
        kind: z.string().max(32).optional(),
        from: daySchema.optional(),
        to: daySchema.optional(),
        author: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  },
  timeline: {
    kind: 'read',
    input: z
      .union([
        z.object({ bodyId: pairFields.bodyId }).strict(),
        z.object({ iso3: pairFields.iso3 }).strict(),
      ]),
  },
  addAnnotation: {
    kind: 'write',
    input: z.object({ target: annotationTargetSchema, text: text(LONG_TEXT) }).strict(),
  },
  editAnnotation: {
    kind: 'write',
    input: z.object({ id: recordIdSchema, text: text(LONG_TEXT) }).strict(),
  },
  deleteAnnotation: {
    kind: 'write',
    input: z.object({ id: recordIdSchema }).strict(),
  },
  listAnnotations: {
    kind: 'read',
    input: z
      .object({
        target: annotationTargetSchema,
        includeDeleted: z.boolean().default(false),
        includeMemberships: z.boolean().default(false),
      })
      .strict(),
  },
  annotationVersions: {
    kind: 'read',
    input: z.object({ id: recordIdSchema }).strict(),
  },
  searchAnnotations: {
    kind: 'read',
    input: z
      .object({
        text: z.string().trim().min(1, 'must not be empty').max(100),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  },
  getSettings: { kind: 'read', input: z.object({}).strict() },
  setAuthorName: {
    kind: 'write',
    input: z
      .object({
        name: z.string().trim().min(1, 'must not be empty').max(200),
      })
      .strict(),
  },
} as const;
