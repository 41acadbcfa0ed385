import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { productCosts, stockAdjustments, stockLedger } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { onHand } from '@/test/stock';
import { createAdjustment, getAdjustment, listAdjustments, voidAdjustment } from './adjustments';
import { createTransfer, shipTransfer } from './transfers';

let db: Db;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

describe('stock adjustments', () => {
  it('adds and removes stock, valuing additions at their cost and removals at the average', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    const add = await createAdjustment(db, { reason: 'Opening stock', lines: [{ sku: p.sku.toLowerCase(), locationId: loc.id, binId: null, quantity: 10, unitCost: 20_000 }] }, userId);
    expect(add.number).toMatch(/^ADJ-\d{5}$/);
    await createAdjustment(db, { reason: 'More', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: 10, unitCost: 40_000 }] }, userId);
    await createAdjustment(db, { reason: 'Damaged', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: -5, unitCost: null }] }, userId);
    expect(await onHand(db, p.id, loc.id)).toBe(15);
    const [cost] = await db.select().from(productCosts).where(eq(productCosts.productId, p.id));
    expect(cost).toMatchObject({ quantity: 15, averageCost: 30_000 });
    const view = await getAdjustment(db, add.id);
    expect(view?.lines).toEqual([expect.objectContaining({ sku: p.sku, quantity: 10, unitCost: 20_000, location: loc.name, bin: null })]);
  });

  it('refuses a removal that would go negative, naming the SKU and location, and writes nothing', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    const q = await makeProduct(db);
    await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: 2, unitCost: 100 }] }, userId);
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(stockAdjustments);
    const attempt = createAdjustment(
      db,
      { reason: 'Out', lines: [{ sku: q.sku, locationId: loc.id, binId: null, quantity: 4, unitCost: 100 }, { sku: p.sku, locationId: loc.id, binId: null, quantity: -3, unitCost: null }] },
      userId,
    );
    await expect(attempt).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', message: `Not enough stock of ${p.sku} at ${loc.name}: 2 available, 3 needed.` });
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(stockAdjustments)).toEqual(before);
    expect(await onHand(db, q.id, loc.id)).toBe(0);
    expect(await onHand(db, p.id, loc.id)).toBe(2);
  });

  it('requires a bin where the location has bins, a cost for additions, and known SKUs', async () => {
    const loc = await makeLocation(db);
    const bin = await makeBin(db, loc.id);
    const other = await makeLocation(db);
    const otherBin = await makeBin(db, other.id);
    const p = await makeProduct(db);
    const line = { sku: p.sku, locationId: loc.id, binId: null, quantity: 1, unitCost: 1 };
    await expect(createAdjustment(db, { reason: 'x', lines: [line] }, userId)).rejects.toMatchObject({ fieldErrors: { 'place.0': ['This location has bins: choose one.'] } });
    await expect(createAdjustment(db, { reason: 'x', lines: [{ ...line, binId: otherBin.id }] }, userId)).rejects.toMatchObject({ fieldErrors: { 'place.0': ['That bin is not in this location.'] } });
    await expect(createAdjustment(db, { reason: 'x', lines: [{ ...line, binId: bin.id, unitCost: null }] }, userId)).rejects.toMatchObject({ fieldErrors: { 'unitCost.0': [expect.any(String)] } });
    await expect(createAdjustment(db, { reason: 'x', lines: [{ ...line, binId: bin.id, index: 3, sku: 'NOPE-1' }] }, userId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      fieldErrors: { 'sku.3': ['No product has this SKU.'] },
    });
    await createAdjustment(db, { reason: 'x', lines: [{ ...line, binId: bin.id }] }, userId);
    expect(await onHand(db, p.id, loc.id, bin.id)).toBe(1);
  });

  it('voids by posting reverse entries, once', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    const adj = await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: 6, unitCost: 5_000 }] }, userId);
    await voidAdjustment(db, adj.id, userId);
    expect(await onHand(db, p.id, loc.id)).toBe(0);
    const entries = await db.select().from(stockLedger).where(eq(stockLedger.sourceId, adj.id)).orderBy(stockLedger.id);
    expect(entries.map((e) => [e.quantity, e.reversesId])).toEqual([
      [6, null],
      [-6, entries[0].id],
    ]);
    expect((await getAdjustment(db, adj.id))?.status).toBe('Voided');
    await expect(voidAdjustment(db, adj.id, userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refuses to void when the added stock has since left, and changes nothing', async () => {
    const loc = await makeLocation(db);
    const to = await makeLocation(db);
    const p = await makeProduct(db);
    const adj = await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: 3, unitCost: 5_000 }] }, userId);
    const tr = await createTransfer(db, { from: { locationId: loc.id, binId: null }, to: { locationId: to.id, binId: null }, lines: [{ sku: p.sku, quantity: 2 }] }, userId);
    await shipTransfer(db, tr.id, userId);
    await expect(voidAdjustment(db, adj.id, userId)).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', message: expect.stringContaining(`${adj.number} cannot be voided`) });
    expect((await getAdjustment(db, adj.id))?.status).toBe('Completed');
    expect(await onHand(db, p.id, loc.id)).toBe(1);
  });

  it('lists adjustments newest first with line counts, a page at a time', async () => {
    const first = await listAdjustments(db, { sort: 'number', dir: 'desc', after: null, limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.rows[0].number > first.rows[1].number).toBe(true);
    expect(first.next).not.toBeNull();
    const { decodeCursor } = await import('@/lib/paging');
    const second = await listAdjustments(db, { sort: 'number', dir: 'desc', after: decodeCursor(first.next), limit: 2 });
    expect(second.rows[0].number < first.rows[1].number).toBe(true);
    expect(first.rows.every((r) => r.lines >= 1)).toBe(true);
  });
});
