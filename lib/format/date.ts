/**
 * How the product shows dates and times: always in UTC, the zone every schedule runs in (jobs,
 * Auto-Sync hours, Amazon's report times), so what a user reads on a page matches the Job Runs and
 * the Setup hours whatever the browser's zone; a time carries "UTC" unless its column header says
 * so. Server and client components share these, so a page and its polled JSON read the same.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type When = Date | string;
const iso = (d: When) => new Date(d).toISOString();

/** "2026-01-05": a day, for lists and file names. */
export function formatUtcDate(d: When): string {
  return iso(d).slice(0, 10);
}

/** "2026-01-05 14:03 UTC", or `none` (a dash unless the page says otherwise) for a time not yet reached. */
export function formatUtcDateTime(d: When | null | undefined, none = '—'): string {
  return d == null ? none : `${iso(d).slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2026-01-05 14:03:07 UTC": to the second, where runs seconds apart must be told apart (Job Runs). */
export function formatUtcDateTimeSeconds(d: When | null | undefined, none = '—'): string {
  return d == null ? none : `${iso(d).slice(0, 19).replace('T', ' ')} UTC`;
}

/** "5 Jan 14:03": short enough for a table column whose header says UTC. */
export function formatShortUtc(d: When): string {
  const t = new Date(d);
  return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${iso(t).slice(11, 16)}`;
}
