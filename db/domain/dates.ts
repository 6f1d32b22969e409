import {
  BASELINE_DATE,
  isCalendarDay,
  isCalendarMonth,
  oneYearAfter,
} from '../../main/contract/dates.js';
import { AtlasError } from '../errors.js';

/** The first day a dated change may take effect: the day after the baseline. */
export const FIRST_CHANGE_DAY = '2021-01-01';

/** Returns the day a date takes effect: the first of the month for YYYY-MM. */
export function effectiveDayOf(date: string): string {
  return isCalendarMonth(date) ? `${date}-01` : date;
}

/**
 * The last valid day checkToday saw, and one year after it. Imports check
 * thousands of records against the same day, so each is computed once.
 */
let lastToday: { today: string; latest: string } | null = null;

/** Throws a plain Error (a caller's bug) unless `today` is YYYY-MM-DD. */
export function checkToday(today: string): void {
  if (today === lastToday?.today) return;
  if (!isCalendarDay(today)) {
    throw new Error(`today must be a calendar day as YYYY-MM-DD, not "${today}"`);
  }
  lastToday = { today, latest: oneYearAfter(today) };
}

/** Returns one year after a valid `today`, the last day a change may take effect. */
function latestDay(today: string): string {
  return today === lastToday?.today ? lastToday.latest : oneYearAfter(today);
}

/**
 * Checks a change's effective date and returns the day it takes effect.
 * It must be a real day or month from 2021-01-01 to one year after today.
 */
export function checkEffectiveDate(value: unknown, today: string): string {
  const field = 'effectiveDate';
  if (typeof value !== 'string' || !(isCalendarDay(value) || isCalendarMonth(value))) {
    throw new AtlasError(
      'invalid_input',
      `The effective date ${JSON.stringify(value ?? '')} is not a calendar ` +
        'day or month; write it as YYYY-MM-DD, or YYYY-MM when the source ' +
        'gives only a month.',
      field,
    );
  }

  const day = effectiveDayOf(value);
  if (day < FIRST_CHANGE_DAY) {
    throw new AtlasError(
      'date_out_of_range',
      `The effective date ${value} is before ${FIRST_CHANGE_DAY}: changes ` +
        `start after the 2020 baseline (${BASELINE_DATE}), and the dataset ` +
        'has nothing earlier. If the 2020 list itself is wrong, record a ' +
        'baseline correction instead.',
      field,
    );
  }

  const latest = latestDay(today);
  if (day > latest) {
    throw new AtlasError(
      'date_out_of_range',
      `The effective date ${value} is more than one year after today ` +
        `(${today}); use ${latest} or earlier.`,
      field,
    );
  }
  return day;
}

/** Checks an optional announced date: a real day or month, or nothing. */
export function checkAnnouncedDate(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;

  if (typeof value !== 'string' || !(isCalendarDay(value) || isCalendarMonth(value))) {
    throw new AtlasError(
      'invalid_input',
      `The announced date ${JSON.stringify(value)} is not a calendar day or ` +
        'month; write it as YYYY-MM-DD or YYYY-MM, or leave it empty.',
      'announcedDate',
    );
  }
  return value;
}
