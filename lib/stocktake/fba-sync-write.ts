import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { QUANTITY_MAX, groupDigits } from '@/lib/validation/numbers';

// The write of a stocktake Sync, inside its one transaction: Amazon's rows arrive in batches as
// the report (already downloaded, still compressed) is inflated and parsed, and each chunk of
// rows is matched and written to stocktake_lines by one statement while the next chunk is
// parsed, so parsing in JS overlaps PostgreSQL writing. What needs the whole report (SKUs listed
// again in a later chunk, products the report leaves out, the lines needing a cost) runs once at
// the end. Nothing here waits on Amazon.

/** Rows per statement: small enough that PostgreSQL starts soon after the first rows are parsed, large enough that per-statement costs stay small. */
const CHUNK_ROWS = 4096;

/** Amazon's rows in the report's order, held whole or in batches as they are parsed (never waiting on the network). */
export type ReportRows = InventoryReportRow[] | AsyncIterable<InventoryReportRow[]>;

const tooMany = (sku: string, units: number | string) =>
  new DomainError('AMAZON_ERROR', `Amazon reports ${groupDigits(Number(units))} fulfillable units of ${sku}; a count holds at most ${groupDigits(QUANTITY_MAX)}. Nothing was changed.`);

/** A SKU of the report (case-insensitively): its first spelling, Amazon's units added up, and whether its line was written. */
type Key = { sku: string; n: number; written: boolean };
/** A SKU's first row, waiting in the chunk being gathered. */
type Pending = { ord: number; key: Key; name: string; fnsku: string | null; asin: string | null };

/**
 * A PostgreSQL array literal of text (`{"a","b\\"c",NULL}`), sent as one parameter: one value per
 * column rather than one parameter per cell keeps a chunk's statement within the drivers' limits.
 */
function textArray(values: (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null) out += 'NULL';
    else {
      if (v.includes('\0')) throw new Error('A NUL character cannot be stored in PostgreSQL text.');
      out += `"${/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
    }
  }
  return `${out}}`;
}
const intArray = (values: number[]) => `{${values.join(',')}}`;

type Target = { locationId: string; stocktakeId: string; createMissingProducts: boolean };
export type WrittenReport = {
  /** Rows read from Amazon's report. */
  rows: number;
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
  /**
   * Milliseconds inside the transaction: reading Amazon's rows (inflating and parsing them, when
   * streamed) while their lines are matched and written, chunk after chunk; then the work that
   * needs the whole report (products it leaves out counted 0, lines needing a cost).
   */
  ms: { lines: number; finish: number };
};

/**
 * What the stocktake and its location held when the sync began. Without lines nothing can
 * conflict, and a speculative insert per line costs a third more; without stock at the location
 * (most initial stocktakes) every expected is 0, and no line needs a probe of stock_levels.
 */
type Found = { lines: boolean; stock: boolean };

type ChunkResult = { synced: number; created: number; unknown: string[]; needCost: number };

/**
 * Matches one chunk of first rows to products (creating the missing ones first when the
 * connection says so) and writes their lines at Amazon's figure.
 */
async function writeChunk(tx: Tx, chunk: Pending[], to: Target, found: Found): Promise<ChunkResult> {
  const skus = textArray(chunk.map((p) => p.key.sku));
  // No cost, no stock; ON CONFLICT DO NOTHING: a product made meanwhile is matched below instead.
  // The scalar subquery is an index probe per row, not a hash of all products per chunk. Sent
  // without waiting for its answer: the statement below runs after it on the same connection,
  // so it matches the products made here.
  const making = to.createMissingProducts
    ? tx.execute(sql`
        WITH made AS (
          INSERT INTO products (sku, name, fnsku, asin)
          SELECT w.sku, w.name, w.fnsku, w.asin
          FROM unnest(${skus}::text[], ${textArray(chunk.map((p) => p.name))}::text[], ${textArray(chunk.map((p) => p.fnsku))}::text[], ${textArray(chunk.map((p) => p.asin))}::text[])
            WITH ORDINALITY AS w(sku, name, fnsku, asin, ord)
          WHERE (SELECT p.id FROM products p WHERE lower(p.sku) = lower(w.sku)) IS NULL
          ORDER BY w.ord
          ON CONFLICT DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM made`)
    : null;
  const onConflict = found.lines ? sql`ON CONFLICT ON CONSTRAINT stocktake_lines_key DO UPDATE SET counted = excluded.counted` : sql``;
  // Lines Complete will refuse (queries.ts needsCostSql, completion.ts costForAddition): a count
  // adding units with no typed cost, none of the product held and no standard cost. A first
  // sync's new lines have no typed cost; on a later one the line returns the cost it kept.
  const typedCost = found.lines ? sql`AND EXISTS (SELECT 1 FROM written w WHERE w.product_id = j.product_id AND w.unit_cost IS NULL)` : sql``;
  // Each lookup is a LATERAL … LIMIT 1 subquery: an index probe per row of the chunk, where a
  // join would hash the whole products (or stock) table again for every chunk.
  const writing = tx.execute(sql`
      WITH joined AS (
        SELECT w.ord, w.sku, w.n, p.id AS product_id, p.unit_cost AS standard_cost, ${found.stock ? sql`coalesce(s.on_hand, 0)` : sql`0`} AS on_hand
        FROM unnest(${intArray(chunk.map((p) => p.ord))}::int[], ${skus}::text[], ${intArray(chunk.map((p) => p.key.n))}::int[]) AS w(ord, sku, n)
        LEFT JOIN LATERAL (SELECT id, unit_cost FROM products WHERE lower(sku) = lower(w.sku) LIMIT 1) p ON true
        ${found.stock ? sql`LEFT JOIN LATERAL (SELECT on_hand FROM stock_levels WHERE product_id = p.id AND location_id = ${to.locationId} AND bin_id IS NULL LIMIT 1) s ON true` : sql``}
      ), written AS (
        INSERT INTO stocktake_lines (stocktake_id, product_id, bin_id, expected, counted)
        SELECT ${to.stocktakeId}::uuid, product_id, NULL::uuid, on_hand, n FROM joined WHERE product_id IS NOT NULL
        ${onConflict}
        RETURNING product_id, unit_cost
      )
      SELECT (SELECT count(*) FROM written)::int AS synced,
        (SELECT array_agg(sku ORDER BY ord) FROM joined WHERE product_id IS NULL) AS unknown,
        (SELECT count(*) FROM joined j
          WHERE j.product_id IS NOT NULL AND j.n > j.on_hand AND j.standard_cost IS NULL
            AND coalesce((SELECT pc.quantity FROM product_costs pc WHERE pc.product_id = j.product_id), 0) <= 0 ${typedCost})::int AS need_cost`);
  const [made, written] = await Promise.all([making, writing]);
  const created = made ? Number(rowsOf<{ n: number }>(made)[0].n) : 0;
  const [out] = rowsOf<{ synced: number; unknown: string[] | null; need_cost: number }>(written);
  return { synced: Number(out.synced), created, unknown: out.unknown ?? [], needCost: Number(out.need_cost) };
}

/**
 * Writes Amazon's report into the stocktake (the caller holds its lock, in the transaction that
 * will commit it): one entry per SKU, case-insensitively as SKUs are unique here (lower(sku) is
 * what products_sku_ci indexes), units of a SKU listed twice added up, its first spelling kept.
 * Every product in the report that exists (or is created, when the connection's "Create product
 * if it does not exist" is on) is counted at Amazon's figure; products with stock at the
 * location, or lines already in the stocktake, that the report leaves out are counted 0. Typed
 * unit costs are kept. Throws what the rows throw (an unreadable report), and refuses a SKU whose
 * units no count can hold, naming it: the caller's transaction then rolls everything back.
 */
export async function writeReport(tx: Tx, rows: ReportRows, to: Target, chunkRows = CHUNK_ROWS): Promise<WrittenReport> {
  const t0 = performance.now();
  const [held] = rowsOf<{ lines: boolean; stock: boolean }>(
    await tx.execute(sql`SELECT EXISTS (SELECT 1 FROM stocktake_lines WHERE stocktake_id = ${to.stocktakeId}) AS lines,
      EXISTS (SELECT 1 FROM stock_levels WHERE location_id = ${to.locationId} AND on_hand <> 0) AS stock`),
  );
  const found: Found = { lines: Boolean(held.lines), stock: Boolean(held.stock) };
  const keys = new Map<string, Key>();
  const late = new Set<Key>(); // SKUs listed again after their line was written: fixed at the end
  const result = { rows: 0, synced: 0, created: 0, unknownSkus: [] as string[] };
  let needCost = 0;
  let chunk: Pending[] = [];
  let overflow = false;
  // A chunk's statements are sent as soon as it is gathered, queued on the connection behind the
  // one PostgreSQL is running (postgres.js pipelines them), so PostgreSQL never waits for JS
  // between chunks; then the gathering waits for that earlier chunk, so at most two are in
  // flight and a report parsed faster than it is written never piles up in memory.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const pending = chunk;
    chunk = [];
    for (const p of pending) {
      p.key.written = true;
      if (!(p.key.n <= QUANTITY_MAX)) overflow = true; // refused at the end, once the SKU's units are all added up
    }
    const before = writing;
    if (!overflow && pending.length > 0) {
      writing = writeChunk(tx, pending, to, found).then((r) => {
        result.synced += r.synced;
        result.created += r.created;
        result.unknownSkus.push(...r.unknown);
        needCost += r.needCost;
      });
      // Awaited at the next flush or at the end; until then a failure must not count as unhandled.
      writing.catch(() => {});
    }
    await before;
  };
  try {
    const batches: Iterable<InventoryReportRow[]> | AsyncIterable<InventoryReportRow[]> = Array.isArray(rows) ? chunksOf(rows, chunkRows) : rows;
    for await (const batch of batches) {
      for (const r of batch) {
        result.rows += 1;
        const sku = r.sellerSku.trim();
        if (!sku) continue;
        const units = Math.max(0, Math.trunc(r.fulfillable));
        if (!Number.isSafeInteger(units)) throw tooMany(sku, r.fulfillable);
        const lower = sku.toLowerCase();
        const key = keys.get(lower);
        if (key) {
          key.n += units;
          if (key.written) late.add(key);
          continue;
        }
        const made: Key = { sku, n: units, written: false };
        keys.set(lower, made);
        chunk.push({ ord: result.rows, key: made, name: r.productName?.trim() || sku, fnsku: r.fnsku, asin: r.asin });
      }
      if (chunk.length >= chunkRows) await flush();
    }
    await flush();
    await writing;
  } catch (e) {
    // The statement in flight finishes (or fails) before the caller rolls back.
    await writing.catch(() => {});
    throw e;
  }
  // Checked here, not by the count's column, so the message can name Amazon's SKU.
  for (const { sku, n } of keys.values()) if (!(n <= QUANTITY_MAX)) throw tooMany(sku, n);
  const t1 = performance.now();
  if (late.size > 0) {
    const again = [...late];
    await tx.execute(sql`
      UPDATE stocktake_lines l SET counted = d.n
      FROM unnest(${textArray(again.map((k) => k.sku))}::text[], ${intArray(again.map((k) => k.n))}::int[]) AS d(sku, n)
      JOIN products p ON lower(p.sku) = lower(d.sku)
      WHERE l.stocktake_id = ${to.stocktakeId} AND l.product_id = p.id AND l.bin_id IS NULL`);
  }
  const zeroed = await zeroAbsent(tx, [...keys.values()].map((k) => k.sku), to, found.lines);
  // A SKU listed again later changed a count after its chunk judged it: count the stocktake
  // over. Otherwise only lines the chunks did not write can still need a cost: other bins of
  // products in the report, which only a stocktake that had lines can hold (the lines counted 0
  // never add units).
  if (late.size > 0) needCost = await countNeedingCost(tx, to);
  else if (found.lines) needCost += await countNeedingCost(tx, to, sql`AND l.bin_id IS NOT NULL`);
  return { ...result, zeroed, needCost, ms: { lines: t1 - t0, finish: performance.now() - t1 } };
}

/** An array's rows in chunks, as a stream of them would come. */
function* chunksOf<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Counts 0 for the products with stock at the location, and the lines already in the stocktake
 * (`hadLines`), that the report leaves out: how many lines that wrote. A first sync's own lines
 * are all of products in the report, so only the location's stock is looked at then.
 */
async function zeroAbsent(tx: Tx, reported: string[], to: Target, hadLines: boolean): Promise<number> {
  const candidates: SQL = sql`
    SELECT product_id, bin_id, on_hand FROM stock_levels WHERE location_id = ${to.locationId} AND on_hand > 0
    ${hadLines ? sql`UNION ALL SELECT product_id, bin_id, 0 FROM stocktake_lines WHERE stocktake_id = ${to.stocktakeId}` : sql``}`;
  // Most initial stocktakes hold no stock yet: then the report's SKUs need not be sent at all.
  const [{ any }] = rowsOf<{ any: boolean }>(await tx.execute(sql`SELECT EXISTS (${candidates}) AS any`));
  if (!any) return 0;
  const onConflict = hadLines ? sql`ON CONFLICT ON CONSTRAINT stocktake_lines_key DO UPDATE SET counted = excluded.counted` : sql``;
  const [out] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      WITH reported AS (
        SELECT DISTINCT lower(sku) AS sku FROM unnest(${textArray(reported)}::text[]) AS r(sku)
      ), absent AS (
        SELECT a.product_id, a.bin_id, max(a.on_hand) AS on_hand
        FROM (${candidates}) a JOIN products p ON p.id = a.product_id
        WHERE NOT EXISTS (SELECT 1 FROM reported r WHERE r.sku = lower(p.sku))
        GROUP BY a.product_id, a.bin_id
      ), written AS (
        INSERT INTO stocktake_lines (stocktake_id, product_id, bin_id, expected, counted)
        SELECT ${to.stocktakeId}::uuid, product_id, bin_id, on_hand, 0 FROM absent
        ${onConflict}
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM written`),
  );
  return Number(out.n);
}

/**
 * The stocktake's lines Complete will refuse (queries.ts needsCostSql), `only` narrowing them:
 * once the report is written every line is either Amazon's figure or counted 0.
 */
async function countNeedingCost(tx: Tx, to: Target, only: SQL = sql``): Promise<number> {
  const [out] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      SELECT count(*)::int AS n
      FROM stocktake_lines l
      JOIN products p ON p.id = l.product_id AND p.unit_cost IS NULL
      LEFT JOIN stock_levels s ON s.product_id = l.product_id AND s.location_id = ${to.locationId} AND s.bin_id IS NOT DISTINCT FROM l.bin_id
      LEFT JOIN product_costs pc ON pc.product_id = l.product_id
      WHERE l.stocktake_id = ${to.stocktakeId} AND l.unit_cost IS NULL AND l.counted > coalesce(s.on_hand, 0) AND coalesce(pc.quantity, 0) <= 0 ${only}`),
  );
  return Number(out.n);
}
