import os from 'node:os';
import { desc, max, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { workerHeartbeats } from '@/db/schema';

/** Who is beating: one row per worker process, so replicas and restarts are told apart. */
const workerId = () => `${os.hostname()}:${process.pid}`;

/** Called every minute by the worker (or the web process in embedded mode) while schedules run. */
export async function recordHeartbeat(db: Db, mode: 'embedded' | 'worker', at = new Date()) {
  await db
    .insert(workerHeartbeats)
    .values({ workerId: workerId(), mode, beatAt: at })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { beatAt: at, mode } });
}

/** The newest beat of any worker, or null when no schedule has ever run against this database. */
export async function lastHeartbeat(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: max(workerHeartbeats.beatAt) }).from(workerHeartbeats);
  return row?.at ?? null;
}

/** Settings → Job Runs: every worker seen, newest beat first. */
export function listWorkers(db: Db) {
  return db
    .select({ workerId: workerHeartbeats.workerId, mode: workerHeartbeats.mode, beatAt: workerHeartbeats.beatAt, ageSeconds: sql<number>`extract(epoch from now() - ${workerHeartbeats.beatAt})::int` })
    .from(workerHeartbeats)
    .orderBy(desc(workerHeartbeats.beatAt));
}
