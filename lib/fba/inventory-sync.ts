import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fbaSyncRuns } from '@/db/schema';
import { isUniqueViolation } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import { applyInventoryReport } from './catalog-update';
import { fetchInventoryReport } from './inventory-report';
import type { InventoryReportError } from './inventory-report-types';
import type { SpApiClient } from './sp-api';
import { spClientFor } from './connection-client';

export type SyncDeps = {
  /** The connection's SP-API client; spClientFor by default (one per connection per process). */
  clientFor?: (conn: typeof fbaConnections.$inferSelect) => SpApiClient;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  maxWaitMs?: number;
};

export type SyncRun = typeof fbaSyncRuns.$inferSelect;
export type SyncTrigger = SyncRun['trigger'];

/**
 * A run still queued or running after this long was orphaned (the process stopped mid-sync): it
 * is failed so the one-active-run index lets a new sync start. Longer than the report wait bound.
 */
export const STALE_RUN_MS = 2 * 60 * 60_000;
const ACTIVE = ['queued', 'running'] as const;
const LISTED_ERRORS = 5;

/**
 * Queues a sync of the connection's FBA inventory, or returns the sync already queued or running
 * (the partial unique index allows one): pressing Force Sync twice joins the first run.
 */
export async function requestInventorySync(db: Db, connectionId: string, trigger: SyncTrigger, userId: string | null, now = new Date()): Promise<SyncRun> {
  const [conn] = await db.select({ status: fbaConnections.status }).from(fbaConnections).where(eq(fbaConnections.id, connectionId));
  if (!conn) throw new DomainError('NOT_FOUND', 'This FBA connection does not exist.');
  if (conn.status !== 'Active') throw new DomainError('INVALID_TRANSITION', 'This FBA connection is disconnected; its inventory can no longer be synced.');
  await failStaleRuns(db, now, connectionId);
  // Twice: the active run may finish between our refused insert and the read of it.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const [run] = await db.insert(fbaSyncRuns).values({ connectionId, trigger, requestedBy: userId, phase: 'Queued' }).returning();
      return run;
    } catch (e) {
      if (!isUniqueViolation(e, 'fba_sync_runs_one_active')) throw e;
    }
    const [active] = await db.select().from(fbaSyncRuns).where(and(eq(fbaSyncRuns.connectionId, connectionId), inArray(fbaSyncRuns.status, ACTIVE)));
    if (active) return active;
  }
  throw new DomainError('STALE_STATE', 'Another sync started and finished at the same moment; press Force Sync again.');
}

/** Fails runs left queued or running by a process that stopped. */
export async function failStaleRuns(db: Db, now: Date, connectionId?: string) {
  await db
    .update(fbaSyncRuns)
    .set({ status: 'failed', error: 'The sync was interrupted (the server stopped before it finished).', finishedAt: now })
    .where(and(inArray(fbaSyncRuns.status, ACTIVE), lt(fbaSyncRuns.createdAt, new Date(now.getTime() - STALE_RUN_MS)), connectionId ? eq(fbaSyncRuns.connectionId, connectionId) : undefined));
}

/**
 * Runs one queued sync: claim it, fetch Amazon's report (no transaction is open while Amazon is
 * called), then apply it in one transaction. A report with unreadable rows fails the run and
 * changes nothing. Never throws for Amazon or report failures: they land on the run row.
 */
export async function runInventorySync(db: Db, runId: string, deps: SyncDeps = {}): Promise<SyncRun | null> {
  const now = deps.now ?? (() => new Date());
  // Compare-and-set claim: when the drain and the hourly job both see this run, one runs it.
  const [claimed] = await db
    .update(fbaSyncRuns)
    .set({ status: 'running', phase: 'Requesting report' })
    .where(and(eq(fbaSyncRuns.id, runId), eq(fbaSyncRuns.status, 'queued')))
    .returning();
  if (!claimed) return null;
  const setProgress = (set: Partial<SyncRun>) => db.update(fbaSyncRuns).set(set).where(and(eq(fbaSyncRuns.id, runId), eq(fbaSyncRuns.status, 'running')));
  try {
    const [conn] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, claimed.connectionId));
    if (!conn || conn.status !== 'Active') throw new DomainError('INVALID_TRANSITION', 'The FBA connection was disconnected.');
    const client = (deps.clientFor ?? spClientFor)(conn);
    const report = await fetchInventoryReport(client, {
      marketplaceId: conn.marketplaceId,
      sleep: deps.sleep,
      maxWaitMs: deps.maxWaitMs,
      onProgress: async (p) => void (await setProgress({ phase: p.phase })),
    });
    await setProgress({ reportId: report.reportId });
    if (report.errors.length > 0) throw new DomainError('AMAZON_ERROR', describeReportErrors(report.errors));
    const total = report.rows.length;
    await setProgress({ phase: 'Updating catalog', done: 0, total });
    // The run's own status changes in the same transaction as the listings: "done" and the new
    // quantities become visible together, or neither does.
    const finished = await db.transaction(async (tx: Tx) => {
      const at = now();
      await applyInventoryReport(tx, conn.id, report.rows, at);
      await tx.update(fbaConnections).set({ lastInventorySyncAt: at }).where(eq(fbaConnections.id, conn.id));
      const [run] = await tx
        .update(fbaSyncRuns)
        .set({ status: 'done', phase: 'Done', done: total, total, finishedAt: at })
        .where(and(eq(fbaSyncRuns.id, runId), eq(fbaSyncRuns.status, 'running')))
        .returning();
      if (!run) throw new DomainError('STALE_STATE', 'The sync was stopped while it ran; nothing was changed.');
      return run;
    });
    return finished;
  } catch (e) {
    const message = e instanceof DomainError ? e.message : 'The sync stopped on an unexpected error; the server log has the details.';
    if (!(e instanceof DomainError)) console.error(`[fba.inventory-sync] run ${runId}:`, e);
    const [failed] = await db
      .update(fbaSyncRuns)
      .set({ status: 'failed', error: message.slice(0, 2000), finishedAt: now() })
      .where(and(eq(fbaSyncRuns.id, runId), eq(fbaSyncRuns.status, 'running')))
      .returning();
    return failed ?? null;
  }
}

function describeReportErrors(errors: InventoryReportError[]): string {
  const listed = errors.slice(0, LISTED_ERRORS).map((e) => (e.line > 0 ? `Line ${e.line}: ${e.message}` : e.message));
  const more = errors.length > LISTED_ERRORS ? ` …and ${errors.length - LISTED_ERRORS} more.` : '';
  return `Amazon's inventory report has unreadable rows, so nothing was changed. ${listed.join(' ')}${more}`;
}

/** Runs every queued sync (Force Sync presses), each connection in parallel; the worker's drain. */
export async function drainQueuedSyncs(db: Db, deps: SyncDeps = {}) {
  await failStaleRuns(db, (deps.now ?? (() => new Date()))());
  const queued = await db.select({ id: fbaSyncRuns.id }).from(fbaSyncRuns).where(eq(fbaSyncRuns.status, 'queued')).orderBy(asc(fbaSyncRuns.createdAt)).limit(20);
  return Promise.all(queued.map((r) => runInventorySync(db, r.id, deps)));
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
  if (failed > 0) throw new Error(`${failed} of ${conns.length} FBA inventory syncs failed; see the Catalog of each connection.`);
  return { connections: conns.length };
}

export type SyncStatus = Pick<SyncRun, 'id' | 'trigger' | 'status' | 'phase' | 'done' | 'total' | 'error' | 'createdAt' | 'finishedAt'>;

/** The latest run of a connection: what the Catalog's progress bar polls. */
export async function getLatestSyncRun(db: Db | Tx, connectionId: string): Promise<SyncStatus | null> {
  const [run] = await db
    .select({
      id: fbaSyncRuns.id, trigger: fbaSyncRuns.trigger, status: fbaSyncRuns.status, phase: fbaSyncRuns.phase, done: fbaSyncRuns.done,
      total: fbaSyncRuns.total, error: fbaSyncRuns.error, createdAt: fbaSyncRuns.createdAt, finishedAt: fbaSyncRuns.finishedAt,
    })
    .from(fbaSyncRuns)
    .where(eq(fbaSyncRuns.connectionId, connectionId))
    .orderBy(desc(fbaSyncRuns.createdAt), desc(fbaSyncRuns.id))
    .limit(1);
  return run ?? null;
}
