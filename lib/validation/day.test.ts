import { describe, expect, it } from 'vitest';
import { dayField, isMomentText, validDay } from './day';

describe('days', () => {
  it('takes a real day and nothing else: no rollover, no year 0, no five-digit or far years', () => {
    expect(validDay('2026-11-30')).toBe('2026-11-30');
    expect(validDay(' 2024-02-29 ')).toBe('2024-02-29');
    for (const bad of ['2026-02-30', '2025-02-29', '0000-01-01', '9999-12-31', '1899-12-31', '2026-13-01', '2026-1-1', '+10000-01-01', '', undefined, null]) expect(validDay(bad), String(bad)).toBeUndefined();
  });

  it('as a form field: a clear message, else midnight UTC', () => {
    const f = dayField('2026-11-01');
    expect(f.parse('2026-11-01')).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(f.safeParse('0000-01-01').error?.issues[0]?.message).toBe('Enter a real date between 1900 and 2999.');
    expect(f.safeParse('1/11/2026').error?.issues[0]?.message).toBe('Enter a date like 2026-11-01.');
  });
});

describe('isMomentText', () => {
  it('takes what PostgreSQL and toISOString write', () => {
    for (const v of ['2026-11-30 22:33:01.123456+00', '2026-11-30 22:33:01+05:30', '2026-11-30T22:33:01.123Z', '1999-02-28 00:00:00-08']) expect(isMomentText(v), v).toBe(true);
  });
  it('refuses anything a timestamptz cast could refuse', () => {
    for (const v of ['yesterday', '2026-13-01 00:00:00+00', '2026-02-30 00:00:00+00', '2026-11-30 24:00:00+00', '2026-11-30 22:61:00Z', '0000-01-01 00:00:00+00', '12026-01-01 00:00:00Z', '2026-11-30 22:33:01+16', 'infinity', 12, null, '2026-11-30'])
      expect(isMomentText(v), String(v)).toBe(false);
  });
});
