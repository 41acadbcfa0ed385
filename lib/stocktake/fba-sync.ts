import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, locations, stocktakes } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { openReportFor, type FetchInventoryReportOptions, type OpenReport } from '@/lib/fba/inventory-report';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { drainQueuedRuns, executeRun, getLatestRun, queueRun, type Run, type RunWork } from '@/lib/runs/queued-runs';
import { WRITING_PHASE } from '@/lib/runs/run-progress';
import { writeReport, type ReportRows, type WrittenReport } from './fba-sync-write';
import { isCounting } from './stocktake-status';

/** What a Sync did to the stocktake (see `WrittenReport` for each count). */
export type FbaSyncResult = { stocktakeId: string; number: string } & Omit<WrittenReport, 'rows'>;

export type SyncTarget = {
  stocktakeId: string;
  number: string;
  locationId: string;
  location: string;
  connection: typeof fbaConnections.$inferSelect;
};

/**
 * The stocktake and the FBA connection owning its location, refused unless the stocktake is In
 * Progress at an external location of an active connection. `lock` takes the stocktake's row
 * lock (inside the sync's transaction); without it this is the read before calling Amazon.
 */
export async function findSyncTarget(db: Db | Tx, stocktakeId: string, lock = false): Promise<SyncTarget> {
  const q = db
    .select({ doc: stocktakes, location: locations.name, external: locations.externalConnectionId, connection: fbaConnections })
    .from(stocktakes)
    .innerJoin(locations, eq(locations.id, stocktakes.locationId))
    .leftJoin(fbaConnections, eq(fbaConnections.id, locations.externalConnectionId))
    .where(eq(stocktakes.id, stocktakeId));
  const [row] = lock ? await q.for('update', { of: stocktakes }) : await q;
  if (!row) throw new DomainError('NOT_FOUND', 'That stocktake no longer exists.');
  const { doc, connection } = row;
  if (!isCounting(doc.status)) throw new DomainError('INVALID_TRANSITION', `Stocktake ${doc.number} is ${doc.status}: it can no longer be synced.`);
  if (!row.external || !connection)
    throw new DomainError('EXTERNAL_LOCATION', `${row.location} is not an external fulfilment location: only stocktakes at an FBA location can be synced with Amazon.`);
  if (connection.status !== 'Active' || connection.locationId !== doc.locationId)
    throw new DomainError('EXTERNAL_LOCATION', `The FBA connection of ${row.location} is disconnected: reconnect it to sync.`);
  return { stocktakeId: doc.id, number: doc.number, locationId: doc.locationId, location: row.location, connection };
}

/**
 * Stocktake Sync: Amazon's fulfillable quantities become the counted column (see `writeReport`
 * for what is counted). One transaction locks and checks the stocktake, reads the rows (which may
 * arrive in batches as the report is inflated and parsed) while writing their lines by SQL, runs
 * `within` (the run's finish) and commits. The rows must never wait on Amazon: the report is
 * downloaded before this is called (`openReportFor` downloads it whole, compressed), so the
 * transaction does CPU and database work only. Rows that throw (an unreadable report) roll
 * everything back: the stocktake is left as it was. Complete later refuses lines adding units
 * nobody can cost.
 */
export async function syncStocktakeFromReport<T = void>(
  db: Db | Tx,
  stocktakeId: string,
  rows: ReportRows,
  userId: string | null,
  opts: { within?: (tx: Tx, result: FbaSyncResult & { rows: number }) => Promise<T> } = {},
): Promise<FbaSyncResult & { rows: number; then: T }> {
  void userId; // the counts are not posted yet: Complete, by a person or auto-sync, records who
  return db.transaction(async (tx) => {
    const target = await findSyncTarget(tx, stocktakeId, true);
    const written = await writeReport(tx, rows, { stocktakeId, locationId: target.locationId, createMissingProducts: target.connection.createMissingProducts });
    await tx.update(stocktakes).set({ syncedAt: new Date() }).where(eq(stocktakes.id, stocktakeId));
    const result = { stocktakeId, number: target.number, ...written };
    const then = (opts.within ? await opts.within(tx, result) : undefined) as T;
    return { ...result, then };
  });
}

/** Stocktake Sync from a report held whole (Auto-Sync, tests). */
export function syncStocktakeFromRows(db: Db | Tx, stocktakeId: string, rows: InventoryReportRow[], userId: string | null): Promise<FbaSyncResult> {
  return syncStocktakeFromReport(db, stocktakeId, rows, userId);
}

export type StocktakeSyncDeps = {
  /** openReportFor by default (the report downloaded whole, compressed, and parsed as it is read); tests pass a stand-in, or a FetchReport holding it whole. */
  fetchReport?: OpenReport;
  sleep?: FetchInventoryReportOptions['sleep'];
  now?: () => Date;
};

/**
 * The Sync button: checks the stocktake can be synced and queues a run for the worker (or joins
 * the one already queued or running for it). Nothing waits for Amazon here.
 */
export async function requestStocktakeSync(db: Db, stocktakeId: string, userId: string | null): Promise<Run> {
  const target = await findSyncTarget(db, stocktakeId);
  return queueRun(db, { kind: 'stocktake', connectionId: target.connection.id, stocktakeId }, 'force', userId);
}

/**
 * The work of a stocktake's Sync run: checks the stocktake, waits for Amazon to build the
 * inventory report (minutes on Amazon's schedule) and downloads its document (compressed) — all
 * outside any transaction, so no lock or snapshot is held while waiting on Amazon — then in one
 * transaction inflates and parses it while writing the lines (checking the stocktake again) and
 * marks the run done. A report that cannot be read whole applies nothing.
 */
function stocktakeWork(deps: StocktakeSyncDeps): RunWork {
  return async ({ db, run, progress, finish }) => {
    if (!run.stocktakeId) throw new DomainError('NOT_FOUND', 'That stocktake no longer exists.');
    const stocktakeId = run.stocktakeId;
    const target = await findSyncTarget(db, stocktakeId);
    const report = await (deps.fetchReport ?? openReportFor)(target.connection, { sleep: deps.sleep, onProgress: (p) => progress({ phase: p.phase }) });
    await progress({ reportId: report.reportId, phase: 'Parsing' });
    // Not awaited: the phase shows while the last lines are written (on PGlite's one connection it
    // waits its turn and may then no longer apply).
    const rows = withEnd(report.rows, (total) => void progress({ phase: WRITING_PHASE.stocktake, done: 0, total }).catch(() => {}));
    const result = await syncStocktakeFromReport(db, stocktakeId, rows, run.requestedBy, {
      within: (tx, r) => finish(tx, { summary: describeSync(r), done: r.rows, total: r.rows }),
    });
    return result.then;
  };
}

/** The rows as given, calling `end` with their count once the last has been read. */
function withEnd(rows: ReportRows, end: (count: number) => void): ReportRows {
  if (Array.isArray(rows)) {
    end(rows.length);
    return rows;
  }
  return (async function* () {
    let count = 0;
    for await (const batch of rows) {
      count += batch.length;
      yield batch;
    }
    end(count);
  })();
}

/** Runs one queued stocktake Sync; null when another process had claimed it. */
export function runStocktakeSync(db: Db, runId: string, deps: StocktakeSyncDeps = {}) {
  return executeRun(db, runId, stocktakeWork(deps), deps.now);
}

/** Runs every queued stocktake Sync: the worker's drain. */
export function drainStocktakeSyncs(db: Db, deps: StocktakeSyncDeps = {}) {
  return drainQueuedRuns(db, 'stocktake', stocktakeWork(deps), deps.now);
}

/** The latest Sync run of a stocktake: what its page starts from and polls. */
export const getLatestStocktakeSync = (db: Db | Tx, stocktakeId: string) => getLatestRun(db, { kind: 'stocktake', stocktakeId });

/** The user-facing summary of a sync: "25 products synced, 4 created, 11 need a unit cost". */
export function describeSync(r: Pick<FbaSyncResult, 'synced' | 'created' | 'zeroed' | 'needCost' | 'unknownSkus'>): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const parts = [`${n(r.synced, 'product')} synced`, `${r.created} created`, `${r.needCost} need${r.needCost === 1 ? 's' : ''} a unit cost`];
  if (r.zeroed > 0) parts.push(`${n(r.zeroed, 'product')} not at Amazon counted 0`);
  let text = `${parts.join(', ')}.`;
  if (r.unknownSkus.length > 0) {
    const sample = r.unknownSkus.slice(0, 5).join(', ') + (r.unknownSkus.length > 5 ? ', …' : '');
    text += ` ${n(r.unknownSkus.length, 'Amazon SKU')} skipped (no product has ${r.unknownSkus.length === 1 ? 'it' : 'them'}: ${sample}); turn on "Create product if it does not exist" in the connection's Setup to create them.`;
  }
  return text;
}
