/** The day every baseline row holds: IOM's dataset stands for the end of 2020. */
export const BASELINE_DATE = '2020-12-31';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/** Returns true for a real calendar day written as YYYY-MM-DD. */
export function isCalendarDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;

  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1) return false;

  return day <= daysInMonth(year, month);
}

/** Returns true for a real calendar month written as YYYY-MM. */
export function isCalendarMonth(text: string): boolean {
  const match = MONTH_PATTERN.exec(text);
  if (!match) return false;

  const month = Number(match[2]);
  return month >= 1 && month <= 12;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
