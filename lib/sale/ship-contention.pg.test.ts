import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { fulfilmentOrders, outbox, stockLevels } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { createTestDb } from '@/test/db';
import { runContention, setupContention } from './testing/ship-contention';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

// The issue asks for 200 concurrent Ship authorisations competing for 100 units. Here the units are
// taken when the order is authorised (allocation, then Automatic Pick), so the 200 compete on that
// step; the 100 winners then authorise Ship concurrently and each makes one fulfilment order.
describe('200 sales competing for 100 units at an FBA location (PostgreSQL row locks)', () => {
  it('exactly 100 get their unit, nothing is oversold, and 100 fulfilment orders are queued for Amazon', async () => {
    const { saleIds, productId, locationId } = await setupContention(db, { sales: 200, units: 100 });
    const r = await runContention(db, saleIds);
    expect(r.won).toHaveLength(100);
    const refused = r.orders.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(100);
    for (const f of refused) {
      expect(f.reason).toBeInstanceOf(DomainError);
      expect(f.reason.code).toBe('INSUFFICIENT_STOCK');
    }
    expect(r.ships.filter((s) => s.status === 'fulfilled')).toHaveLength(100);
    const [level] = await db.select().from(stockLevels).where(eq(stockLevels.productId, productId));
    expect([level.locationId, level.onHand, level.allocated]).toEqual([locationId, 0, 0]);
    const [sum] = rowsOf<{ n: number }>(await db.execute(sql`SELECT coalesce(sum(quantity), 0)::int AS n FROM stock_ledger WHERE product_id = ${productId}`));
    expect(Number(sum.n)).toBe(0);
    const fos = await db.select({ id: fulfilmentOrders.id, number: fulfilmentOrders.number }).from(fulfilmentOrders).where(inArray(fulfilmentOrders.saleId, r.won));
    expect(fos).toHaveLength(100);
    expect(new Set(fos.map((f) => f.number)).size).toBe(100);
    expect(await db.$count(outbox, inArray(outbox.subjectId, fos.map((f) => f.id)))).toBe(100);
  }, 120_000);
});
