/**
 * The JSON dataset format, schema version 1: the whole history of an atlas
 * database (the 2020 baseline, changes, corrections, reverts, annotations,
 * with every version) as the export writes it and the import reads it.
 * Keys are snake_case, as in the database and the CSV files.
 */
import { z } from 'zod';

import {
  BASELINE_DATE,
  isCalendarDay,
  isCalendarMonth,
  normalizeUtcTimestamp,
} from '../../main/contract/dates.js';
import { MAX_ANNOTATION_LENGTH } from '../domain/annotations.js';
import { FIRST_CHANGE_DAY, effectiveDayOf } from '../domain/dates.js';
import {
  MAX_AUTHOR_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_SOURCE_LENGTH,
  UUID_PATTERN,
} from '../domain/fields.js';
import { ROLE_CHANGED_TARGETS } from '../domain/rules.js';
import { CHANGE_KINDS, CORRECTION_ACTIONS } from '../domain/types.js';

export const SCHEMA_VERSION = 1 as const;
export const APP_NAME = 'ISCM Atlas';

export const ROLES = ['member', 'observer', 'associate', 'participant', 'suspended'] as const;

/** The kind aliases a file may write for role_changed, and the role each sets. */
export const KIND_ALIASES = {
  observer_granted: 'observer',
  associate_granted: 'associate',
} as const;

/*
 * Normalisations use overwrite() rather than transform(), because a
 * transform wraps the schema in a pipe. Doing so for ids, times and iso3
 * cut the validation of a file of 100,000 changes from about 1.4 s to
 * 1.0 s (test/bench/import-bench.ts data, 2-core machine). An overwrite
 * also runs on a value that failed its check (the parse fails anyway), so
 * it must not throw on any string.
 */

/** Builds a string schema that reports the message `problemOf` returns for a value. */
function checkedString(problemOf: (value: string) => string | null) {
  return z.string().superRefine((value, context) => {
    const problem = problemOf(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });
}

/** Tells whether `value`, trimmed, is a UUID in any letter case. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value.trim());
}

/** Tells whether `value` is a real calendar day (YYYY-MM-DD) or month (YYYY-MM). */
export function isDayOrMonth(value: string): boolean {
  return isCalendarDay(value) || isCalendarMonth(value);
}

/** Describes what is wrong with a change's effective date, or returns null. */
export function effectiveDateProblem(value: string): string | null {
  if (!isDayOrMonth(value)) {
    return (
      `${JSON.stringify(value)} is not a calendar day or month; write it as ` +
      'YYYY-MM-DD, or YYYY-MM when the source gives only a month'
    );
  }
  if (effectiveDayOf(value) < FIRST_CHANGE_DAY) {
    return (
      `${value} is before ${FIRST_CHANGE_DAY}: changes start after the 2020 ` +
      `baseline (${BASELINE_DATE}). A fix to the 2020 list is a correction`
    );
  }
  return null;
}

const recordId = checkedString((value) =>
  isUuid(value)
    ? null
    : `${JSON.stringify(value)} is not a UUID such as "0b9f1c52-8a4e-4c1d-9d7a-2f3b5e6a7c8d"`,
).overwrite((value) => value.trim().toLowerCase());

/** A UTC time as the app writes it, normalised to milliseconds. */
const timestamp = checkedString((value) =>
  normalizeUtcTimestamp(value) !== null
    ? null
    : `${JSON.stringify(value)} is not a UTC time; write it as YYYY-MM-DDTHH:MM:SS.sssZ`,
).overwrite((value) => normalizeUtcTimestamp(value) ?? value);

const dayOrMonth = checkedString((value) =>
  isDayOrMonth(value)
    ? null
    : `${JSON.stringify(value)} is not a calendar day or month; write it as ` +
      'YYYY-MM-DD, or YYYY-MM when the source gives only a month',
);

const effectiveDate = checkedString(effectiveDateProblem);

function requiredText(maxLength: number) {
  return z.string().trim().min(1).max(maxLength);
}

function optionalText(maxLength: number) {
  return z
    .string()
    .trim()
    .max(maxLength)
    .nullish()
    .transform((value) => value ?? '');
}

const bodyId = z.string().trim().min(1);
/** An alpha-3 code in any letter case, once trimmed. */
export const ISO3_PATTERN = /^[A-Za-z]{3}$/;

const iso3 = z
  .string()
  .trim()
  .regex(ISO3_PATTERN, { error: 'is not a three-letter ISO 3166-1 alpha-3 code' })
  .overwrite((value) => value.toUpperCase());

const version = z.int().min(1);
const nullableTimestamp = timestamp.nullish().transform((value) => value ?? null);
const nullableAuthor = requiredText(MAX_AUTHOR_LENGTH)
  .nullish()
  .transform((value) => value ?? null);

/** An earlier version of a change's or correction's source and note. */
const recordVersion = z.object({
  version,
  source: requiredText(MAX_SOURCE_LENGTH),
  note: optionalText(MAX_NOTE_LENGTH),
  author: requiredText(MAX_AUTHOR_LENGTH),
  recorded_at: timestamp,
});

/** Fields that changes and corrections share: provenance and versions. */
const recordFields = {
  id: recordId,
  body_id: bodyId,
  iso3,
  source: requiredText(MAX_SOURCE_LENGTH),
  note: optionalText(MAX_NOTE_LENGTH),
  author: requiredText(MAX_AUTHOR_LENGTH),
  recorded_at: timestamp,
  version: version.default(1),
  edited_by: nullableAuthor,
  edited_at: nullableTimestamp,
  reverted_by: recordId.nullish().transform((value) => value ?? null),
  earlier_versions: z.array(recordVersion).default([]),
};

type Refinement = z.RefinementCtx;

/**
 * Checks that earlier_versions contains versions 1 to version - 1 in order.
 * With `editedFields`, also checks that the editor and edit time are set
 * exactly when the record was edited (version above 1).
 */
function checkVersions(
  record: {
    version: number;
    earlier_versions: { version: number }[];
    edited_by?: string | null;
    edited_at?: string | null;
  },
  context: Refinement,
  editedFields: [by: string, at: string] | null,
): void {
  // An invalid version has an issue of its own; counting from it would mislead.
  if (!Number.isSafeInteger(record.version) || record.version < 1) return;
  const earlier = record.earlier_versions;
  if (earlier.length !== record.version - 1) {
    context.addIssue({
      code: 'custom',
      path: ['earlier_versions'],
      message:
        `holds ${earlier.length} versions, but the record is at version ` +
        `${record.version}; it must hold versions 1 to ${record.version - 1}`,
    });
    return;
  }
  earlier.forEach((entry, index) => {
    if (entry.version !== index + 1) {
      context.addIssue({
        code: 'custom',
        path: ['earlier_versions', index, 'version'],
        message: `is ${entry.version}, but version ${index + 1} belongs here`,
      });
    }
  });

  if (editedFields === null) return;
  const [byField, atField] = editedFields;
  const edited = record.version > 1;
  for (const [field, value] of [
    [byField, record.edited_by],
    [atField, record.edited_at],
  ] as const) {
    if (edited && value == null) {
      context.addIssue({
        code: 'custom',
        path: [field],
        message: `is missing: a record at version ${record.version} names who edited it and when`,
      });
    }
    if (!edited && value != null) {
      context.addIssue({
        code: 'custom',
        path: [field],
        message: 'must be null at version 1, before any edit',
      });
    }
  }
}

export const KIND_NAMES = [...CHANGE_KINDS, 'observer_granted', 'associate_granted'] as const;

export const changeSchema = z
  .object({
    ...recordFields,
    kind: z.enum(KIND_NAMES),
    new_role: z
      .enum(ROLE_CHANGED_TARGETS)
      .nullish()
      .transform((value) => value ?? null),
    effective_date: effectiveDate,
    announced_date: dayOrMonth.nullish().transform((value) => value ?? null),
  })
  .superRefine((change, context) => {
    const aliasRole =
      change.kind in KIND_ALIASES
        ? KIND_ALIASES[change.kind as keyof typeof KIND_ALIASES]
        : undefined;
    if (change.kind === 'role_changed' && change.new_role === null) {
      context.addIssue({
        code: 'custom',
        path: ['new_role'],
        message: `is missing: role_changed needs one of ${ROLE_CHANGED_TARGETS.join(', ')}`,
      });
    } else if (
      aliasRole !== undefined &&
      change.new_role !== null &&
      change.new_role !== aliasRole
    ) {
      context.addIssue({
        code: 'custom',
        path: ['new_role'],
        message: `is ${change.new_role}, but the kind ${change.kind} sets ${aliasRole}`,
      });
    } else if (
      aliasRole === undefined &&
      change.kind !== 'role_changed' &&
      change.new_role !== null
    ) {
      context.addIssue({
        code: 'custom',
        path: ['new_role'],
        message: `must be null: only role_changed takes a new role, and ${change.kind} sets its own`,
      });
    }
    checkVersions(change, context, ['edited_by', 'edited_at']);
  })
  .transform((change) => {
    // Aliases are stored as role_changed, as recordChange stores them.
    if (!(change.kind in KIND_ALIASES)) return change;
    const role = KIND_ALIASES[change.kind as keyof typeof KIND_ALIASES];
    return { ...change, kind: 'role_changed' as const, new_role: role };
  });

export const correctionSchema = z
  .object({
    ...recordFields,
    action: z.enum(CORRECTION_ACTIONS),
    role: z
      .enum(ROLES)
      .nullish()
      .transform((value) => value ?? null),
  })
  .superRefine((correction, context) => {
    if (correction.action === 'remove' && correction.role !== null) {
      context.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'must be null: a correction that removes a row takes no role',
      });
    }
    if (correction.action !== 'remove' && correction.role === null) {
      context.addIssue({
        code: 'custom',
        path: ['role'],
        message: `is missing: a correction of kind ${correction.action} needs one of ${ROLES.join(', ')}`,
      });
    }
    checkVersions(correction, context, ['edited_by', 'edited_at']);
  });

export const revertSchema = z.object({
  id: recordId,
  target_id: recordId,
  source: optionalText(MAX_SOURCE_LENGTH),
  note: optionalText(MAX_NOTE_LENGTH),
  author: requiredText(MAX_AUTHOR_LENGTH),
  recorded_at: timestamp,
});

const annotationText = requiredText(MAX_ANNOTATION_LENGTH);

const annotationVersion = z.object({
  version,
  text: annotationText,
  deleted_at: nullableTimestamp,
  author: requiredText(MAX_AUTHOR_LENGTH),
  recorded_at: timestamp,
});

export const annotationSchema = z
  .object({
    id: recordId,
    target: z.enum(['membership', 'country', 'body']),
    body_id: bodyId.nullish().transform((value) => value ?? null),
    iso3: iso3.nullish().transform((value) => value ?? null),
    text: annotationText,
    author: requiredText(MAX_AUTHOR_LENGTH),
    created_at: timestamp,
    updated_by: requiredText(MAX_AUTHOR_LENGTH),
    updated_at: timestamp,
    version: version.default(1),
    deleted_at: nullableTimestamp,
    earlier_versions: z.array(annotationVersion).default([]),
  })
  .superRefine((annotation, context) => {
    const needsBody = annotation.target !== 'country';
    const needsCountry = annotation.target !== 'body';
    for (const [field, needed] of [
      ['body_id', needsBody],
      ['iso3', needsCountry],
    ] as const) {
      const present = annotation[field] !== null;
      if (needed && !present) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `is missing: an annotation on a ${annotation.target} names it`,
        });
      } else if (!needed && present) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `must be null for an annotation on a ${annotation.target}`,
        });
      }
    }

    checkVersions(annotation, context, null);
    if (annotation.version === 1 && annotation.deleted_at !== null) {
      context.addIssue({
        code: 'custom',
        path: ['deleted_at'],
        message: 'must be null at version 1: deleting an annotation makes a new version',
      });
    }
    annotation.earlier_versions.forEach((entry, index) => {
      if (entry.deleted_at !== null) {
        context.addIssue({
          code: 'custom',
          path: ['earlier_versions', index, 'deleted_at'],
          message: 'must be null: only the current version of an annotation can be deleted',
        });
      }
    });
  });

/** Baseline rows travel for reference; the import does not change the baseline. */
const baselineSchema = z.object({
  bodies: z.array(z.looseObject({ id: z.string() })),
  themes: z.array(z.looseObject({ id: z.string() })),
  body_themes: z.array(z.looseObject({ body_id: z.string(), theme_id: z.string() })),
  memberships: z.array(
    z.looseObject({ body_id: z.string(), iso3: z.string(), role: z.string() }),
  ),
  organizations: z.array(z.looseObject({ body_id: z.string(), name: z.string() })),
});

export const documentSchema = z.object({
  schema_version: z.literal(SCHEMA_VERSION),
  app: z.string().optional(),
  exported_at: timestamp.optional(),
  baseline: baselineSchema.optional(),
  changes: z.array(changeSchema).default([]),
  corrections: z.array(correctionSchema).default([]),
  reverts: z.array(revertSchema).default([]),
  annotations: z.array(annotationSchema).default([]),
});

export type JsonChange = z.output<typeof changeSchema>;
export type JsonCorrection = z.output<typeof correctionSchema>;
export type JsonRevert = z.output<typeof revertSchema>;
export type JsonAnnotation = z.output<typeof annotationSchema>;
export type JsonRecordVersion = z.output<typeof recordVersion>;
export type JsonAnnotationVersion = z.output<typeof annotationVersion>;
export type JsonBaseline = z.output<typeof baselineSchema>;
export type JsonDocument = z.output<typeof documentSchema>;
