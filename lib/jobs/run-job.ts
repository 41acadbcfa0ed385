import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { jobRuns } from '@/db/schema';
import { isUniqueViolation } from '@/db/driver';
import { isDomainError, reportUnexpected } from '@/lib/errors';

/**
 * Runs one firing of a job. The (name, slot) row is inserted first and is unique, so when several
 * workers fire for the same slot only one runs it; the row then records the outcome.
 */
export async function runJob(db: Db, name: string, slot: string, fn: (db: Db) => Promise<unknown>) {
  let id: number;
  try {
    [{ id }] = await db.insert(jobRuns).values({ name, slot }).returning({ id: jobRuns.id });
  } catch (e) {
    if (isUniqueViolation(e)) return { skipped: true as const };
    throw e;
  }
  try {
    await fn(db);
    await db.update(jobRuns).set({ result: 'ok', finishedAt: new Date() }).where(eq(jobRuns.id, id));
    return { skipped: false as const, ok: true };
  } catch (e) {
    // Job Runs shows this column: an expected failure in its own words (Amazon's reason), anything
    // else only as a reference to the server log, which holds the detail.
    const message = isDomainError(e) ? e.message : `Unexpected error, reference ${reportUnexpected(e, { where: `job ${name}` })}: the detail is in the server log.`;
    await db.update(jobRuns).set({ result: 'failed', finishedAt: new Date(), error: message.slice(0, 2000) }).where(eq(jobRuns.id, id));
    if (isDomainError(e)) console.error(`[job ${name}] failed:`, message);
    return { skipped: false as const, ok: false };
  }
}

/**
 * The slot a firing belongs to: the scheduled minute in UTC, e.g. "2026-11-27T12:51"; to the second
 * ("2026-11-27T12:51:03") for schedules that fire more than once a minute (tests' JOBS_EVERY_SECONDS).
 */
export function slotOf(date: Date, unit: 'minute' | 'second' = 'minute') {
  return date.toISOString().slice(0, unit === 'minute' ? 16 : 19);
}
