import { and, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/driver';
import { expect } from 'vitest';
import type { Db } from '@/db';
import { stockLedger, stockLevels } from '@/db/schema';

/**
 * On hand of a product at one place (a location without a bin, or one bin), as the stock-level
 * cache holds it — checked against the ledger on every read, since the two must always agree.
 */
export async function onHand(db: Db, productId: string, locationId: string, binId: string | null = null): Promise<number> {
  const at = <T extends typeof stockLevels | typeof stockLedger>(t: T) =>
    and(eq(t.productId, productId), eq(t.locationId, locationId), binId === null ? isNull(t.binId) : eq(t.binId, binId));
  const [level] = await db.select({ n: sql<string>`coalesce(sum(${stockLevels.onHand}), 0)` }).from(stockLevels).where(at(stockLevels));
  const [ledger] = await db.select({ n: sql<string>`coalesce(sum(${stockLedger.quantity}), 0)` }).from(stockLedger).where(at(stockLedger));
  expect(Number(level.n), 'on hand equals the sum of the ledger').toBe(Number(ledger.n));
  return Number(level.n);
}

/**
 * The stock ledger against the cached levels and costs, over the whole database: each level equals
 * the sum of its entries (and is never negative), no entries exist without a level, and each
 * product's costed quantity equals its entries plus what is in transit. Empty when all hold.
 */
export async function ledgerInvariantProblems(db: Db): Promise<string[]> {
  const rows = await db.execute(sql`
    WITH sums AS (SELECT product_id, location_id, bin_id, sum(quantity)::int AS q FROM stock_ledger GROUP BY 1, 2, 3)
    SELECT 'level ' || s.id || ' on hand ' || s.on_hand || ' ledger ' || coalesce(l.q, 0) AS problem
    FROM stock_levels s LEFT JOIN sums l ON l.product_id = s.product_id AND l.location_id = s.location_id AND l.bin_id IS NOT DISTINCT FROM s.bin_id
    WHERE s.on_hand <> coalesce(l.q, 0) OR s.on_hand < 0
    UNION ALL
    SELECT 'entries without level ' || l.product_id FROM sums l
    WHERE NOT EXISTS (SELECT 1 FROM stock_levels s WHERE s.product_id = l.product_id AND s.location_id = l.location_id AND s.bin_id IS NOT DISTINCT FROM l.bin_id)
    UNION ALL
    SELECT 'cost quantity ' || c.product_id || ': ' || c.quantity || ' vs ' || (coalesce(led.q, 0) + coalesce(tr.q, 0))
    FROM product_costs c
    LEFT JOIN (SELECT product_id, sum(quantity)::int AS q FROM stock_ledger GROUP BY 1) led ON led.product_id = c.product_id
    LEFT JOIN (SELECT tl.product_id, sum(tl.quantity)::int AS q FROM stock_transfer_lines tl JOIN stock_transfers t ON t.id = tl.transfer_id
               WHERE t.status = 'In Transit' GROUP BY 1) tr ON tr.product_id = c.product_id
    WHERE c.quantity <> coalesce(led.q, 0) + coalesce(tr.q, 0)`);
  return rowsOf<{ problem: string }>(rows).map((r) => r.problem);
}
