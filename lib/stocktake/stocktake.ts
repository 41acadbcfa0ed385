import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { locations, stocktakes } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { nextNumber } from '@/lib/reference/numbers';
import { rowsOf } from '@/db/driver';
import { lockStock, postMovements } from '@/lib/stock/ledger';
import { assertPlaces } from '@/lib/stock/places';
import { resolveSkus } from '@/lib/stock/product-lookup';
import { formatCost } from '@/lib/money';
import { COST_MAX, QUANTITY_MAX, groupDigits, moneyProblem, quantityProblem } from '@/lib/validation/numbers';
import { planCompletion, type CountedLine } from './completion';
import { isCounting, stocktakeStatus, type StocktakeStatus } from './stocktake-status';

const CHUNK = 5000;

/**
 * Starts a stocktake at a location: a snapshot of every product with stock there, per bin, as the
 * expected quantities. Only one stocktake may be In Progress per location; the location row is
 * locked (FOR NO KEY UPDATE, which still lets stock rows referencing it be written) so two
 * concurrent starts cannot both pass the check.
 */
export async function startStocktake(db: Db | Tx, input: { locationId: string; note?: string | null; autoSync?: boolean }, userId: string | null) {
  return db.transaction(async (tx) => {
    const [loc] = await tx.select().from(locations).where(eq(locations.id, input.locationId)).for('no key update');
    if (!loc) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
    const [open] = await tx
      .select({ number: stocktakes.number })
      .from(stocktakes)
      .where(and(eq(stocktakes.locationId, loc.id), eq(stocktakes.status, 'In Progress')));
    if (open) throw new DomainError('IN_USE', `Stocktake ${open.number} is already in progress at ${loc.name}. Complete or void it first.`, { locationId: ['A stocktake is already in progress here.'] });
    const number = await nextNumber(tx, 'ST');
    const [doc] = await tx.insert(stocktakes).values({ number, locationId: loc.id, note: input.note ?? null, autoSync: input.autoSync ?? false, userId }).returning();
    await tx.execute(sql`
      INSERT INTO stocktake_lines (stocktake_id, product_id, bin_id, expected)
      SELECT ${doc.id}, s.product_id, s.bin_id, s.on_hand FROM stock_levels s
      WHERE s.location_id = ${loc.id} AND s.on_hand > 0`);
    return doc;
  });
}

/**
 * The only write of a stocktake's status (compare-and-set through its table, in the caller's
 * transaction). Completing records when and by whom (null: Auto-Sync), in the same write: a user
 * whose request died after the commit learns from the page that it went through.
 */
function transitionStocktake(tx: Tx, id: string, from: StocktakeStatus, to: StocktakeStatus, actorId: string | null = null) {
  const completed = to === 'Completed';
  return stocktakeStatus.write(from, to, {
    update: async () =>
      (
        await tx
          .update(stocktakes)
          .set({ status: to, completedAt: completed ? new Date() : undefined, completedBy: completed ? actorId : undefined })
          .where(and(eq(stocktakes.id, id), eq(stocktakes.status, from)))
          .returning()
      )[0],
    current: async () => {
      const [row] = await tx.select({ number: stocktakes.number, status: stocktakes.status }).from(stocktakes).where(eq(stocktakes.id, id));
      return row && { label: `Stocktake ${row.number}`, status: row.status };
    },
  });
}

/** The stocktake, locked for the rest of the transaction, refused unless its counts may change. */
async function lockOpen(tx: Tx, id: string) {
  const [doc] = await tx.select().from(stocktakes).where(eq(stocktakes.id, id)).for('update');
  if (!doc) throw new DomainError('NOT_FOUND', 'That stocktake no longer exists.');
  if (!isCounting(doc.status)) throw new DomainError('INVALID_TRANSITION', `Stocktake ${doc.number} is ${doc.status}: its counts can no longer change.`);
  return doc;
}

export type Count = { productId: string; binId?: string | null; counted: number; unitCost?: number | null };

/**
 * Fills counted quantities (and optional unit costs) for products at the stocktake's location,
 * adding lines for products not in it yet, with their on hand now as expected. Runs in the
 * caller's transaction, in bulk (a few statements whatever the count), so an external sync of
 * tens of thousands of SKUs slots in. A unit cost left out keeps the one already typed.
 */
export async function applyCounts(tx: Tx, stocktakeId: string, counts: Count[]) {
  const doc = await lockOpen(tx, stocktakeId);
  const bad = counts.findIndex((c) => quantityProblem(c.counted, 'nonNegative', 'bad') || (c.unitCost != null && moneyProblem(c.unitCost, 'cost')));
  if (bad >= 0)
    throw new DomainError('INVALID_INPUT', `A count is a whole number from 0 to ${groupDigits(QUANTITY_MAX)}, and a unit cost from 0 to ${groupDigits(formatCost(COST_MAX))}.`);
  // One row per product × bin (the last count wins): an upsert may not touch a row twice.
  const rows = [...new Map(counts.map((c) => [`${c.productId}|${c.binId ?? ''}`, { p: c.productId, b: c.binId ?? null, n: c.counted, u: c.unitCost ?? null }])).values()];
  const binIds = [...new Set(rows.map((r) => r.b))];
  await assertPlaces(tx, binIds.map((b) => ({ locationId: doc.locationId, binId: b })), () => 'binId');
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx.execute(sql`
      INSERT INTO stocktake_lines (stocktake_id, product_id, bin_id, expected, counted, unit_cost)
      SELECT ${doc.id}, c.p, c.b, coalesce(s.on_hand, 0), c.n, c.u
      FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) AS c(p uuid, b uuid, n int, u bigint)
      LEFT JOIN stock_levels s ON s.product_id = c.p AND s.location_id = ${doc.locationId} AND s.bin_id IS NOT DISTINCT FROM c.b
      ON CONFLICT ON CONSTRAINT stocktake_lines_key
      DO UPDATE SET counted = excluded.counted, unit_cost = coalesce(excluded.unit_cost, stocktake_lines.unit_cost)`);
  return { lines: rows.length };
}

/** Saves the counts form (every line shown) in one transaction; blank = not counted. */
export async function saveCounts(db: Db | Tx, input: { stocktakeId: string; lines: { lineId: string; counted: number | null; unitCost: number | null }[] }) {
  const problems: Record<string, string[]> = {};
  for (const l of input.lines) {
    const q = l.counted === null ? null : quantityProblem(l.counted, 'nonNegative', 'Enter a whole number, 0 or more.');
    if (q) problems[`counted.${l.lineId}`] = [q];
    const c = l.unitCost === null ? null : moneyProblem(l.unitCost, 'cost');
    if (c) problems[`unitCost.${l.lineId}`] = [c];
  }
  if (Object.keys(problems).length > 0) throw new DomainError('INVALID_INPUT', 'Check the highlighted fields.', problems);
  return db.transaction(async (tx) => {
    await lockOpen(tx, input.stocktakeId);
    const rows = input.lines.map((l) => ({ id: l.lineId, n: l.counted, u: l.unitCost }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx.execute(sql`
        UPDATE stocktake_lines SET counted = v.n, unit_cost = v.u
        FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) AS v(id uuid, n int, u bigint)
        WHERE stocktake_lines.id = v.id AND stocktake_lines.stocktake_id = ${input.stocktakeId}`);
  });
}

/** Adds a product line by SKU (uncounted, expected = on hand now). */
export async function addStocktakeLine(db: Db | Tx, input: { stocktakeId: string; sku: string; binId: string | null }) {
  return db.transaction(async (tx) => {
    const doc = await lockOpen(tx, input.stocktakeId);
    // The form's field is `sku`, not the line cell `sku.0` resolveSkus names; anything but a
    // domain refusal (a database failure) passes on untouched, to be logged, never shown.
    const [product] = await resolveSkus(tx, [{ index: 0, sku: input.sku }]).catch((e: unknown) => {
      if (isDomainError(e)) throw new DomainError(e.code, e.message, { sku: ['No product has this SKU.'] });
      throw e;
    });
    await assertPlaces(tx, [{ locationId: doc.locationId, binId: input.binId }], () => 'binId');
    const inserted = rowsOf<{ id: string }>(
      await tx.execute(sql`
        INSERT INTO stocktake_lines (stocktake_id, product_id, bin_id, expected)
        SELECT ${doc.id}, ${product.id}, ${input.binId}::uuid, coalesce((SELECT on_hand FROM stock_levels s
          WHERE s.product_id = ${product.id} AND s.location_id = ${doc.locationId} AND s.bin_id IS NOT DISTINCT FROM ${input.binId}::uuid), 0)
        ON CONFLICT ON CONSTRAINT stocktake_lines_key DO NOTHING
        RETURNING id`),
    );
    if (inserted.length === 0) throw new DomainError('DUPLICATE', `${product.sku} is already in this stocktake${input.binId ? ' for that bin' : ''}.`, { sku: ['Already in the stocktake.'] });
    return { lineId: inserted[0].id, sku: product.sku };
  });
}

type LineRow = {
  line_id: string; product_id: string; bin_id: string | null; sku: string; counted: number; on_hand: number;
  line_unit_cost: string | number | null; cost_quantity: number; average_cost: string | number; standard_cost: string | number | null;
};

/**
 * Completes a stocktake: each counted line sets on hand to its count (a valued movement of
 * counted − on hand now); uncounted lines change nothing. Added units need a cost (see
 * `costForAddition`); lines without one refuse the whole completion, each named in `unitCost.<lineId>`.
 */
export async function completeStocktake(db: Db | Tx, id: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const doc = await transitionStocktake(tx, id, 'In Progress', 'Completed', userId);
    // The ledger's lock order, so a concurrent adjustment waits for us instead of deadlocking, and
    // the on hand read below stays true until postMovements writes it.
    const counted = rowsOf<{ product_id: string; bin_id: string | null }>(
      await tx.execute(sql`SELECT product_id, bin_id FROM stocktake_lines WHERE stocktake_id = ${id} AND counted IS NOT NULL`),
    );
    await lockStock(tx, counted.map((c) => ({ productId: c.product_id, locationId: doc.locationId, binId: c.bin_id })));
    const rows = rowsOf<LineRow>(
      await tx.execute(sql`
        SELECT l.id AS line_id, l.product_id, l.bin_id, p.sku, l.counted, s.on_hand, l.unit_cost AS line_unit_cost,
               pc.quantity AS cost_quantity, pc.average_cost, p.unit_cost AS standard_cost
        FROM stocktake_lines l
        JOIN products p ON p.id = l.product_id
        JOIN product_costs pc ON pc.product_id = l.product_id
        JOIN stock_levels s ON s.product_id = l.product_id AND s.location_id = ${doc.locationId} AND s.bin_id IS NOT DISTINCT FROM l.bin_id
        WHERE l.stocktake_id = ${id} AND l.counted IS NOT NULL
        ORDER BY p.sku`),
    );
    const num = (v: string | number | null) => (v === null ? null : Number(v));
    const lines: CountedLine[] = rows.map((r) => ({
      lineId: r.line_id, productId: r.product_id, binId: r.bin_id, sku: r.sku, counted: Number(r.counted), onHand: Number(r.on_hand),
      lineUnitCost: num(r.line_unit_cost), costQuantity: Number(r.cost_quantity), averageCost: Number(r.average_cost), standardCost: num(r.standard_cost),
    }));
    const { movements, missingCost } = planCompletion(lines);
    if (missingCost.length > 0)
      throw new DomainError(
        'INVALID_INPUT',
        `Enter a unit cost for ${missingCost.length === 1 ? missingCost[0].sku : `${missingCost.length} lines (${missingCost.slice(0, 5).map((l) => l.sku).join(', ')}${missingCost.length > 5 ? ', …' : ''})`}: the company holds none of ${missingCost.length === 1 ? 'it' : 'them'} and there is no standard cost.`,
        Object.fromEntries(missingCost.map((l) => [`unitCost.${l.lineId}`, ['Enter a unit cost.']])),
      );
    await postMovements(
      tx,
      movements.map((m, i) => ({
        productId: m.productId, locationId: doc.locationId, binId: m.binId, quantity: m.quantity, valued: true, unitCost: m.unitCost,
        sourceType: 'stocktake' as const, sourceId: id, sourceLine: i + 1, field: `counted.${m.lineId}`,
      })),
      userId,
    );
    return { ...doc, posted: movements.length };
  });
}

/** Voids an In Progress stocktake; nothing was posted, so nothing is reversed. */
export async function voidStocktake(db: Db | Tx, id: string) {
  return db.transaction((tx) => transitionStocktake(tx, id, 'In Progress', 'Voided'));
}
