import type { Db } from '@/db';
import { appliedMigrationCount, expectedMigrationCount } from '@/db/client';
import { lastHeartbeat } from '@/lib/jobs/heartbeats';

/** Beats come every minute; three missed ones mean the schedules have stopped. */
export const HEARTBEAT_STALE_SECONDS = 180;

export type Health = {
  status: 'ok' | 'migrations-pending';
  database: 'ok';
  migrations: { applied: number; expected: number; current: boolean };
  worker: { lastHeartbeat: string | null; ageSeconds: number | null; ok: boolean };
};

/**
 * What GET /api/health reports once the database answered: migrations applied against those in
 * the repo (a web tier started before `npm run db:migrate` is not ready), and the worker's newest
 * heartbeat. A stale worker does not fail the check: the screens still work without schedules.
 */
export async function checkHealth(db: Db, now = new Date()): Promise<Health> {
  const [applied, beat] = await Promise.all([appliedMigrationCount(db), lastHeartbeat(db)]);
  const expected = expectedMigrationCount();
  const current = applied === expected;
  const ageSeconds = beat ? Math.round((now.getTime() - beat.getTime()) / 1000) : null;
  return {
    status: current ? 'ok' : 'migrations-pending',
    database: 'ok',
    migrations: { applied, expected, current },
    worker: { lastHeartbeat: beat?.toISOString() ?? null, ageSeconds, ok: ageSeconds !== null && ageSeconds < HEARTBEAT_STALE_SECONDS },
  };
}
