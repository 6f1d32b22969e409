import { describe, expect, it } from 'vitest';

import {
  isCalendarDay,
  isCalendarMonth,
  normalizeUtcTimestamp,
  oneYearAfter,
} from '../../../main/contract/dates.js';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Tells through Date whether the day exists: Date moves 2021-02-30 to March. */
function dayExists(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

describe('isCalendarDay', () => {
  it('agrees with Date from 1896 to 2104', () => {
    const wrong: string[] = [];
    for (let year = 1896; year <= 2104; year++) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          const expected = month >= 1 && month <= 12 && day >= 1 && dayExists(year, month, day);
          if (isCalendarDay(text) !== expected) wrong.push(text);
        }
      }
    }

    expect(wrong).toEqual([]);
  });

  it('rejects other layouts', () => {
    for (const text of [
      '',
      '2021-1-01',
      '2021-01-1',
      '2021/01/01',
      '20210-1-01',
      ' 2021-01-01',
      '2021-01-01 ',
      '2021-01-0a',
      '2O21-01-01',
      '２０２１-01-01',
      '2021-01',
      '2021-01-01T00:00:00Z',
    ]) {
      expect(isCalendarDay(text), text).toBe(false);
    }
  });

  it('counts leap years by the Gregorian rule', () => {
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(isCalendarDay('2100-02-29')).toBe(false);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('0000-02-29')).toBe(true);
  });
});

describe('isCalendarMonth', () => {
  it('accepts months 01 to 12', () => {
    for (let month = 1; month <= 12; month++) {
      expect(isCalendarMonth(`2021-${pad(month, 2)}`)).toBe(true);
    }
  });

  it('rejects other texts', () => {
    for (const text of ['2021-00', '2021-13', '2021-1', '2021-01-01', '202-01', '2021-0x', ' 2021-01', '']) {
      expect(isCalendarMonth(text), text).toBe(false);
    }
  });
});

describe('oneYearAfter', () => {
  it('maps 29 February to 28 February', () => {
    expect(oneYearAfter('2024-02-29')).toBe('2025-02-28');
  });

  it('keeps other days', () => {
    expect(oneYearAfter('2026-12-04')).toBe('2027-12-04');
    expect(oneYearAfter('2023-02-28')).toBe('2024-02-28');
  });
});

describe('normalizeUtcTimestamp', () => {
  it('writes times with milliseconds', () => {
    expect(normalizeUtcTimestamp('2024-03-01T10:00:00Z')).toBe('2024-03-01T10:00:00.000Z');
    expect(normalizeUtcTimestamp('2024-03-01T10:00:00.5Z')).toBe('2024-03-01T10:00:00.500Z');
    expect(normalizeUtcTimestamp('2024-03-01T10:00:00.123456Z')).toBe('2024-03-01T10:00:00.123Z');
    expect(normalizeUtcTimestamp('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
  });

  it('rejects days and times that do not exist', () => {
    for (const text of [
      '2024-02-30T10:00:00.000Z',
      '2023-02-29T10:00:00Z',
      '2024-04-31T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-03-01T24:00:00.000Z',
      '2024-03-01T23:60:00.000Z',
      '2024-03-01T23:59:60.000Z',
    ]) {
      expect(normalizeUtcTimestamp(text), text).toBeNull();
    }
  });

  it('rejects other layouts', () => {
    for (const text of [
      '2024-03-01',
      '2024-03-01 10:00:00Z',
      '2024-03-01T10:00:00',
      '2024-03-01T10:00:00+01:00',
      '2024-03-01T10:00:00.Z',
      ' 2024-03-01T10:00:00Z',
    ]) {
      expect(normalizeUtcTimestamp(text), text).toBeNull();
    }
  });
});
