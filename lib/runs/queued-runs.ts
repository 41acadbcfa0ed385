import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { isUniqueViolation } from '@/db/driver';
import { fbaSyncRuns } from '@/db/schema';
import { DomainError, isDomainError, reportUnexpected } from '@/lib/errors';
import { toRunJson, type RunJson, type RunKind } from './run-progress';
import { ACTIVE_RUN_STATUSES, runStatus, type RunStatus } from './run-status';

// One way for a button to reach Amazon: the button queues a run (one short transaction), the
// worker claims and runs it (the Amazon calls happen there, never inside a transaction), and the
// screen polls the run's phase until it is done or failed. Each kind of run brings only its work.

export type Run = typeof fbaSyncRuns.$inferSelect;

/**
 * What a run fills: a connection's Catalog, one stocktake, a connection's inbound shipment
 * statuses, or an Amazon store's orders and returns.
 */
export type RunTarget =
  | { kind: 'catalog'; connectionId: string }
  | { kind: 'stocktake'; stocktakeId: string }
  | { kind: 'inbound'; connectionId: string }
  | { kind: 'orders'; amazonStoreId: string };

/** What a queued run's row names: a connection (and the stocktake of a stocktake run), or an Amazon store. */
export type RunInsert = { kind: 'catalog' | 'inbound'; connectionId: string } | { kind: 'stocktake'; stocktakeId: string; connectionId: string } | { kind: 'orders'; amazonStoreId: string };

/**
 * A run still queued after this long was never picked up (no worker ran for two hours): it is
 * failed, so the one-active-run indexes let a new one start. Longer than the report wait bound.
 */
export const STALE_RUN_MS = 2 * 60 * 60_000;
/** How often the worker running a run stamps its heartbeat. */
export const HEARTBEAT_MS = 30_000;
/**
 * A running run whose heartbeat is older than this lost its worker (killed, or the machine went
 * away): it is failed at the next press or drain, so the button works again within minutes.
 */
export const RUNNING_LEASE_MS = 3 * 60_000;
const ONE_ACTIVE: Record<RunKind, string> = {
  catalog: 'fba_sync_runs_one_active',
  stocktake: 'fba_sync_runs_one_active_stocktake',
  inbound: 'fba_sync_runs_one_active_inbound',
  orders: 'fba_sync_runs_one_active_orders',
};

function sameTarget(t: RunTarget): SQL | undefined {
  if (t.kind === 'stocktake') return eq(fbaSyncRuns.stocktakeId, t.stocktakeId);
  if (t.kind === 'orders') return and(eq(fbaSyncRuns.kind, t.kind), eq(fbaSyncRuns.amazonStoreId, t.amazonStoreId));
  return and(eq(fbaSyncRuns.kind, t.kind), eq(fbaSyncRuns.connectionId, t.connectionId));
}

/** A status change of one run, checked by the table and compare-and-set on `from`; undefined when another process moved it first. */
async function moveRun(db: Db | Tx, id: string, from: RunStatus, to: RunStatus, set: Partial<Run> = {}): Promise<Run | undefined> {
  runStatus.assertMove(from, to);
  const [row] = await db
    .update(fbaSyncRuns)
    .set({ ...set, status: to })
    .where(and(eq(fbaSyncRuns.id, id), eq(fbaSyncRuns.status, from)))
    .returning();
  return row;
}

/**
 * Queues a run for the worker, or returns the run already queued or running for the same target
 * (a partial unique index allows one): pressing the button twice joins the first run.
 */
export async function queueRun(db: Db, target: RunInsert, trigger: Run['trigger'], userId: string | null, now = new Date()): Promise<Run> {
  await failStaleRuns(db, now, target);
  // Twice: the active run may finish between our refused insert and the read of it.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const [run] = await db
        .insert(fbaSyncRuns)
        .values({ ...target, trigger, requestedBy: userId, phase: 'Queued' })
        .returning();
      return run;
    } catch (e) {
      if (!isUniqueViolation(e, ONE_ACTIVE[target.kind])) throw e;
    }
    const [active] = await db
      .select()
      .from(fbaSyncRuns)
      .where(and(sameTarget(target), inArray(fbaSyncRuns.status, ACTIVE_RUN_STATUSES)));
    if (active) return active;
  }
  throw new DomainError('STALE_STATE', 'Another sync started and finished at the same moment; press the button again.');
}

/**
 * Fails runs a stopped process left behind: queued for longer than STALE_RUN_MS, or running with
 * no heartbeat for RUNNING_LEASE_MS (every active status may move to failed in the run table, so
 * this bulk write stays within it).
 */
export async function failStaleRuns(db: Db, now: Date, target?: RunTarget) {
  const queuedBefore = new Date(now.getTime() - STALE_RUN_MS);
  const beatBefore = new Date(now.getTime() - RUNNING_LEASE_MS);
  await db
    .update(fbaSyncRuns)
    .set({ status: 'failed', error: 'The sync was interrupted (the server stopped before it finished).', finishedAt: now })
    .where(
      and(
        or(
          and(eq(fbaSyncRuns.status, 'queued'), lt(fbaSyncRuns.createdAt, queuedBefore)),
          and(eq(fbaSyncRuns.status, 'running'), sql`coalesce(${fbaSyncRuns.heartbeatAt}, ${fbaSyncRuns.createdAt}) < ${beatBefore.toISOString()}::timestamptz`),
        ),
        target ? sameTarget(target) : undefined,
      ),
    );
}

export type RunProgress = Partial<Pick<Run, 'phase' | 'done' | 'total' | 'reportId'>>;

/** How a run ended well: its summary for the screen, rows written, and when (the time the work stamped on its result). */
export type FinishedRun = { summary: string; done?: number; total?: number; at?: Date };

/** What a kind of run does once claimed. It calls Amazon outside any transaction and ends with `finish` inside its one write transaction. */
export type RunWork = (ctx: {
  db: Db;
  run: Run;
  /** Shows a step on the progress bar (a write of its own, outside any transaction). */
  progress: (step: RunProgress) => Promise<void>;
  /** Marks the run done inside the caller's transaction, so "done" and its result become visible together. */
  finish: (tx: Tx, result: FinishedRun) => Promise<Run>;
}) => Promise<Run>;

/**
 * Runs one queued run: claims it (compare-and-set, so when two drains see it only one runs it),
 * then does its work. Never throws for expected failures (Amazon's, a refused report, a document
 * that changed): they land on the run row for the screen. Null when another process had claimed it.
 */
export async function executeRun(db: Db, runId: string, work: RunWork, now: () => Date = () => new Date()): Promise<Run | null> {
  const claimed = await moveRun(db, runId, 'queued', 'running', { phase: 'Requesting report', heartbeatAt: now() });
  if (!claimed) return null;
  // The heartbeat says this worker is alive while the work waits on Amazon (failStaleRuns reads it).
  const beat = setInterval(() => {
    db.update(fbaSyncRuns)
      .set({ heartbeatAt: now() })
      .where(and(eq(fbaSyncRuns.id, runId), eq(fbaSyncRuns.status, 'running')))
      .catch(() => {}); // a missed beat is only a later one; a database gone is the run's own failure
  }, HEARTBEAT_MS);
  beat.unref();
  const progress = async (step: RunProgress) => {
    await db.update(fbaSyncRuns).set(step).where(and(eq(fbaSyncRuns.id, runId), eq(fbaSyncRuns.status, 'running')));
  };
  const finish = (tx: Tx, result: FinishedRun) =>
    runStatus.write('running', 'done', {
      update: () => moveRun(tx, runId, 'running', 'done', { phase: 'Done', summary: result.summary, done: result.done ?? 0, total: result.total ?? null, finishedAt: result.at ?? now() }),
      current: async () => {
        const [row] = await tx.select({ status: fbaSyncRuns.status }).from(fbaSyncRuns).where(eq(fbaSyncRuns.id, runId));
        return row && { label: 'The sync', status: row.status };
      },
    });
  try {
    return await work({ db, run: claimed, progress, finish });
  } catch (e) {
    // The screen shows an expected failure's words; anything else only a reference to the log.
    const error = isDomainError(e)
      ? e.message
      : `The sync stopped on an unexpected error. Reference: ${reportUnexpected(e, { where: `queued ${claimed.kind} run ${runId}` })}; the server log has the details.`;
    const failed = await moveRun(db, runId, 'running', 'failed', { error: error.slice(0, 2000), finishedAt: now() });
    return failed ?? null;
  } finally {
    clearInterval(beat);
  }
}

/**
 * Runs every queued run of one kind, in parallel (each mostly waits for Amazon; one connection's
 * wait must not hold back another's press): the worker's drain.
 */
export async function drainQueuedRuns(db: Db, kind: RunKind, work: RunWork, now: () => Date = () => new Date()) {
  await failStaleRuns(db, now());
  const queued = await db
    .select({ id: fbaSyncRuns.id })
    .from(fbaSyncRuns)
    .where(and(eq(fbaSyncRuns.kind, kind), eq(fbaSyncRuns.status, 'queued')))
    .orderBy(asc(fbaSyncRuns.createdAt))
    .limit(20);
  return Promise.all(queued.map((r) => executeRun(db, r.id, work, now)));
}

/** The latest run of a target, as the status routes return it and the screens start from. */
export async function getLatestRun(db: Db | Tx, target: RunTarget): Promise<RunJson | null> {
  const [run] = await db
    .select()
    .from(fbaSyncRuns)
    .where(sameTarget(target))
    .orderBy(desc(fbaSyncRuns.createdAt), desc(fbaSyncRuns.id))
    .limit(1);
  return run ? toRunJson(run) : null;
}

/** The FBA connection a catalog, stocktake or inbound run works on (every such row names one: a check constraint). */
export function connectionOf(run: Run): string {
  if (!run.connectionId) throw new Error(`Run ${run.id} (${run.kind}) names no FBA connection.`);
  return run.connectionId;
}
