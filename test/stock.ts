import { and, eq, isNull, sql } from 'drizzle-orm';
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
