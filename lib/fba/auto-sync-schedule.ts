import type { AUTO_SYNC_INTERVALS } from '@/db/schema';

export type AutoSyncInterval = (typeof AUTO_SYNC_INTERVALS)[number];

export type AutoSyncSettings = {
  autoSync: AutoSyncInterval;
  /** UTC hour, 0–23. */
  autoSyncHour: number;
  lastAutoSyncAt: Date | null;
  /**
   * Counts as the last run when there has been none (e.g. when the connection was made), so
   * switching auto-sync on does not fire at once for a slot long past. Without it, a connection
   * that never ran is due at its latest slot.
   */
  since?: Date | null;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The latest scheduled moment at or before `t`, all in UTC: daily at the hour, weekly on Mondays
 * at the hour, monthly on the 1st at the hour.
 */
export function latestSlotAtOrBefore(interval: Exclude<AutoSyncInterval, 'Never'>, hour: number, t: Date): Date {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const d = t.getUTCDate();
  if (interval === 'Monthly') {
    const slot = Date.UTC(y, m, 1, hour);
    return new Date(slot <= t.getTime() ? slot : Date.UTC(y, m - 1, 1, hour));
  }
  let slot = Date.UTC(y, m, d, hour);
  if (interval === 'Weekly') slot -= ((t.getUTCDay() + 6) % 7) * DAY; // days since Monday
  const step = interval === 'Weekly' ? 7 * DAY : DAY;
  return new Date(slot <= t.getTime() ? slot : slot - step);
}

/** The first scheduled moment strictly after `t`. */
export function firstSlotAfter(interval: Exclude<AutoSyncInterval, 'Never'>, hour: number, t: Date): Date {
  const latest = latestSlotAtOrBefore(interval, hour, t);
  if (interval === 'Monthly') return new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth() + 1, 1, hour));
  return new Date(latest.getTime() + (interval === 'Weekly' ? 7 * DAY : DAY));
}

/**
 * When the next auto-sync is due: the first slot after the last run. It may lie in the past
 * (the worker was down, or the job has not fired yet): then the run is due now, and however many
 * slots were missed, one run catches up, since it moves the last run past all of them. Null when
 * auto-sync is Never.
 */
export function nextAutoSyncAt(settings: AutoSyncSettings, now: Date): Date | null {
  if (settings.autoSync === 'Never') return null;
  const hour = Math.min(23, Math.max(0, Math.trunc(settings.autoSyncHour)));
  const anchor = settings.lastAutoSyncAt ?? settings.since ?? null;
  return anchor ? firstSlotAfter(settings.autoSync, hour, anchor) : latestSlotAtOrBefore(settings.autoSync, hour, now);
}

export function isAutoSyncDue(settings: AutoSyncSettings, now: Date): boolean {
  const next = nextAutoSyncAt(settings, now);
  return next !== null && next.getTime() <= now.getTime();
}
