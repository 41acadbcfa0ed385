import { describe, expect, it } from 'vitest';
import { formatShortUtc, formatUtcDate, formatUtcDateTime, formatUtcDateTimeSeconds } from './date';

// 23:47:09 on 5 Jan in UTC is already 6 Jan in Sydney and still 5 Jan in New York: what the page
// shows must not depend on where the server or the browser runs.
const late = new Date('2026-01-05T23:47:09.500Z');

describe('dates and times on pages, in UTC', () => {
  it('a day', () => {
    expect(formatUtcDate(late)).toBe('2026-01-05');
    expect(formatUtcDate('2026-01-05T23:47:09.500Z')).toBe('2026-01-05');
  });

  it('a time, labelled UTC, with a word for "not yet"', () => {
    expect(formatUtcDateTime(late)).toBe('2026-01-05 23:47 UTC');
    expect(formatUtcDateTime(null)).toBe('—');
    expect(formatUtcDateTime(undefined, 'Never')).toBe('Never');
    expect(formatUtcDateTimeSeconds(late)).toBe('2026-01-05 23:47:09 UTC');
    expect(formatUtcDateTimeSeconds(null)).toBe('—');
  });

  it('a short time for a column headed UTC', () => {
    expect(formatShortUtc(late)).toBe('5 Jan 23:47');
    expect(formatShortUtc('2026-12-31T00:05:00Z')).toBe('31 Dec 00:05');
  });

  it('does not follow the process time zone', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Australia/Sydney';
    try {
      expect(formatShortUtc(late)).toBe('5 Jan 23:47');
      expect(formatUtcDate(late)).toBe('2026-01-05');
    } finally {
      process.env.TZ = tz;
    }
  });
});
