import type { Db } from '@/db';

/**
 * A scheduled job: `cron` in UTC; each firing runs once across workers (runJob's unique slot).
 * The logic lives in lib/; `run` only calls it.
 */
export type JobSpec = { name: string; cron: string; run: (db: Db, now: Date) => Promise<unknown> };

/** A continuous drain (the runs that buttons queue for the worker): polled every `everyMs`, never overlapping itself. */
export type DrainSpec = { name: string; everyMs: number; run: (db: Db) => Promise<unknown> };
