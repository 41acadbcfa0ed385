import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { listLocations } from '@/lib/reference/locations';
import { listStockOnHand } from '@/lib/stock/stock-on-hand';
import { COST_SCALE, formatDecimal } from '@/lib/money';
import { CursorParam, Limit, listOf } from './common';

export const ApiLocation = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Set for an FBA warehouse (an external fulfilment location): no bins, stock kept in step with Amazon. */
  fbaConnectionId: z.uuid().nullable(),
  onHand: z.number().int(),
  bins: z.array(z.object({ id: z.uuid(), name: z.string(), onHand: z.number().int() })),
});
export const LocationList = z.object({ data: z.array(ApiLocation) });

export async function locationList(db: Db | Tx): Promise<z.infer<typeof LocationList>> {
  const rows = await listLocations(db);
  return { data: rows.map((l) => ({ id: l.id, name: l.name, fbaConnectionId: l.externalConnectionId, onHand: l.onHand, bins: l.bins })) };
}

export const StockQuery = z.object({
  productId: z.uuid('productId is a product’s id.').optional(),
  locationId: z.uuid('locationId is a location’s id.').optional(),
  q: z.string().max(200, 'q is at most 200 characters.').optional().describe('Words of the SKU or name.'),
  cursor: CursorParam,
  limit: Limit,
});

export const ApiStockLevel = z.object({
  productId: z.uuid(),
  sku: z.string(),
  name: z.string(),
  locationId: z.uuid(),
  location: z.string(),
  binId: z.uuid().nullable(),
  bin: z.string().nullable(),
  onHand: z.number().int(),
  allocated: z.number().int(),
  available: z.number().int(),
  averageCost: z.string().describe('Moving average unit cost, decimal text at 4 places.'),
});
export const StockList = listOf(ApiStockLevel);

/** Stock on hand per product, location and bin (rows holding or allocating nothing left out). */
export async function stockList(db: Db | Tx, q: z.output<typeof StockQuery>): Promise<z.infer<typeof StockList>> {
  const page = await listStockOnHand(db, { q: q.q?.trim() || undefined, productId: q.productId, locationId: q.locationId, after: q.cursor, limit: q.limit });
  return {
    data: page.rows.map((r) => ({
      productId: r.productId,
      sku: r.sku,
      name: r.name,
      locationId: r.locationId,
      location: r.location,
      binId: r.binId,
      bin: r.bin,
      onHand: r.onHand,
      allocated: r.allocated,
      available: r.available,
      averageCost: formatDecimal(r.averageCost, COST_SCALE),
    })),
    nextCursor: page.next,
  };
}
