import { z } from 'zod';

// A calendar day typed or passed as YYYY-MM-DD (UTC). Only real days of years 1900–2999 count: the
// database's timestamps refuse year 0 and five-digit years, JavaScript rolls 2026-02-30 over to
// March, and a filter's day range adds a day. One rule for every form field and list filter.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day, if `v` is a real day of 1900–2999; otherwise undefined (a list filter ignores it). */
export function validDay(v: string | undefined | null): string | undefined {
  const m = v ? DAY.exec(v.trim()) : null;
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return undefined;
  const d = new Date(`${m[0]}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === m[0] ? m[0] : undefined;
}

/** A form's date field: a real day, as midnight UTC. */
export const dayField = (example: string) =>
  z
    .string()
    .trim()
    .regex(DAY, `Enter a date like ${example}.`)
    .refine((d) => validDay(d) !== undefined, 'Enter a real date between 1900 and 2999.')
    .transform((d) => new Date(`${d}T00:00:00Z`));

// A moment as PostgreSQL writes a timestamptz (`2026-11-30 22:33:01.123456+00`) or as JavaScript's
// toISOString does (`2026-11-30T22:33:01.123Z`): what a list's paging cursor carries back.
const MOMENT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Whether `v` is a real moment of 1900–2999 in one of those spellings, so casting it cannot fail. */
export function isMomentText(v: unknown): v is string {
  const m = typeof v === 'string' ? MOMENT.exec(v) : null;
  if (!m || validDay(m[1]) === undefined) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const offset = m[6] === 'Z' ? 0 : Math.abs(Number(m[6].slice(0, 3)));
  return hour < 24 && minute < 60 && second < 60 && offset <= 15;
}
