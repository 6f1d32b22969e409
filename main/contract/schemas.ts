/**
 * Schemas that several groups of queries share: the as-of day and the
 * switches of the ISCM count.
 */
import { z } from 'zod';

import { isCalendarDay } from './dates.js';

/** Roles that the ISCM count leaves out unless a switch includes them. */
export const OPTIONAL_COUNT_ROLES = [
  'observer',
  'associate',
  'participant',
  'suspended',
] as const;

export const asOfSchema = z
  .string()
  .refine(isCalendarDay, 'must be a calendar day written as YYYY-MM-DD')
  .optional()
  .describe('as-of day; defaults to today');

/** The switches of the ISCM count; all off by default. */
export const countOptionsSchema = z.object({
  includeRoles: z.array(z.enum(OPTIONAL_COUNT_ROLES)).max(4).default([]),
  excludeGlobal: z.boolean().default(false),
});
