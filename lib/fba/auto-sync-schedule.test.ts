import { describe, expect, it } from 'vitest';
import { firstSlotAfter, isAutoSyncDue, latestSlotAtOrBefore, nextAutoSyncAt, type AutoSyncSettings } from './auto-sync-schedule';

const at = (iso: string) => new Date(`${iso}Z`);
const iso = (d: Date | null) => d?.toISOString().slice(0, 16) ?? null;
const settings = (over: Partial<AutoSyncSettings>): AutoSyncSettings => ({ autoSync: 'Daily', autoSyncHour: 9, lastAutoSyncAt: null, ...over });

describe('auto-sync schedule (UTC, injected clock)', () => {
  it('never runs when Never, whatever the clock', () => {
    for (const now of ['2026-01-01T09:00', '2026-03-02T00:00', '2030-12-31T23:59'])
      for (const last of [null, at('2020-01-01T00:00')]) {
        expect(nextAutoSyncAt(settings({ autoSync: 'Never', lastAutoSyncAt: last }), at(now))).toBeNull();
        expect(isAutoSyncDue(settings({ autoSync: 'Never', lastAutoSyncAt: last }), at(now))).toBe(false);
      }
  });

  it('daily: at the hour, not a minute before; once per day', () => {
    const s = settings({ lastAutoSyncAt: at('2026-11-26T09:05') });
    expect(iso(nextAutoSyncAt(s, at('2026-11-27T08:00')))).toBe('2026-11-27T09:00');
    expect(isAutoSyncDue(s, at('2026-11-27T08:59'))).toBe(false);
    expect(isAutoSyncDue(s, at('2026-11-27T09:00'))).toBe(true);
    expect(isAutoSyncDue(s, at('2026-11-27T09:05'))).toBe(true);
    const ran = settings({ lastAutoSyncAt: at('2026-11-27T09:05') });
    expect(isAutoSyncDue(ran, at('2026-11-27T10:05'))).toBe(false);
    expect(isAutoSyncDue(ran, at('2026-11-27T23:59'))).toBe(false);
    expect(iso(nextAutoSyncAt(ran, at('2026-11-27T10:05')))).toBe('2026-11-28T09:00');
  });

  it('daily at hour 0 and 23 crosses midnight, month and year ends', () => {
    expect(iso(firstSlotAfter('Daily', 0, at('2026-12-31T00:00')))).toBe('2027-01-01T00:00');
    expect(iso(firstSlotAfter('Daily', 23, at('2026-02-28T23:30')))).toBe('2026-03-01T23:00');
    expect(iso(firstSlotAfter('Daily', 23, at('2028-02-28T23:30')))).toBe('2028-02-29T23:00'); // leap year
    expect(iso(latestSlotAtOrBefore('Daily', 23, at('2026-01-01T05:00')))).toBe('2025-12-31T23:00');
  });

  it('weekly: Mondays at the hour', () => {
    // 2026-11-23 is a Monday.
    expect(iso(latestSlotAtOrBefore('Weekly', 6, at('2026-11-23T06:00')))).toBe('2026-11-23T06:00');
    expect(iso(latestSlotAtOrBefore('Weekly', 6, at('2026-11-23T05:59')))).toBe('2026-11-16T06:00');
    expect(iso(latestSlotAtOrBefore('Weekly', 6, at('2026-11-29T23:59')))).toBe('2026-11-23T06:00'); // Sunday
    expect(iso(firstSlotAfter('Weekly', 6, at('2026-11-23T06:00')))).toBe('2026-11-30T06:00');
    expect(iso(firstSlotAfter('Weekly', 6, at('2026-12-29T12:00')))).toBe('2027-01-04T06:00'); // across the year
    const s = settings({ autoSync: 'Weekly', autoSyncHour: 6, lastAutoSyncAt: at('2026-11-23T06:05') });
    expect(isAutoSyncDue(s, at('2026-11-27T06:05'))).toBe(false); // a Friday
    expect(isAutoSyncDue(s, at('2026-11-30T05:59'))).toBe(false);
    expect(isAutoSyncDue(s, at('2026-11-30T06:05'))).toBe(true);
  });

  it('monthly: the 1st at the hour, across 28-, 29-, 30- and 31-day months', () => {
    expect(iso(firstSlotAfter('Monthly', 2, at('2026-01-31T10:00')))).toBe('2026-02-01T02:00');
    expect(iso(firstSlotAfter('Monthly', 2, at('2026-02-28T10:00')))).toBe('2026-03-01T02:00');
    expect(iso(firstSlotAfter('Monthly', 2, at('2028-02-29T10:00')))).toBe('2028-03-01T02:00');
    expect(iso(firstSlotAfter('Monthly', 2, at('2026-04-30T23:00')))).toBe('2026-05-01T02:00');
    expect(iso(firstSlotAfter('Monthly', 2, at('2026-12-15T00:00')))).toBe('2027-01-01T02:00');
    expect(iso(latestSlotAtOrBefore('Monthly', 2, at('2026-01-01T01:59')))).toBe('2025-12-01T02:00');
    const s = settings({ autoSync: 'Monthly', autoSyncHour: 2, lastAutoSyncAt: at('2026-11-01T02:05') });
    expect(isAutoSyncDue(s, at('2026-11-30T23:59'))).toBe(false);
    expect(isAutoSyncDue(s, at('2026-12-01T01:59'))).toBe(false);
    expect(isAutoSyncDue(s, at('2026-12-01T02:00'))).toBe(true);
  });

  it('a missed run catches up once, not once per missed slot', () => {
    // The worker was down for four days: one run now, then back on the schedule.
    const s = settings({ lastAutoSyncAt: at('2026-11-20T09:05') });
    const now = at('2026-11-24T15:05');
    expect(iso(nextAutoSyncAt(s, now))).toBe('2026-11-21T09:00');
    expect(isAutoSyncDue(s, now)).toBe(true);
    const after = { ...s, lastAutoSyncAt: now };
    expect(isAutoSyncDue(after, at('2026-11-24T16:05'))).toBe(false);
    expect(iso(nextAutoSyncAt(after, at('2026-11-24T16:05')))).toBe('2026-11-25T09:00');
  });

  it('a connection that never ran: due at its latest slot, or after `since` when given', () => {
    expect(isAutoSyncDue(settings({}), at('2026-11-27T09:05'))).toBe(true);
    expect(iso(nextAutoSyncAt(settings({}), at('2026-11-27T08:05')))).toBe('2026-11-26T09:00');
    const since = settings({ since: at('2026-11-27T10:00') });
    expect(isAutoSyncDue(since, at('2026-11-27T11:05'))).toBe(false);
    expect(isAutoSyncDue(since, at('2026-11-28T09:05'))).toBe(true);
  });

  it('changing the hour moves the next run; an out-of-range hour is clamped', () => {
    const last = at('2026-11-27T09:05');
    expect(iso(nextAutoSyncAt(settings({ autoSyncHour: 15, lastAutoSyncAt: last }), last))).toBe('2026-11-27T15:00');
    expect(iso(nextAutoSyncAt(settings({ autoSyncHour: 4, lastAutoSyncAt: last }), last))).toBe('2026-11-28T04:00');
    expect(iso(nextAutoSyncAt(settings({ autoSyncHour: 30, lastAutoSyncAt: last }), last))).toBe('2026-11-27T23:00');
  });

  it('is the same whatever the machine time zone (all arithmetic in UTC)', () => {
    // Date.UTC and getUTC* only: a daylight-saving change in the server's zone cannot move a slot.
    const s = settings({ lastAutoSyncAt: at('2026-03-28T09:05') });
    expect(iso(nextAutoSyncAt(s, at('2026-03-29T12:00')))).toBe('2026-03-29T09:00');
  });
});
