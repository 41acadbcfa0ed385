import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { connectionOf, drainQueuedRuns, executeRun, getLatestRun, queueRun, type Run, type RunWork } from '@/lib/runs/queued-runs';
import { WRITING_PHASE } from '@/lib/runs/run-progress';
import { applyInventoryReport } from './catalog-update';
import { fetchReportFor, type FetchInventoryReportOptions, type FetchReport } from './inventory-report';

// The Catalog's inventory sync: a queued run of kind 'catalog' (Force Sync, or the hourly job)
// that writes Amazon's quantities into the connection's listings.

export type SyncDeps = {
  /** fetchReportFor by default; tests pass a stand-in or their own client. */
  fetchReport?: FetchReport;
  sleep?: FetchInventoryReportOptions['sleep'];
  now?: () => Date;
};

export type SyncTrigger = Run['trigger'];

/**
 * Queues a Catalog sync of the connection's FBA inventory, or returns the sync already queued or
 * running: pressing Force Sync twice joins the first run.
 */
export async function requestInventorySync(db: Db, connectionId: string, trigger: SyncTrigger, userId: string | null, now = new Date()): Promise<Run> {
  const [conn] = await db.select({ status: fbaConnections.status }).from(fbaConnections).where(eq(fbaConnections.id, connectionId));
  if (!conn) throw new DomainError('NOT_FOUND', 'This FBA connection does not exist.');
  if (conn.status !== 'Active') throw new DomainError('INVALID_TRANSITION', 'This FBA connection is disconnected; its inventory can no longer be synced.');
  return queueRun(db, { kind: 'catalog', connectionId }, trigger, userId, now);
}

/**
 * The work of a Catalog run: Amazon's report (no transaction is open while Amazon is called), then
 * the listings, the connection's last sync time and the run's "done" in one transaction, so the
 * new quantities and "done" become visible together or not at all.
 */
function catalogWork(deps: SyncDeps): RunWork {
  const now = deps.now ?? (() => new Date());
  return async ({ db, run, progress, finish }) => {
    const [conn] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, connectionOf(run)));
    if (!conn || conn.status !== 'Active') throw new DomainError('INVALID_TRANSITION', 'The FBA connection was disconnected.');
    const report = await (deps.fetchReport ?? fetchReportFor)(conn, { sleep: deps.sleep, onProgress: (p) => progress({ phase: p.phase }) });
    const total = report.rows.length;
    await progress({ reportId: report.reportId, phase: WRITING_PHASE.catalog, done: 0, total });
    return db.transaction(async (tx: Tx) => {
      const at = now();
      await applyInventoryReport(tx, conn.id, report.rows, at);
      await tx.update(fbaConnections).set({ lastInventorySyncAt: at }).where(eq(fbaConnections.id, conn.id));
      return finish(tx, { summary: `${total} listing${total === 1 ? '' : 's'} from Amazon's report.`, done: total, total, at });
    });
  };
}

/** Runs one queued Catalog sync; null when another process had claimed it. */
export function runInventorySync(db: Db, runId: string, deps: SyncDeps = {}) {
  return executeRun(db, runId, catalogWork(deps), deps.now);
}

/** Runs every queued Catalog sync (Force Sync presses): the worker's drain. */
export function drainQueuedSyncs(db: Db, deps: SyncDeps = {}) {
  return drainQueuedRuns(db, 'catalog', catalogWork(deps), deps.now);
}

/** The hourly job: a 'schedule' run per active connection (joining one already active), run now. */
export async function syncAllConnections(db: Db, deps: SyncDeps = {}) {
  const conns = await db.select({ id: fbaConnections.id }).from(fbaConnections).where(eq(fbaConnections.status, 'Active'));
  const results = await Promise.allSettled(
    conns.map(async (c) => {
      const run = await requestInventorySync(db, c.id, 'schedule', null, (deps.now ?? (() => new Date()))());
      return run.status === 'queued' ? runInventorySync(db, run.id, deps) : run;
    }),
  );
  const failed = results.filter((r) => r.status === 'rejected' || r.value?.status === 'failed').length;
  if (failed > 0) throw new DomainError('AMAZON_ERROR', `${failed} of ${conns.length} FBA inventory syncs failed; see the Catalog of each connection.`);
  return { connections: conns.length };
}

/** The latest Catalog sync of a connection: what the Catalog's progress bar starts from and polls. */
export const getLatestSyncRun = (db: Db | Tx, connectionId: string) => getLatestRun(db, { kind: 'catalog', connectionId });
