import { and, eq, ilike, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, locations, productCosts, products, stockLevels } from '@/db/schema';
import { toPage, type Cursor } from '@/lib/paging';
import { keyset } from '@/lib/paging-sql';

export type StockOnHandParams = { q?: string; locationId?: string; productId?: string; after: Cursor | null; limit?: number };

export type StockOnHandRow = {
  id: string;
  productId: string;
  locationId: string;
  binId: string | null;
  sku: string;
  name: string;
  location: string;
  bin: string | null;
  onHand: number;
  allocated: number;
  available: number;
  /** Scale 4. */
  averageCost: number;
  /**
   * On hand × average cost, scale 4, computed by PostgreSQL in numeric: up to 2,147,483,647 ×
   * 9,007,199,254,740,991 passes both a JS number's exact range and a bigint column, so it is a
   * bigint here and is formatted as one (formatCost), never through a float.
   */
  value: bigint;
};

/**
 * Stock on hand per product × location × bin, one page in one query (keyset on SKU, then the
 * level's id). Rows where nothing is held or allocated are left out. Search matches SKU or name.
 */
export async function listStockOnHand(db: Db | Tx, params: StockOnHandParams) {
  const limit = params.limit ?? 50;
  const page = keyset(products.sku, stockLevels.id, 'asc', params.after);
  const search = params.q ? or(ilike(products.sku, `%${params.q}%`), ilike(products.name, `%${params.q}%`)) : undefined;
  const rows = await db
    .select({
      id: stockLevels.id,
      productId: stockLevels.productId,
      locationId: stockLevels.locationId,
      binId: stockLevels.binId,
      sku: products.sku,
      name: products.name,
      location: locations.name,
      bin: bins.name,
      onHand: stockLevels.onHand,
      allocated: stockLevels.allocated,
      averageCost: sql<string>`coalesce(${productCosts.averageCost}, 0)::text`,
      value: sql<string>`(${stockLevels.onHand}::numeric * coalesce(${productCosts.averageCost}, 0))::text`,
    })
    .from(stockLevels)
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .innerJoin(locations, eq(locations.id, stockLevels.locationId))
    .leftJoin(bins, eq(bins.id, stockLevels.binId))
    .leftJoin(productCosts, eq(productCosts.productId, stockLevels.productId))
    .where(
      and(
        or(ne(stockLevels.onHand, 0), ne(stockLevels.allocated, 0)),
        params.locationId ? eq(stockLevels.locationId, params.locationId) : undefined,
        params.productId ? eq(stockLevels.productId, params.productId) : undefined,
        search,
        page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return toPage<StockOnHandRow>(
    rows.map((r) => ({ ...r, available: r.onHand - r.allocated, averageCost: Number(r.averageCost), value: BigInt(r.value) })),
    limit,
    (r) => r.sku,
  );
}
