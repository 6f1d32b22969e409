/** The day every baseline row holds: IOM's dataset stands for the end of 2020. */
export const BASELINE_DATE = '2020-12-31';

const DASH = 0x2d;
const ZERO = 0x30;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads `count` ASCII digits of `text` from `start` as a number; returns
 * -1 when one of them is not a digit. Imports check hundreds of thousands
 * of dates, and this runs several times faster than a regular expression
 * and a Date.
 */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Reads the month of YYYY-MM at the start of `text`; returns 0 when it is not one. */
function monthAt(text: string): number {
  if (text.charCodeAt(4) !== DASH || digitsAt(text, 0, 4) < 0) return 0;
  const month = digitsAt(text, 5, 2);
  return month >= 1 && month <= 12 ? month : 0;
}

/** Returns true for a real calendar day written as YYYY-MM-DD. */
export function isCalendarDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(7) !== DASH) return false;
  const month = monthAt(text);
  const day = digitsAt(text, 8, 2);
  return month !== 0 && day >= 1 && day <= daysInMonth(digitsAt(text, 0, 4), month);
}

/** Returns true for a real calendar month written as YYYY-MM. */
export function isCalendarMonth(text: string): boolean {
  return text.length === 7 && monthAt(text) !== 0;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Returns the days of `month` (1 to 12) in the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

const UTC_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The length of a UTC time with milliseconds, as toISOString writes it. */
const ISO_TIMESTAMP_LENGTH = 24;

/**
 * Rewrites a UTC time (YYYY-MM-DDTHH:MM:SS[.fraction]Z) as toISOString
 * does, with milliseconds. Returns null for other text and for days or
 * times that do not exist, which Date.parse would move: 2021-02-30 to
 * 2 March, and 24:00 to the next day.
 */
export function normalizeUtcTimestamp(text: string): string | null {
  if (!UTC_TIMESTAMP_PATTERN.test(text) || !isCalendarDay(text.slice(0, 10))) return null;
  if (digitsAt(text, 11, 2) > 23 || digitsAt(text, 14, 2) > 59 || digitsAt(text, 17, 2) > 59) {
    return null;
  }
  // A valid time written with milliseconds is already as toISOString writes it.
  if (text.length === ISO_TIMESTAMP_LENGTH) return text;
  return new Date(Date.parse(text)).toISOString();
}

/** Formats a Date as the UTC calendar day YYYY-MM-DD. */
export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Returns the day one year after `today` (29 February maps to 28 February). */
export function oneYearAfter(today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  const nextYear = year + 1;
  const lastDay = daysInMonth(nextYear, month);
  const clampedDay = Math.min(day, lastDay);

  return `${nextYear}-${pad(month)}-${pad(clampedDay)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Returns why `asOf` cannot be used as an "as of" date, or null when it can.
 * Valid dates run from the baseline day to one year after `today`.
 */
export function asOfProblem(asOf: string, today: string): string | null {
  if (!isCalendarDay(asOf)) {
    return `"${asOf}" is not a calendar day; write it as YYYY-MM-DD.`;
  }
  if (asOf < BASELINE_DATE) {
    return (
      `The date ${asOf} is before the 2020 baseline (${BASELINE_DATE}); ` +
      'the dataset has no earlier data. Choose a later date.'
    );
  }

  const latest = oneYearAfter(today);
  if (asOf > latest) {
    return `The date ${asOf} is more than one year ahead; choose ${latest} or earlier.`;
  }
  return null;
}
