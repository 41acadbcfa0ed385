import { describe, expect, it } from 'vitest';
import { dayField, validDay } from './day';

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
