import cron, { type ScheduledTask } from 'node-cron';
import type { Db } from '@/db';
import { recordHeartbeat } from '@/lib/jobs/heartbeats';
import { runJob, slotOf } from '@/lib/jobs/run-job';
import { channelDrains, channelJobs } from './channel';
import { fbaAutoSyncJobs } from './fba-auto-sync';
import { fbaInventoryDrains, fbaInventoryJobs } from './fba-inventory';
import { fulfilmentDrains, fulfilmentJobs } from './fulfilment';
import { inboundDrains, inboundJobs } from './inbound';
import { labelDrains } from './labels';
import { scheduleOf } from './schedule';
import type { DrainSpec, JobSpec } from './types';

/**
 * The schedule table (UTC). Each entry's logic lives in lib/:
 * - fba.sync-inventory   hourly at :07, every active connection's inventory report → Catalog
 * - fba.auto-sync-stock  hourly at :05, connections whose Auto-Sync Stock is due (daily/weekly/monthly at their hour)
 * - fba.fo-tracking      00:51 and 12:51, fulfilment orders Amazon changed since the last run (packages, tracking, status)
 * - fba.inbound-status   hourly at :17, every active connection's open inbound shipments (statuses, receipts)
 * - amazon.orders        every 15 minutes, each Amazon store's changed orders (→ sales) and customer returns (→ credit notes)
 */
export const JOBS: JobSpec[] = [...fbaInventoryJobs, ...fbaAutoSyncJobs, ...fulfilmentJobs, ...inboundJobs, ...channelJobs];

/**
 * Continuous drains: queued runs of the buttons that call Amazon (Force Sync, stocktake Sync), and
 * the outbox (fba.outbox, every 2 s: fulfilment orders sent, changed, released, cancelled, refreshed),
 * Download on the Inbound Shipments tab (fba.inbound-download), Download orders of an Amazon store (amazon.orders-download), and label PDFs (fba.labels, every 2 s).
 */
export const DRAINS: DrainSpec[] = [...fbaInventoryDrains, ...fulfilmentDrains, ...inboundDrains, ...labelDrains, ...channelDrains];

/** How long stop() waits for the job runs and drain ticks in flight. */
const STOP_GRACE_MS = 10_000;

/**
 * Starts the schedules and drains. Called by jobs/worker.ts (PostgreSQL) or by the web process
 * (embedded database, which has one owner).
 */
export function startJobs(db: Db, mode: 'embedded' | 'worker'): { stop: () => Promise<void> } {
  const tasks: ScheduledTask[] = [];
  const timers: NodeJS.Timeout[] = [];
  // Job runs and drain ticks in flight: stop() waits for them (up to STOP_GRACE_MS), so a SIGTERM
  // neither cuts a short job off (its job_runs row left 'running') nor closes the database under it.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };
  const log = (name: string) => (e: unknown) => console.error(`[worker] ${name}:`, e instanceof Error ? e.message : e);
  // The heartbeat tells /api/health and Settings → Job Runs that the schedules are firing.
  void recordHeartbeat(db, mode).catch(log('heartbeat'));
  tasks.push(cron.schedule('* * * * *', () => recordHeartbeat(db, mode).catch(log('heartbeat')), { name: 'worker.heartbeat', noOverlap: true, timezone: 'UTC' }));
  for (const job of JOBS) {
    const schedule = scheduleOf(job);
    tasks.push(
      cron.schedule(
        schedule.cron,
        async (ctx) => {
          // The scheduled time (ctx.date), not when this process got round to it (triggeredAt):
          // two workers must name the same slot even when one fires a little late.
          const now = ctx?.date ?? new Date();
          const slot = slotOf(now, schedule.slotUnit);
          const run = await track(runJob(db, job.name, slot, (d) => job.run(d, now)).catch(log(job.name)));
          if (schedule.logFirings) console.log(`[worker] fired ${job.name} ${slot} ${run === undefined ? 'error' : run.skipped ? 'skipped' : 'ran'}`);
        },
        { name: job.name, noOverlap: true, timezone: 'UTC' },
      ),
    );
  }
  for (const drain of DRAINS) {
    let busy = false;
    timers.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        void track(drain.run(db).catch(log(drain.name))).finally(() => (busy = false));
      }, drain.everyMs),
    );
  }
  return {
    stop: async () => {
      for (const t of timers) clearInterval(t);
      for (const t of tasks) await t.stop();
      // Up to a grace period: a job waiting minutes on Amazon's report is left to be retaken.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (timer = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    },
  };
}
