import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { stockLevels } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct } from '@/test/fixtures';
import { completeStocktake, startStocktake, applyCounts } from '@/lib/stocktake/stocktake';
import { createAdjustment } from './adjustments';
import { rowsOf } from '@/db/driver';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

describe('concurrent removals (PostgreSQL row locks)', () => {
  it('50 concurrent removals of 1 from a level holding 20: exactly 20 succeed', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    await createAdjustment(db, { reason: 'Opening', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: 20, unitCost: 10_000 }] }, null);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => createAdjustment(db, { reason: `Sale ${i}`, lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: -1, unitCost: null }] }, null)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(20);
    expect(failed).toHaveLength(30);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(DomainError);
      expect(f.reason.code).toBe('INSUFFICIENT_STOCK');
    }
    const [level] = await db.select().from(stockLevels).where(eq(stockLevels.productId, p.id));
    expect(level.onHand).toBe(0);
    const [sum] = rowsOf<{ n: number }>(await db.execute(sql`SELECT coalesce(sum(quantity), 0)::int AS n FROM stock_ledger WHERE product_id = ${p.id}`));
    expect(Number(sum.n)).toBe(0);
  });

  it('10 concurrent starts of a stocktake at one location: exactly one succeeds', async () => {
    const loc = await makeLocation(db);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => startStocktake(db, { locationId: loc.id }, null)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('IN_USE');
  });

  it('a stocktake completing while adjustments post at two locations neither deadlocks nor loses a unit', async () => {
    const [a, b] = [await makeLocation(db), await makeLocation(db)];
    const ps = [await makeProduct(db), await makeProduct(db), await makeProduct(db)];
    await createAdjustment(db, { reason: 'In', lines: ps.flatMap((p) => [a, b].map((l) => ({ sku: p.sku, locationId: l.id, binId: null, quantity: 50, unitCost: 1_000 }))) }, null);
    const st = await startStocktake(db, { locationId: a.id }, null);
    await db.transaction((tx) => applyCounts(tx, st.id, ps.map((p) => ({ productId: p.id, counted: 40 }))));
    // Lines in an order that differs from the stocktake's lock order (other location first, products reversed).
    const moves = Array.from({ length: 20 }, (_, i) =>
      createAdjustment(db, { reason: `Mix ${i}`, lines: [...ps].reverse().flatMap((p) => [b, a].map((l) => ({ sku: p.sku, locationId: l.id, binId: null, quantity: -1, unitCost: null }))) }, null),
    );
    const results = await Promise.allSettled([completeStocktake(db, st.id, null), ...moves]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason?.message)).toEqual([]);
    const [bad] = rowsOf<{ n: number }>(
      await db.execute(sql`SELECT count(*)::int AS n FROM stock_levels s WHERE s.on_hand <> (SELECT coalesce(sum(quantity), 0) FROM stock_ledger l
        WHERE l.product_id = s.product_id AND l.location_id = s.location_id AND l.bin_id IS NOT DISTINCT FROM s.bin_id)`),
    );
    expect(Number(bad.n)).toBe(0);
  });
});
