import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { fbaConnections, locations, stocktakes } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { fetchReportFor, type FetchInventoryReportOptions, type FetchReport } from '@/lib/fba/inventory-report';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { drainQueuedRuns, executeRun, getLatestRun, queueRun, type Run, type RunWork } from '@/lib/runs/queued-runs';
import { WRITING_PHASE } from '@/lib/runs/run-progress';
import { QUANTITY_MAX, groupDigits } from '@/lib/validation/numbers';
import { countLinesNeedingCost } from './queries';
import { applyCounts, type Count } from './stocktake';
import { isCounting } from './stocktake-status';

export type FbaSyncResult = {
  stocktakeId: string;
  number: string;
  /** Products whose counted quantity is now Amazon's fulfillable (created ones included). */
  synced: number;
  /** Products made from Amazon SKUs unknown here (Create product if it does not exist). */
  created: number;
  /** Products with stock at the location that Amazon's report leaves out: counted 0. */
  zeroed: number;
  /** Amazon SKUs left out because no product has them and creating products is off. */
  unknownSkus: string[];
  /** Lines Complete will refuse until a person enters a unit cost. */
  needCost: number;
  /** Milliseconds spent matching SKUs (creating products included) and writing lines. */
  ms: { match: number; write: number };
};

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

type Wanted = { key: string; sku: string; name: string; fnsku: string | null; asin: string | null; fulfillable: number };

/**
 * One entry per SKU, case-insensitively (SKUs are unique that way here). Amazon may list a SKU
 * more than once (one row per condition): their fulfillable units add up.
 */
function groupBySku(rows: InventoryReportRow[]): Map<string, Wanted> {
  const out = new Map<string, Wanted>();
  for (const r of rows) {
    const sku = r.sellerSku.trim();
    if (!sku) continue;
    const key = sku.toLowerCase();
    const units = Math.max(0, Math.trunc(r.fulfillable));
    const seen = out.get(key);
    if (seen) seen.fulfillable += units;
    else out.set(key, { key, sku, name: r.productName?.trim() || sku, fnsku: r.fnsku, asin: r.asin, fulfillable: units });
  }
  return out;
}

async function matchProducts(tx: Tx, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  // lower(sku) is what products_sku_ci indexes, so this is one indexed semi-join whatever the size.
  const rows = rowsOf<{ id: string; k: string }>(
    await tx.execute(sql`
      SELECT p.id, lower(p.sku) AS k FROM products p
      WHERE lower(p.sku) IN (SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`),
  );
  return new Map(rows.map((r) => [r.k, r.id]));
}

/**
 * Products for Amazon SKUs unknown here: name (and FNSKU/ASIN) from the report, no cost, no stock.
 * ON CONFLICT DO NOTHING: a product made meanwhile under the same SKU is matched again instead.
 */
async function createProducts(tx: Tx, missing: Wanted[]): Promise<Map<string, string>> {
  const made = new Map<string, string>();
  for (let i = 0; i < missing.length; i += 5000) {
    const part = missing.slice(i, i + 5000).map((w) => ({ s: w.sku, n: w.name, f: w.fnsku, a: w.asin }));
    const rows = rowsOf<{ id: string; k: string }>(
      await tx.execute(sql`
        INSERT INTO products (sku, name, fnsku, asin)
        SELECT r.s, r.n, r.f, r.a FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS r(s text, n text, f text, a text)
        ON CONFLICT DO NOTHING
        RETURNING id, lower(sku) AS k`),
    );
    for (const r of rows) made.set(r.k, r.id);
  }
  return made;
}

/**
 * Stocktake Sync: Amazon's fulfillable quantities become the counted column, in one transaction.
 * Every product in the report that exists here (or is created, when the connection's "Create
 * product if it does not exist" is on) is counted at Amazon's figure; products with stock at the
 * location, or lines already in the stocktake, that the report leaves out are counted 0 (Amazon
 * holds none). Typed unit costs are kept. Complete later refuses lines adding units nobody can cost.
 */
export async function syncStocktakeFromRows(db: Db | Tx, stocktakeId: string, rows: InventoryReportRow[], userId: string | null): Promise<FbaSyncResult> {
  void userId; // the counts are not posted yet: Complete, by a person or auto-sync, records who
  return db.transaction(async (tx) => {
    const target = await findSyncTarget(tx, stocktakeId, true);
    const t0 = performance.now();
    const wanted = groupBySku(rows);
    // Checked here, not by applyCounts, so the message can name Amazon's SKU.
    const huge = [...wanted.values()].find((w) => !(w.fulfillable <= QUANTITY_MAX));
    if (huge)
      throw new DomainError('AMAZON_ERROR', `Amazon reports ${groupDigits(huge.fulfillable)} fulfillable units of ${huge.sku}; a count holds at most ${groupDigits(QUANTITY_MAX)}. Nothing was changed.`);
    const ids = await matchProducts(tx, [...wanted.keys()]);
    const missing = [...wanted.values()].filter((w) => !ids.has(w.key));
    let created = 0;
    const unknownSkus: string[] = [];
    if (missing.length > 0 && target.connection.createMissingProducts) {
      const made = await createProducts(tx, missing);
      created = made.size;
      for (const [k, id] of made) ids.set(k, id);
      const raced = missing.filter((w) => !ids.has(w.key));
      if (raced.length > 0) for (const [k, id] of await matchProducts(tx, raced.map((w) => w.key))) ids.set(k, id);
    } else unknownSkus.push(...missing.map((w) => w.sku));
    const t1 = performance.now();

    const counts: Count[] = [];
    for (const w of wanted.values()) {
      const productId = ids.get(w.key);
      if (productId) counts.push({ productId, binId: null, counted: w.fulfillable });
    }
    const counted = new Set(counts.map((c) => c.productId));
    const absent = rowsOf<{ product_id: string; bin_id: string | null }>(
      await tx.execute(sql`
        SELECT product_id, bin_id FROM stock_levels WHERE location_id = ${target.locationId} AND on_hand > 0
        UNION
        SELECT product_id, bin_id FROM stocktake_lines WHERE stocktake_id = ${stocktakeId}`),
    ).filter((r) => !counted.has(r.product_id));
    for (const r of absent) counts.push({ productId: r.product_id, binId: r.bin_id, counted: 0 });
    // applyCounts writes in chunks of a few thousand rows, each chunk one statement.
    await applyCounts(tx, stocktakeId, counts);
    await tx.update(stocktakes).set({ syncedAt: new Date() }).where(eq(stocktakes.id, stocktakeId));
    const needCost = await countLinesNeedingCost(tx, stocktakeId);
    const t2 = performance.now();
    return {
      stocktakeId,
      number: target.number,
      synced: counted.size,
      created,
      zeroed: absent.length,
      unknownSkus,
      needCost,
      ms: { match: t1 - t0, write: t2 - t1 },
    };
  });
}

export type StocktakeSyncDeps = { fetchReport?: FetchReport; sleep?: FetchInventoryReportOptions['sleep']; now?: () => Date };

/**
 * The Sync button: checks the stocktake can be synced and queues a run for the worker (or joins
 * the one already queued or running for it). Nothing waits for Amazon here.
 */
export async function requestStocktakeSync(db: Db, stocktakeId: string, userId: string | null): Promise<Run> {
  const target = await findSyncTarget(db, stocktakeId);
  return queueRun(db, { kind: 'stocktake', connectionId: target.connection.id, stocktakeId }, 'force', userId);
}

/**
 * The work of a stocktake's Sync run: checks the stocktake, fetches Amazon's inventory report
 * (minutes on Amazon's schedule, so outside any transaction: no lock is held while waiting), then
 * applies it and marks the run done in one transaction that checks the stocktake again. A report
 * that cannot be read whole applies nothing.
 */
function stocktakeWork(deps: StocktakeSyncDeps): RunWork {
  return async ({ db, run, progress, finish }) => {
    if (!run.stocktakeId) throw new DomainError('NOT_FOUND', 'That stocktake no longer exists.');
    const stocktakeId = run.stocktakeId;
    const target = await findSyncTarget(db, stocktakeId);
    const report = await (deps.fetchReport ?? fetchReportFor)(target.connection, { sleep: deps.sleep, onProgress: (p) => progress({ phase: p.phase }) });
    const total = report.rows.length;
    await progress({ reportId: report.reportId, phase: WRITING_PHASE.stocktake, done: 0, total });
    return db.transaction(async (tx) => {
      const result = await syncStocktakeFromRows(tx, stocktakeId, report.rows, run.requestedBy);
      return finish(tx, { summary: describeSync(result), done: total, total });
    });
  };
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
