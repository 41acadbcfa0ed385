import os from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Db } from '@/db';
import { workerHeartbeats } from '@/db/schema';

/** Beats so /api/health can tell whether schedules are firing. */
export async function beat(db: Db, mode: string) {
  const workerId = `${os.hostname()}:${process.pid}`;
  await db
    .insert(workerHeartbeats)
    .values({ workerId, mode, beatAt: new Date() })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { beatAt: new Date(), mode } });
}

/**
 * The schedule table (UTC). Later jobs (inventory reports, tracking at 00:51/12:51, inbound
 * status) are added here, each wrapped in runJob(db, name, slotOf(now), …) so a slot runs once
 * across replicas. Called by jobs/worker.ts (PostgreSQL) or by the web process (embedded).
 */
export function startJobs(db: Db, mode: 'embedded' | 'worker'): { stop: () => Promise<void> } {
  const tasks: ScheduledTask[] = [];
  const safely = (fn: () => Promise<unknown>) => () =>
    fn().catch((e) => console.error('[worker]', e instanceof Error ? e.message : e));
  void safely(() => beat(db, mode))();
  tasks.push(cron.schedule('* * * * *', safely(() => beat(db, mode)), { name: 'worker.heartbeat', noOverlap: true, timezone: 'UTC' }));
  return {
    stop: async () => {
      for (const t of tasks) await t.stop();
    },
  };
}
