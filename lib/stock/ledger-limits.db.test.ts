import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { productCosts, stockAdjustments, stockLedger, stocktakeLines } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { formatCost } from '@/lib/money';
import { listLocations } from '@/lib/reference/locations';
import { applyCounts, completeStocktake, startStocktake } from '@/lib/stocktake/stocktake';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createAdjustment } from './adjustments';
import { rowsOf } from '@/db/driver';
import { listStockOnHand } from './stock-on-hand';
import { createTransfer } from './transfers';

/**
 * Issue 7, item 2: numbers past a column's range used to reach PostgreSQL ("value 2999999997 is
 * out of range", HTTP 500). The ledger refuses them first, naming the product and the limit.
 */
let db: Db;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

const MAX_LINE = 999_999_999;
const line = (sku: string, locationId: string, quantity: number, unitCost: number | null = 10_000) => ({ sku, locationId, binId: null, quantity, unitCost });

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

async function heldOf(productId: string) {
  const [row] = rowsOf<{ on_hand: string | number; entries: string | number }>(
    await db.execute(sql`SELECT coalesce((SELECT sum(on_hand) FROM stock_levels WHERE product_id = ${productId}), 0)::bigint AS on_hand,
      (SELECT count(*) FROM stock_ledger WHERE product_id = ${productId}) AS entries`),
  );
  return { onHand: Number(row.on_hand), entries: Number(row.entries) };
}

describe('numbers the database can hold', () => {
  it('three adjustment lines of 999,999,999 of one product: a message at the third line, nothing posted', async () => {
    const loc = await makeLocation(db, 'Limits WH');
    const p = await makeProduct(db, { sku: 'LIM-1' });
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(stockAdjustments);
    const e = await refusal(createAdjustment(db, { reason: 'Huge', lines: [0, 1, 2].map(() => line(p.sku, loc.id, MAX_LINE)) }, userId));
    expect(e.message).toBe('LIM-1 at Limits WH would hold 2,999,999,997 units; one product at one place holds at most 2,147,483,647. Nothing was posted.');
    expect(e.fieldErrors).toEqual({ 'quantity.2': ['Would make 2,999,999,997 here; at most 2,147,483,647.'] });
    expect(await heldOf(p.id)).toEqual({ onHand: 0, entries: 0 });
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(stockAdjustments)).toEqual(before);
  });

  it('refuses when the product in all places would pass the limit, naming the product', async () => {
    const a = await makeLocation(db);
    const b = await makeLocation(db);
    const p = await makeProduct(db, { sku: 'LIM-2' });
    await createAdjustment(db, { reason: 'In', lines: [line(p.sku, a.id, MAX_LINE), line(p.sku, a.id, MAX_LINE)] }, userId);
    const e = await refusal(createAdjustment(db, { reason: 'More', lines: [line(p.sku, b.id, 5), line(p.sku, b.id, MAX_LINE)] }, userId));
    expect(e.message).toBe('The company would hold 3,000,000,002 units of LIM-2 in all; at most 2,147,483,647 of one product can be held. Nothing was posted.');
    expect(e.fieldErrors).toEqual({ 'quantity.1': ['Would make 3,000,000,002 in all places; at most 2,147,483,647.'] });
    expect(await heldOf(p.id)).toMatchObject({ onHand: 2 * MAX_LINE });
  });

  it('a stocktake count that would pass the limit is refused at its counted cell; the stocktake stays open', async () => {
    const a = await makeLocation(db);
    const b = await makeLocation(db, 'Count WH');
    const p = await makeProduct(db, { sku: 'LIM-3' });
    await createAdjustment(db, { reason: 'In', lines: [line(p.sku, a.id, MAX_LINE), line(p.sku, a.id, MAX_LINE)] }, userId);
    const st = await startStocktake(db, { locationId: b.id }, userId);
    await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: p.id, counted: MAX_LINE, unitCost: 10_000 }]));
    const [ln] = await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, st.id));
    const e = await refusal(completeStocktake(db, st.id, userId));
    expect(e.message).toContain('The company would hold 2,999,999,997 units of LIM-3 in all');
    expect(e.fieldErrors).toEqual({ [`counted.${ln.id}`]: [expect.stringContaining('at most 2,147,483,647')] });
    expect(await heldOf(p.id)).toMatchObject({ onHand: 2 * MAX_LINE });
  });

  it('refuses counts and lines past 999,999,999 in the domain functions too, before writing', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    const adj = await refusal(createAdjustment(db, { reason: 'x', lines: [line(p.sku, loc.id, 3_000_000_000)] }, userId));
    expect(adj.fieldErrors).toEqual({ 'quantity.0': ['At most 999,999,999.'] });
    const cost = await refusal(createAdjustment(db, { reason: 'x', lines: [line(p.sku, loc.id, 1, 10 ** 16)] }, userId));
    expect(cost.fieldErrors).toEqual({ 'unitCost.0': ['A unit cost is at most 99,999,999,999.9999.'] });
    const tr = await refusal(createTransfer(db, { from: { locationId: loc.id, binId: null }, to: { locationId: (await makeLocation(db)).id, binId: null }, lines: [{ sku: p.sku, quantity: 2 ** 31 }] }, userId));
    expect(tr.fieldErrors).toEqual({ 'quantity.0': ['At most 999,999,999.'] });
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    const count = await refusal(db.transaction((tx) => applyCounts(tx, st.id, [{ productId: p.id, counted: 2 ** 31 }])));
    expect(count.message).toBe('A count is a whole number from 0 to 999,999,999, and a unit cost from 0 to 99,999,999,999.9999.');
  });

  it('stock on hand values 1,999,999,998 units at 99,999,999,999.9999 exactly, and locations sum past an integer', async () => {
    const loc = await makeLocation(db, 'Value WH');
    const p = await makeProduct(db, { sku: 'LIM-V' });
    const q = await makeProduct(db, { sku: 'LIM-W' });
    const maxCost = 999_999_999_999_999; // 99,999,999,999.9999 at scale 4
    await createAdjustment(db, { reason: 'In', lines: [line(p.sku, loc.id, MAX_LINE, maxCost), line(p.sku, loc.id, MAX_LINE, maxCost), line(q.sku, loc.id, MAX_LINE)] }, userId);
    const [cost] = await db.select().from(productCosts).where(eq(productCosts.productId, p.id));
    expect(cost).toMatchObject({ quantity: 2 * MAX_LINE, averageCost: maxCost });
    const [row] = (await listStockOnHand(db, { q: 'LIM-V', after: null })).rows;
    expect(row.value).toBe(1_999_999_998n * 999_999_999_999_999n);
    expect(formatCost(row.value)).toBe('199999999799999800000.0002');
    expect(formatCost(row.averageCost)).toBe('99999999999.9999');
    // 2,999,999,997 units at one location: more than an integer, summed without overflow.
    expect((await listLocations(db)).find((l) => l.id === loc.id)?.onHand).toBe(3 * MAX_LINE);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(stockLedger).where(eq(stockLedger.productId, p.id))).toEqual([{ n: 2 }]);
  });
});
