import { and, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, locations, productCosts, products, stockLevels, stocktakeLineCounts, stocktakeLines, stocktakes, users } from '@/db/schema';
import { formatUtcDateTime } from '@/lib/format/date';
import { toPage, type Cursor, type ListParams } from '@/lib/paging';
import { keyset } from '@/lib/paging-sql';

/**
 * The lines Complete refuses: their count adds units and there is no typed cost, none of the
 * product held (so no average) and no standard cost. Matches `costForAddition` in completion.ts.
 */
const needsCostSql = sql`${stocktakeLines.counted} > coalesce(${stockLevels.onHand}, 0) AND ${stocktakeLines.unitCost} IS NULL
  AND coalesce(${productCosts.quantity}, 0) <= 0 AND ${products.unitCost} IS NULL`;

/** One page of stocktakes with location, counts of lines, in one query (keyset by number). */
export async function listStocktakes(db: Db | Tx, params: ListParams<'number'>) {
  const limit = params.limit ?? 50;
  const page = keyset(stocktakes.number, stocktakes.id, params.dir, params.after);
  const rows = await db
    .select({
      id: stocktakes.id,
      number: stocktakes.number,
      status: stocktakes.status,
      location: locations.name,
      startedAt: stocktakes.startedAt,
      completedAt: stocktakes.completedAt,
      autoSync: stocktakes.autoSync,
      needsAttention: stocktakes.needsAttention,
      lines: sql<number>`coalesce(${stocktakeLineCounts.lines}, 0)`,
    })
    .from(stocktakes)
    .innerJoin(locations, eq(locations.id, stocktakes.locationId))
    .leftJoin(stocktakeLineCounts, eq(stocktakeLineCounts.stocktakeId, stocktakes.id))
    .where(and(params.q ? or(ilike(stocktakes.number, `%${params.q}%`), ilike(locations.name, `%${params.q}%`)) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return toPage(rows.map((r) => ({ ...r, lines: Number(r.lines) })), limit, (r) => r.number);
}

export async function getStocktake(db: Db | Tx, id: string) {
  const [doc] = await db
    .select({
      id: stocktakes.id,
      number: stocktakes.number,
      status: stocktakes.status,
      locationId: stocktakes.locationId,
      location: locations.name,
      external: sql<boolean>`${locations.externalConnectionId} IS NOT NULL`,
      startedAt: stocktakes.startedAt,
      completedAt: stocktakes.completedAt,
      /** The name of who completed it; null for Auto-Sync (and stocktakes completed before this was recorded). */
      completedBy: users.name,
      autoSync: stocktakes.autoSync,
      needsAttention: stocktakes.needsAttention,
      syncedAt: stocktakes.syncedAt,
      // Kept by the database as lines are written (stocktake_line_counts): one row, not a count of
      // a 50,000-line stocktake's lines on every load.
      lines: sql<number>`coalesce(${stocktakeLineCounts.lines}, 0)`,
      counted: sql<number>`coalesce(${stocktakeLineCounts.counted}, 0)`,
    })
    .from(stocktakes)
    .innerJoin(locations, eq(locations.id, stocktakes.locationId))
    .leftJoin(users, eq(users.id, stocktakes.completedBy))
    .leftJoin(stocktakeLineCounts, eq(stocktakeLineCounts.stocktakeId, stocktakes.id))
    .where(eq(stocktakes.id, id));
  return doc ? { ...doc, external: Boolean(doc.external), lines: Number(doc.lines), counted: Number(doc.counted) } : null;
}

/**
 * What the stocktake page says about a closed stocktake: "Completed on 2025-05-01 14:03 UTC by
 * Dana Counter." Null while it is In Progress. No time or person is recorded for a void.
 */
export function describeClosing(doc: { status: string; completedAt: Date | null; completedBy: string | null; autoSync: boolean }): string | null {
  if (doc.status === 'Voided') return 'Voided: nothing was posted.';
  if (doc.status !== 'Completed') return null;
  const by = doc.completedBy ?? (doc.autoSync ? 'Auto-Sync Stock with FBA' : null);
  return `Completed${doc.completedAt ? ` on ${formatUtcDateTime(doc.completedAt)}` : ''}${by ? ` by ${by}` : ''}.`;
}

/**
 * Lines per page of a stocktake's count sheet. 100, not more: each line is a row of inputs, and
 * the sheet is filled on phones and handhelds in the aisle; at 200 a page it was the heaviest
 * screen to render (188 KB, 38 ms of server CPU), which under 8 clients on 2 cores missed 150 ms.
 */
export const STOCKTAKE_LINES_PAGE = 100;

/**
 * One page of a stocktake's lines by SKU (a big location has thousands), with on hand now and
 * whether the line's count would add units nobody can cost yet, in one query.
 */
export async function listStocktakeLines(db: Db | Tx, stocktakeId: string, opts: { after: Cursor | null; q?: string; needsCost?: boolean; limit?: number }) {
  const limit = opts.limit ?? STOCKTAKE_LINES_PAGE;
  const page = keyset(products.sku, stocktakeLines.id, 'asc', opts.after);
  const rows = await db
    .select({
      id: stocktakeLines.id,
      productId: stocktakeLines.productId,
      sku: products.sku,
      name: products.name,
      bin: bins.name,
      expected: stocktakeLines.expected,
      counted: stocktakeLines.counted,
      unitCost: stocktakeLines.unitCost,
      onHand: sql<number>`coalesce(${stockLevels.onHand}, 0)`,
      needsCost: sql<boolean>`(${needsCostSql})`,
    })
    .from(stocktakeLines)
    .innerJoin(stocktakes, eq(stocktakes.id, stocktakeLines.stocktakeId))
    .innerJoin(products, eq(products.id, stocktakeLines.productId))
    .leftJoin(bins, eq(bins.id, stocktakeLines.binId))
    .leftJoin(productCosts, eq(productCosts.productId, stocktakeLines.productId))
    .leftJoin(
      stockLevels,
      and(eq(stockLevels.productId, stocktakeLines.productId), eq(stockLevels.locationId, stocktakes.locationId), sql`${stockLevels.binId} IS NOT DISTINCT FROM ${stocktakeLines.binId}`),
    )
    .where(
      and(
        eq(stocktakeLines.stocktakeId, stocktakeId),
        opts.q ? or(ilike(products.sku, `%${opts.q}%`), ilike(products.name, `%${opts.q}%`)) : undefined,
        opts.needsCost ? needsCostSql : undefined,
        page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, onHand: Number(r.onHand), needsCost: Boolean(r.needsCost) })),
    limit,
    (r) => r.sku,
  );
}

/** Locations for the Start select, marking those with a stocktake in progress. */
export async function listStocktakeLocations(db: Db | Tx) {
  const rows = await db
    .select({
      id: locations.id,
      name: locations.name,
      // Literal outer column: in a one-table select Drizzle leaves columns unqualified.
      busy: sql<boolean>`EXISTS (SELECT 1 FROM ${stocktakes} st WHERE st.location_id = "locations"."id" AND st.status = 'In Progress')`,
    })
    .from(locations)
    .orderBy(sql`lower(${locations.name})`);
  return rows.map((r) => ({ ...r, busy: Boolean(r.busy) }));
}

function selectLinesNeedingCost(db: Db | Tx, stocktakeId: string) {
  return db
    .select({ lineId: stocktakeLines.id, productId: stocktakeLines.productId, sku: products.sku })
    .from(stocktakeLines)
    .innerJoin(stocktakes, eq(stocktakes.id, stocktakeLines.stocktakeId))
    .innerJoin(products, eq(products.id, stocktakeLines.productId))
    .leftJoin(productCosts, eq(productCosts.productId, stocktakeLines.productId))
    .leftJoin(
      stockLevels,
      and(eq(stockLevels.productId, stocktakeLines.productId), eq(stockLevels.locationId, stocktakes.locationId), sql`${stockLevels.binId} IS NOT DISTINCT FROM ${stocktakeLines.binId}`),
    )
    .where(and(eq(stocktakeLines.stocktakeId, stocktakeId), needsCostSql));
}

/**
 * Counted lines that would add units nobody can cost yet: what Complete refuses. For auto-sync,
 * which leaves such a stocktake open and flags it for a person.
 */
export async function findLinesNeedingCost(db: Db | Tx, stocktakeId: string) {
  return selectLinesNeedingCost(db, stocktakeId).orderBy(products.sku);
}

/** How many lines need a unit cost (the Sync summary and the auto-sync flag). */
export async function countLinesNeedingCost(db: Db | Tx, stocktakeId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(selectLinesNeedingCost(db, stocktakeId).as('needing_cost'));
  return Number(row?.n ?? 0);
}
