import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { chunked, copyInto, copyText, rowsOf } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { QUANTITY_MAX, groupDigits } from '@/lib/validation/numbers';

// The write of a stocktake Sync: Amazon's rows are loaded into the staging table
// stocktake_sync_rows (migration 0016, unlogged) as they are read, a COPY per chunk of about a
// megabyte with no transaction held while the document downloads; then one short transaction
// matches them to products, writes stocktake_lines by SQL and deletes them.

const STAGING = 'stocktake_sync_rows';
const STAGING_COLUMNS = ['load_id', 'ord', 'sku', 'name', 'fnsku', 'asin', 'units'];
/** Rows are loaded a COPY per chunk this large: each statement short, none waiting on the download. */
const STAGE_CHUNK_BYTES = 1 << 20;
/** Rows of a load older than this were left by a process that died mid-sync: cleared by the next load. */
const ABANDONED = "interval '1 day'";

/** Amazon's rows in the report's order, as read or in batches as they arrive. */
export type ReportRows = InventoryReportRow[] | AsyncIterable<InventoryReportRow[]>;

const tooMany = (sku: string, units: number | string) =>
  new DomainError('AMAZON_ERROR', `Amazon reports ${groupDigits(Number(units))} fulfillable units of ${sku}; a count holds at most ${groupDigits(QUANTITY_MAX)}. Nothing was changed.`);

/** What loading saw: rows read, and Amazon's units per SKU (case-insensitively), first spelling kept. */
type Loaded = { rows: number; units: Map<string, { sku: string; n: number }>; duplicates: boolean };

/** Each batch of rows as COPY text lines; rows without a SKU are left out. */
async function* stagingLines(rows: ReportRows, loadId: string, seen: Loaded): AsyncGenerator<string> {
  const batches: AsyncIterable<InventoryReportRow[]> | Iterable<InventoryReportRow[]> = Array.isArray(rows) ? [rows] : rows;
  for await (const batch of batches) {
    let text = '';
    for (const r of batch) {
      seen.rows += 1;
      const sku = r.sellerSku.trim();
      if (!sku) continue;
      const units = Math.max(0, Math.trunc(r.fulfillable));
      const key = sku.toLowerCase();
      const same = seen.units.get(key);
      if (same) {
        same.n += units;
        seen.duplicates = true;
      } else seen.units.set(key, { sku, n: units });
      if (!Number.isSafeInteger(units)) throw tooMany(sku, r.fulfillable);
      const name = r.productName?.trim() || sku;
      text += `${loadId}\t${seen.rows}\t${copyText(sku)}\t${copyText(name)}\t${copyText(r.fnsku)}\t${copyText(r.asin)}\t${units}\n`;
    }
    if (text) yield text;
  }
}

/** The staged report: its load, how many rows were read, and whether a SKU was listed more than once. */
export type StagedReport = { loadId: string; rows: number; duplicates: boolean };

/**
 * The next chunk is read (downloaded, parsed) while the caller writes the current one, so the
 * download and the load overlap without either holding a transaction open.
 */
async function* readAhead<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  const it = items[Symbol.asyncIterator]();
  let next = it.next();
  for (;;) {
    const r = await next;
    if (r.done) return;
    next = it.next();
    // A chunk read ahead that fails while the current one is written is rethrown when awaited; until then it must not count as unhandled.
    next.catch(() => {});
    yield r.value;
  }
}

/**
 * Loads the report's rows into the staging table under `loadId` as they arrive: a COPY per chunk
 * of about a megabyte, each its own statement, while the next chunk downloads. Called on the
 * database (not in a transaction) when the rows come over the network. Throws what the rows throw
 * (an unreadable report, a failed download), and refuses a SKU whose units (added up when listed
 * twice) no count can hold, naming it; the caller then drops the load (`dropStagedReport`).
 */
export async function stageReport(db: Db | Tx, loadId: string, rows: ReportRows): Promise<StagedReport> {
  await db.execute(sql.raw(`DELETE FROM ${STAGING} WHERE loaded_at < now() - ${ABANDONED}`));
  const seen: Loaded = { rows: 0, units: new Map(), duplicates: false };
  for await (const text of readAhead(chunked(stagingLines(rows, loadId, seen), STAGE_CHUNK_BYTES))) await copyInto(db, STAGING, STAGING_COLUMNS, [text]);
  // Checked here, not by the count's column, so the message can name Amazon's SKU.
  for (const { sku, n } of seen.units.values()) if (!(n <= QUANTITY_MAX)) throw tooMany(sku, n);
  return { loadId, rows: seen.rows, duplicates: seen.duplicates };
}

/** Deletes a load's staged rows: after it is applied (in that transaction), or when it failed. */
export async function dropStagedReport(db: Db | Tx, loadId: string): Promise<void> {
  await db.execute(sql`DELETE FROM ${sql.raw(STAGING)} WHERE load_id = ${loadId}`);
}

type Target = { locationId: string; stocktakeId: string; createMissingProducts: boolean };
export type StagedResult = { synced: number; created: number; zeroed: number; unknownSkus: string[]; needCost: number; ms: { match: number; write: number } };

/**
 * Applies the staged report to the stocktake (the caller holds its lock): one entry per SKU,
 * case-insensitively as SKUs are unique here (lower(sku) is what products_sku_ci indexes), units
 * of a SKU listed twice added up. Every product in the report that exists (or is created, when
 * the connection's "Create product if it does not exist" is on) is counted at Amazon's figure;
 * products with stock at the location, or lines already in the stocktake, that the report leaves
 * out are counted 0. Typed unit costs are kept. Matching and writing are one statement.
 */
export async function applyStagedReport(tx: Tx, staged: StagedReport, to: Target): Promise<StagedResult> {
  const t0 = performance.now();
  // One row per SKU with its first spelling and order: the staged rows themselves unless a SKU was listed twice.
  const wanted = staged.duplicates
    ? sql`(SELECT min(ord) AS ord, (array_agg(sku ORDER BY ord))[1] AS sku, (array_agg(name ORDER BY ord))[1] AS name,
             (array_agg(fnsku ORDER BY ord))[1] AS fnsku, (array_agg(asin ORDER BY ord))[1] AS asin, sum(units) AS units
           FROM ${sql.raw(STAGING)} WHERE load_id = ${staged.loadId} GROUP BY lower(sku))`
    : sql`(SELECT ord, sku, name, fnsku, asin, units FROM ${sql.raw(STAGING)} WHERE load_id = ${staged.loadId})`;
  let created = 0;
  if (to.createMissingProducts) {
    // No cost, no stock; ON CONFLICT DO NOTHING: a product made meanwhile is matched below instead.
    const [made] = rowsOf<{ n: number }>(
      await tx.execute(sql`
        WITH made AS (
          INSERT INTO products (sku, name, fnsku, asin)
          SELECT w.sku, w.name, w.fnsku, w.asin FROM ${wanted} w
          WHERE NOT EXISTS (SELECT 1 FROM products p WHERE lower(p.sku) = lower(w.sku))
          ORDER BY w.ord
          ON CONFLICT DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM made`),
    );
    created = Number(made.n);
  }
  const t1 = performance.now();
  // A first sync (no lines yet) inserts plainly: nothing can conflict, and a speculative insert per line costs a third more.
  const [{ has }] = rowsOf<{ has: boolean }>(await tx.execute(sql`SELECT EXISTS (SELECT 1 FROM stocktake_lines WHERE stocktake_id = ${to.stocktakeId}) AS has`));
  const onConflict = has ? sql`ON CONFLICT ON CONSTRAINT stocktake_lines_key DO UPDATE SET counted = excluded.counted` : sql``;

  // Lines Complete will refuse (queries.ts needsCostSql, completion.ts costForAddition): a count
  // adding units with no typed cost, none of the product held and no standard cost. Counted here
  // from what the statement writes, plus the lines it leaves alone (other bins of counted products).
  const [out] = rowsOf<{ synced: number; zeroed: number; unknown: string[] | null; need_cost: number }>(
    await tx.execute(sql`
      WITH joined AS (
        SELECT w.ord, w.sku, w.units::int AS n, p.id AS product_id, p.unit_cost AS standard_cost FROM ${wanted} w LEFT JOIN products p ON lower(p.sku) = lower(w.sku)
      ), matched AS (
        SELECT product_id, n, standard_cost FROM joined WHERE product_id IS NOT NULL
      ), absent AS (
        SELECT a.product_id, a.bin_id, max(a.on_hand) AS on_hand FROM (
          SELECT product_id, bin_id, on_hand FROM stock_levels WHERE location_id = ${to.locationId} AND on_hand > 0
          UNION ALL
          SELECT product_id, bin_id, 0 FROM stocktake_lines WHERE stocktake_id = ${to.stocktakeId}
        ) a
        WHERE NOT EXISTS (SELECT 1 FROM matched m WHERE m.product_id = a.product_id)
        GROUP BY a.product_id, a.bin_id
      ), counted AS (
        SELECT m.product_id, coalesce(s.on_hand, 0) AS on_hand, m.n,
          (m.n > coalesce(s.on_hand, 0) AND m.standard_cost IS NULL AND coalesce(pc.quantity, 0) <= 0) AS cost_unknown
        FROM matched m
        LEFT JOIN stock_levels s ON s.product_id = m.product_id AND s.location_id = ${to.locationId} AND s.bin_id IS NULL
        LEFT JOIN product_costs pc ON pc.product_id = m.product_id
      ), written AS (
        INSERT INTO stocktake_lines (stocktake_id, product_id, bin_id, expected, counted)
        SELECT ${to.stocktakeId}::uuid, product_id, NULL::uuid, on_hand, n FROM counted
        UNION ALL
        SELECT ${to.stocktakeId}::uuid, product_id, bin_id, on_hand, 0 FROM absent
        ${onConflict}
        RETURNING product_id, bin_id, unit_cost
      ), left_alone AS (
        SELECT l.counted, l.unit_cost, coalesce(s.on_hand, 0) AS on_hand, m.standard_cost, pc.quantity
        FROM stocktake_lines l JOIN matched m ON m.product_id = l.product_id
        LEFT JOIN stock_levels s ON s.product_id = l.product_id AND s.location_id = ${to.locationId} AND s.bin_id = l.bin_id
        LEFT JOIN product_costs pc ON pc.product_id = l.product_id
        WHERE l.stocktake_id = ${to.stocktakeId} AND l.bin_id IS NOT NULL
      )
      SELECT (SELECT count(*) FROM matched)::int AS synced, (SELECT count(*) FROM absent)::int AS zeroed,
        (SELECT array_agg(sku ORDER BY ord) FROM joined WHERE product_id IS NULL) AS unknown,
        ((SELECT count(*) FROM written w JOIN counted c ON c.product_id = w.product_id WHERE w.bin_id IS NULL AND c.cost_unknown AND w.unit_cost IS NULL)
          + (SELECT count(*) FROM left_alone a WHERE a.counted > a.on_hand AND a.unit_cost IS NULL AND coalesce(a.quantity, 0) <= 0 AND a.standard_cost IS NULL))::int AS need_cost`),
  );
  const t2 = performance.now();
  return { synced: Number(out.synced), created, zeroed: Number(out.zeroed), unknownSkus: out.unknown ?? [], needCost: Number(out.need_cost), ms: { match: t1 - t0, write: t2 - t1 } };
}
