import { z } from 'zod';
import type { JobSpec } from './types';

/**
 * JOBS_EVERY_SECONDS (tests only, unset in production): every scheduled job fires every n seconds
 * instead of at its hour or minute, with slots to the second, so a test sees many slots in a few
 * seconds (lib/jobs/two-workers.pg.test.ts). Unset, the cron table in jobs/*.ts is used as written.
 */
const EverySeconds = z.coerce.number().int().min(1).max(59).optional();

export type Schedule = { cron: string; slotUnit: 'minute' | 'second'; logFirings: boolean };

export function scheduleOf(job: JobSpec, env: Record<string, string | undefined> = process.env): Schedule {
  const raw = env.JOBS_EVERY_SECONDS;
  const every = EverySeconds.safeParse(raw === '' ? undefined : raw);
  if (!every.success) throw new Error(`JOBS_EVERY_SECONDS must be a whole number of seconds from 1 to 59 (got "${raw}").`);
  if (every.data === undefined) return { cron: job.cron, slotUnit: 'minute', logFirings: false };
  // node-cron's six-field form: seconds first.
  return { cron: `*/${every.data} * * * * *`, slotUnit: 'second', logFirings: true };
}
