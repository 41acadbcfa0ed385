import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { locations, products, stockLedger, stockLevels, type SourceType } from '@/db/schema';
import { DomainError } from '@/lib/errors';
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
};

type LevelRow = { id: string; product_id: string; location_id: string; bin_id: string | null; on_hand: number; allocated: number };
type CostRow = { product_id: string; quantity: number; average_cost: string | number };

const keyOf = (m: { productId: string; locationId: string; binId: string | null }) => `${m.productId}|${m.locationId}|${m.binId ?? ''}`;
const CHUNK = 2000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** `execute` returns an array (postgres.js) or `{ rows }` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Posts movements to the ledger and updates the cached stock levels and average costs, all in the
 * caller's transaction. Level rows are locked (`FOR UPDATE`) in one sorted order, then cost rows,
 * so two transactions touching the same stock serialise instead of overselling or deadlocking.
 */
export async function postMovements(tx: Tx, movements: Movement[], userId: string | null) {
  if (movements.length === 0) return [];
  for (const m of movements)
    if (!Number.isInteger(m.quantity) || m.quantity === 0) throw new DomainError('INVALID_INPUT', 'Quantities must be whole, non-zero numbers.');

  const keys = [...new Map(movements.map((m) => [keyOf(m), { p: m.productId, l: m.locationId, b: m.binId }])).values()];
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

  const productIds = [...new Set(movements.map((m) => m.productId))].sort();
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

  const entries: (typeof stockLedger.$inferInsert)[] = [];
  const short: Movement[] = [];
  for (const m of movements) {
    const level = levels.get(keyOf(m))!;
    level.on_hand += m.quantity;
    if (level.on_hand < level.allocated) short.push(m);
    const cost = costs.get(m.productId)!;
    let unitCost = m.unitCost ?? cost.averageCost;
    if (m.valued) {
      if (m.quantity > 0 && m.unitCost === undefined)
        throw new DomainError('INVALID_INPUT', 'A unit cost is needed to add stock.');
      costs.set(m.productId, applyValuedMovement(cost, m.quantity, unitCost));
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
  return inserted.map((r, i) => ({ ...entries[i], id: r.id }));
}

async function insufficientStock(tx: Tx, short: Movement[], levels: Map<string, LevelRow>) {
  const first = short[0];
  const [row] = await tx
    .select({ sku: products.sku, location: locations.name })
    .from(products)
    .innerJoin(locations, eq(locations.id, first.locationId))
    .where(eq(products.id, first.productId));
  const level = levels.get(keyOf(first))!;
  const available = level.on_hand - first.quantity - level.allocated;
  const more = short.length > 1 ? ` (and ${short.length - 1} more line${short.length > 2 ? 's' : ''})` : '';
  return new DomainError(
    'INSUFFICIENT_STOCK',
    `Not enough stock of ${row?.sku ?? 'the product'} at ${row?.location ?? 'the location'}: ${Math.max(available, 0)} available, ${-first.quantity} needed${more}.`,
  );
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
