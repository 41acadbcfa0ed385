import { and, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, locations, products, stockAdjustmentLines, stockAdjustments } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { toPage, type ListParams } from '@/lib/paging';
import { keyset } from '@/lib/paging-sql';
import { nextNumber } from '@/lib/reference/numbers';
import { moneyProblem, quantityProblem } from '@/lib/validation/numbers';
import { adjustmentStatus, type AdjustmentStatus } from './adjustment-status';
import { postMovements, reverseSource } from './ledger';
import { assertPlaces } from './places';
import { resolveSkus } from './product-lookup';

export type AdjustmentLine = {
  /** Position in the form, so refusals can name the cell; defaults to the array index. */
  index?: number;
  sku: string;
  locationId: string;
  binId: string | null;
  /** Signed: positive adds stock, negative removes it. */
  quantity: number;
  /** Scale 4; required for additions, ignored for removals (they leave at the average cost). */
  unitCost: number | null;
};

/**
 * Creates and posts a stock adjustment in one transaction: SKUs resolved in one query, places
 * checked, movements posted through the ledger. A removal that would go negative makes the ledger
 * throw INSUFFICIENT_STOCK naming the SKU and location, and nothing is written.
 */
export async function createAdjustment(db: Db | Tx, input: { reason: string; lines: AdjustmentLine[]; transferId?: string | null }, userId: string | null) {
  const lines = input.lines.map((l, i) => ({ ...l, index: l.index ?? i }));
  if (lines.length === 0) throw new DomainError('INVALID_INPUT', 'Add at least one line.', { 'sku.0': ['Add at least one line.'] });
  const noCost = lines.filter((l) => l.quantity > 0 && l.unitCost === null);
  if (noCost.length > 0)
    throw new DomainError('INVALID_INPUT', 'A unit cost is needed to add stock.', Object.fromEntries(noCost.map((l) => [`unitCost.${l.index}`, ['A unit cost is needed to add stock.']])));
  // The form's schema already says this; callers without a form (imports, the API) get the same limits.
  const problems: Record<string, string[]> = {};
  for (const l of lines) {
    const q = quantityProblem(l.quantity, 'nonZero', 'Enter a whole number: positive adds, negative removes.');
    if (q) problems[`quantity.${l.index}`] = [q];
    const c = l.unitCost === null ? null : moneyProblem(l.unitCost, 'cost');
    if (c) problems[`unitCost.${l.index}`] = [c];
  }
  if (Object.keys(problems).length > 0) throw new DomainError('INVALID_INPUT', 'Check the highlighted fields.', problems);
  return db.transaction(async (tx) => {
    const found = await resolveSkus(tx, lines);
    await assertPlaces(tx, lines, (i) => `place.${lines[i].index}`);
    const number = await nextNumber(tx, 'ADJ');
    const [doc] = await tx.insert(stockAdjustments).values({ number, reason: input.reason.trim(), transferId: input.transferId ?? null, userId }).returning();
    const rows = lines.map((l, i) => ({
      adjustmentId: doc.id,
      lineNo: i + 1,
      productId: found[i].id,
      locationId: l.locationId,
      binId: l.binId,
      quantity: l.quantity,
      unitCost: l.quantity > 0 ? l.unitCost : null,
    }));
    await tx.insert(stockAdjustmentLines).values(rows);
    await postMovements(
      tx,
      rows.map((r) => ({
        productId: r.productId,
        locationId: r.locationId,
        binId: r.binId,
        quantity: r.quantity,
        valued: true,
        unitCost: r.unitCost ?? undefined,
        sourceType: 'adjustment' as const,
        sourceId: doc.id,
        sourceLine: r.lineNo,
        field: `quantity.${lines[r.lineNo - 1].index}`,
      })),
      userId,
    );
    return doc;
  });
}

/** The only write of an adjustment's status: a compare-and-set through its table, in the caller's transaction. */
function transitionAdjustment(tx: Tx, id: string, from: AdjustmentStatus, to: AdjustmentStatus) {
  return adjustmentStatus.write(from, to, {
    update: async () =>
      (
        await tx
          .update(stockAdjustments)
          .set({ status: to, voidedAt: to === 'Voided' ? new Date() : undefined })
          .where(and(eq(stockAdjustments.id, id), eq(stockAdjustments.status, from)))
          .returning()
      )[0],
    current: async () => {
      const [row] = await tx.select({ number: stockAdjustments.number, status: stockAdjustments.status }).from(stockAdjustments).where(eq(stockAdjustments.id, id));
      return row && { label: `Adjustment ${row.number}`, status: row.status };
    },
  });
}

/**
 * Voids an adjustment by posting the reverse of its entries. If the added stock has since left
 * (sold, transferred, counted away), the reversal would go negative and the void is refused.
 */
export async function voidAdjustment(db: Db | Tx, id: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const doc = await transitionAdjustment(tx, id, 'Completed', 'Voided');
    try {
      await reverseSource(tx, 'adjustment', id, userId);
    } catch (e) {
      if (isDomainError(e) && e.code === 'INSUFFICIENT_STOCK')
        throw new DomainError('INSUFFICIENT_STOCK', `Adjustment ${doc.number} cannot be voided because the stock it added has since left. ${e.message}`);
      throw e;
    }
    return doc;
  });
}

export const ADJUSTMENT_SORTS = ['number'] as const;
export type AdjustmentSort = (typeof ADJUSTMENT_SORTS)[number];

/**
 * One page of adjustments with their line counts, in one query (keyset paging). Sorted by number:
 * numbers are handed out in commit order and zero-padded, so they sort as created.
 */
export async function listAdjustments(db: Db | Tx, params: ListParams<AdjustmentSort>) {
  const limit = params.limit ?? 50;
  const page = keyset(stockAdjustments.number, stockAdjustments.id, params.dir, params.after);
  const search = params.q ? or(ilike(stockAdjustments.number, `%${params.q}%`), ilike(stockAdjustments.reason, `%${params.q}%`)) : undefined;
  const rows = await db
    .select({
      id: stockAdjustments.id,
      number: stockAdjustments.number,
      reason: stockAdjustments.reason,
      status: stockAdjustments.status,
      createdAt: stockAdjustments.createdAt,
      lines: sql<number>`(SELECT count(*) FROM ${stockAdjustmentLines} l WHERE l.adjustment_id = "stock_adjustments"."id")::int`,
    })
    .from(stockAdjustments)
    .where(and(search, page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, lines: Number(r.lines) })),
    limit,
    (r) => r.number,
  );
}

/** An adjustment with its lines (SKU, name, location, bin), in one query. */
export async function getAdjustment(db: Db | Tx, id: string) {
  const [doc] = await db.select().from(stockAdjustments).where(eq(stockAdjustments.id, id));
  if (!doc) return null;
  const lines = await db
    .select({
      lineNo: stockAdjustmentLines.lineNo,
      sku: products.sku,
      name: products.name,
      location: locations.name,
      bin: bins.name,
      quantity: stockAdjustmentLines.quantity,
      unitCost: stockAdjustmentLines.unitCost,
    })
    .from(stockAdjustmentLines)
    .innerJoin(products, eq(products.id, stockAdjustmentLines.productId))
    .innerJoin(locations, eq(locations.id, stockAdjustmentLines.locationId))
    .leftJoin(bins, eq(bins.id, stockAdjustmentLines.binId))
    .where(eq(stockAdjustmentLines.adjustmentId, id))
    .orderBy(stockAdjustmentLines.lineNo);
  return { ...doc, lines };
}
