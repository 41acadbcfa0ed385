import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { bins, locations, products, stockLedger, stockLevels, type SourceType } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { formatCost } from '@/lib/money';
import { INT_COLUMN_MAX, MONEY_COLUMN_MAX, groupDigits } from '@/lib/validation/numbers';
import { emitStockLevels } from '@/lib/webhooks/emit';
import { applyValuedMovement, type CostState } from './costing';

export type Movement = {
  productId: string;
  locationId: string;
  binId: string | null;
  /** Signed, non-zero. */
  quantity: number;
  /**
   * Valued movements change the company's stock value (adjustments, stocktakes, sales); a
   * transfer only moves units between places at the average cost.
   */
  valued: boolean;
  /** Required for valued receipts; for issues, the average cost is used when absent. */
  unitCost?: number;
  sourceType: SourceType;
  sourceId: string;
  sourceLine: number;
  reversesId?: number;
  /** The form cell this movement came from (`quantity.2`, `counted.<lineId>`), for a refusal to point at. */
  field?: string;
};

/** A sum the posting computed that its column cannot hold; found before any write. */
type Overflow = { m: Movement; kind: 'place' | 'product' | 'cost'; value: number };

type LevelRow = { id: string; product_id: string; location_id: string; bin_id: string | null; on_hand: number; allocated: number };
type CostRow = { product_id: string; quantity: number; average_cost: string | number };

const keyOf = (m: { productId: string; locationId: string; binId: string | null }) => `${m.productId}|${m.locationId}|${m.binId ?? ''}`;
const CHUNK = 2000;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** A product at a place: the key of a stock level row. */
export type StockPlace = { productId: string; locationId: string; binId: string | null };

/**
 * Locks the stock a transaction is about to change, in the one order every writer of stock uses:
 * the level rows (made first when missing) sorted by product, location and bin, then the products'
 * cost rows sorted by product. Two transactions touching the same stock then queue behind each
 * other instead of deadlocking, and what they read under the locks stays true until they commit.
 * The keys are sorted before they are split into statements, so the order holds across chunks too.
 */
export async function lockStock(tx: Tx, places: StockPlace[]): Promise<{ levels: Map<string, LevelRow>; costs: Map<string, CostState> }> {
  // Byte order of the lowercase text is PostgreSQL's uuid order; a place without a bin comes first.
  const keys = [...new Map(places.map((m) => [keyOf(m), { p: m.productId, l: m.locationId, b: m.binId }])).values()].sort(
    (x, y) => cmp(x.p, y.p) || cmp(x.l, y.l) || (x.b === y.b ? 0 : x.b === null ? -1 : y.b === null ? 1 : cmp(x.b, y.b)),
  );
  // Rows travel as one jsonb parameter: a multi-row VALUES of 2,000 rows costs seconds to build
  // and bind, this costs milliseconds.
  for (const part of chunks(keys))
    await tx.execute(sql`
      INSERT INTO stock_levels (product_id, location_id, bin_id)
      SELECT k.p, k.l, k.b FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS k(p uuid, l uuid, b uuid)
      ON CONFLICT DO NOTHING`);
  const levels = new Map<string, LevelRow>();
  for (const part of chunks(keys)) {
    const rows = rowsOf<LevelRow>(
      await tx.execute(sql`
        SELECT s.id, s.product_id, s.location_id, s.bin_id, s.on_hand, s.allocated
        FROM stock_levels s
        JOIN jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS k(p uuid, l uuid, b uuid)
          ON s.product_id = k.p AND s.location_id = k.l AND s.bin_id IS NOT DISTINCT FROM k.b
        ORDER BY s.product_id, s.location_id, s.bin_id NULLS FIRST
        FOR UPDATE OF s`),
    );
    for (const r of rows) levels.set(keyOf({ productId: r.product_id, locationId: r.location_id, binId: r.bin_id }), r);
  }

  const productIds = [...new Set(keys.map((k) => k.p))].sort(cmp);
  for (const part of chunks(productIds))
    await tx.execute(sql`
      INSERT INTO product_costs (product_id) SELECT jsonb_array_elements_text(${JSON.stringify(part)}::jsonb)::uuid
      ON CONFLICT DO NOTHING`);
  const costs = new Map<string, CostState>();
  for (const part of chunks(productIds)) {
    const rows = rowsOf<CostRow>(
      await tx.execute(sql`
        SELECT product_id, quantity, average_cost FROM product_costs
        WHERE product_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(part)}::jsonb)::uuid)
        ORDER BY product_id FOR UPDATE`),
    );
    for (const r of rows) costs.set(r.product_id, { quantity: Number(r.quantity), averageCost: Number(r.average_cost) });
  }
  return { levels, costs };
}

/**
 * Posts movements to the ledger and updates the cached stock levels and average costs, all in the
 * caller's transaction. Level rows are locked (`FOR UPDATE`) in one sorted order, then cost rows,
 * so two transactions touching the same stock serialise instead of overselling or deadlocking.
 */
export async function postMovements(tx: Tx, movements: Movement[], userId: string | null) {
  if (movements.length === 0) return [];
  for (const m of movements) {
    if (!Number.isInteger(m.quantity) || m.quantity === 0) throw new DomainError('INVALID_INPUT', 'Quantities must be whole, non-zero numbers.');
    if (Math.abs(m.quantity) > INT_COLUMN_MAX) throw new DomainError('INVALID_INPUT', `A movement holds at most ${groupDigits(INT_COLUMN_MAX)} units.`);
    if (m.unitCost !== undefined && (!Number.isSafeInteger(m.unitCost) || m.unitCost < 0))
      throw new DomainError('INVALID_INPUT', `Unit costs are whole numbers of 1/10,000, from 0 to ${groupDigits(MONEY_COLUMN_MAX)}.`);
  }

  const { levels, costs } = await lockStock(tx, movements);

  const entries: (typeof stockLedger.$inferInsert)[] = [];
  const short: Movement[] = [];
  let overflow: Overflow | null = null;
  for (const m of movements) {
    const level = levels.get(keyOf(m))!;
    level.on_hand += m.quantity;
    if (level.on_hand < level.allocated) short.push(m);
    overflow ??= level.on_hand > INT_COLUMN_MAX ? { m, kind: 'place', value: level.on_hand } : null;
    const cost = costs.get(m.productId)!;
    let unitCost = m.unitCost ?? cost.averageCost;
    if (m.valued) {
      if (m.quantity > 0 && m.unitCost === undefined)
        throw new DomainError('INVALID_INPUT', 'A unit cost is needed to add stock.');
      const next = applyValuedMovement(cost, m.quantity, unitCost);
      // Units owned in all places bound every level too (transfers only move them), so a transfer
      // can never pass the limit where it arrives.
      overflow ??= next.quantity > INT_COLUMN_MAX ? { m, kind: 'product', value: next.quantity } : !Number.isSafeInteger(next.averageCost) ? { m, kind: 'cost', value: next.averageCost } : null;
      costs.set(m.productId, next);
    } else {
      unitCost = cost.averageCost;
    }
    entries.push({
      productId: m.productId,
      locationId: m.locationId,
      binId: m.binId,
      quantity: m.quantity,
      unitCost,
      sourceType: m.sourceType,
      sourceId: m.sourceId,
      sourceLine: m.sourceLine,
      reversesId: m.reversesId ?? null,
      userId,
    });
  }
  if (overflow) throw await overflowError(tx, overflow);
  if (short.length > 0) throw await insufficientStock(tx, short, levels);

  const levelRows = [...levels.values()].map((l) => ({ id: l.id, on_hand: l.on_hand }));
  for (const part of chunks(levelRows))
    await tx.execute(sql`
      UPDATE stock_levels SET on_hand = v.on_hand
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS v(id uuid, on_hand int)
      WHERE stock_levels.id = v.id`);
  const costRows = [...costs.entries()].map(([p, c]) => ({ p, q: c.quantity, a: c.averageCost }));
  for (const part of chunks(costRows))
    await tx.execute(sql`
      UPDATE product_costs SET quantity = v.q, average_cost = v.a
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS v(p uuid, q int, a bigint)
      WHERE product_costs.product_id = v.p`);
  const inserted: { id: number }[] = [];
  for (const part of chunks(entries)) inserted.push(...(await tx.insert(stockLedger).values(part).returning({ id: stockLedger.id })));
  // One stock.level_changed per posting (chunked), with each changed place's on hand after it.
  await emitStockLevels(
    tx,
    [...levels.values()].map((l) => ({ productId: l.product_id, locationId: l.location_id, binId: l.bin_id, onHand: l.on_hand })),
  );
  return inserted.map((r, i) => ({ ...entries[i], id: r.id }));
}

/** The SKU, location and place ("Main › A-01") of a movement, for messages. */
async function describe(tx: Tx, m: Movement) {
  const [row] = await tx
    .select({ sku: products.sku, location: locations.name, bin: bins.name })
    .from(products)
    .innerJoin(locations, eq(locations.id, m.locationId))
    .leftJoin(bins, m.binId ? eq(bins.id, m.binId) : sql`false`)
    .where(eq(products.id, m.productId));
  const location = row?.location ?? 'the location';
  return { sku: row?.sku ?? 'the product', location, place: row?.bin ? `${location} › ${row.bin}` : location };
}

async function insufficientStock(tx: Tx, short: Movement[], levels: Map<string, LevelRow>) {
  const first = short[0];
  const { sku, location } = await describe(tx, first);
  const level = levels.get(keyOf(first))!;
  const available = level.on_hand - first.quantity - level.allocated;
  const more = short.length > 1 ? ` (and ${short.length - 1} more line${short.length > 2 ? 's' : ''})` : '';
  return new DomainError('INSUFFICIENT_STOCK', `Not enough stock of ${sku} at ${location}: ${Math.max(available, 0)} available, ${-first.quantity} needed${more}.`);
}

/**
 * A sum past its column's range, refused before PostgreSQL would ("value … is out of range"),
 * naming the product, the place and the limit; the form cell, when there is one, gets the short form
 * (its row already shows the SKU and place).
 */
async function overflowError(tx: Tx, o: Overflow) {
  const { sku, place } = await describe(tx, o.m);
  const [n, max] = [groupDigits(o.value), groupDigits(INT_COLUMN_MAX)];
  const [message, cell] =
    o.kind === 'place'
      ? [`${sku} at ${place} would hold ${n} units; one product at one place holds at most ${max}.`, `Would make ${n} here; at most ${max}.`]
      : o.kind === 'product'
        ? [`The company would hold ${n} units of ${sku} in all; at most ${max} of one product can be held.`, `Would make ${n} in all places; at most ${max}.`]
        : [`The average cost of ${sku} would pass ${formatCost(MONEY_COLUMN_MAX)}, the most that can be stored.`, `The average cost would pass ${formatCost(MONEY_COLUMN_MAX)}.`];
  return new DomainError('INVALID_INPUT', `${message} Nothing was posted.`, o.m.field ? { [o.m.field]: [cell] } : undefined);
}

/** Posts the reverse of every entry a source document made that is not yet reversed. */
export async function reverseSource(tx: Tx, sourceType: SourceType, sourceId: string, userId: string | null, filter?: (e: typeof stockLedger.$inferSelect) => boolean) {
  const all = await tx
    .select()
    .from(stockLedger)
    .where(and(eq(stockLedger.sourceType, sourceType), eq(stockLedger.sourceId, sourceId)))
    .orderBy(stockLedger.id);
  const reversed = new Set(all.map((e) => e.reversesId).filter((id): id is number => id !== null));
  const open = all.filter((e) => e.reversesId === null && !reversed.has(e.id) && (!filter || filter(e)));
  return postMovements(
    tx,
    open.map((e) => ({
      productId: e.productId,
      locationId: e.locationId,
      binId: e.binId,
      quantity: -e.quantity,
      valued: e.sourceType !== 'transfer',
      unitCost: e.unitCost,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      sourceLine: e.sourceLine,
      reversesId: e.id,
    })),
    userId,
  );
}

/** On hand per product at a location (bins summed or per bin), for snapshots. */
export async function listLevelsAt(db: Db | Tx, locationId: string, productIds?: string[]) {
  return db
    .select({ productId: stockLevels.productId, binId: stockLevels.binId, onHand: stockLevels.onHand, allocated: stockLevels.allocated })
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, locationId), productIds ? inArray(stockLevels.productId, productIds) : undefined));
}
