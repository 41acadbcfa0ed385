import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLineCountsAfterEach } from '@/test/crash-checks';
import type { Db } from '@/db';
import { stocktakeLines } from '@/db/schema';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createTestDb } from '@/test/db';
import { onHand } from '@/test/stock';
import { recordScan, recentScans, undoScan } from './scans';
import { completeStocktake, startStocktake } from './stocktake';

let db: Db;

checkLineCountsAfterEach(() => db);
let userId: string;
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

async function setup() {
  const loc = await makeLocation(db);
  const [a1, a2] = [await makeBin(db, loc.id, 'A-01'), await makeBin(db, loc.id, 'A-02')];
  const p = await makeProduct(db, { sku: `SCAN-${uniq()}`, barcode: `0${Date.now()}`.slice(0, 13) });
  await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: loc.id, binId: a1.id, quantity: 5, unitCost: 1000 }, { sku: p.sku, locationId: loc.id, binId: a2.id, quantity: 2, unitCost: 1000 }] }, userId);
  const st = await startStocktake(db, { locationId: loc.id }, userId);
  return { loc, a1, a2, p, st };
}

const line = async (stocktakeId: string, productId: string, binId: string) =>
  (await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, stocktakeId))).find((l) => l.productId === productId && l.binId === binId)!;

describe('scan-to-count', () => {
  it('each scan of the SKU or the barcode adds to the bin’s count; a case is typed as a quantity; Complete posts the count', async () => {
    const { loc, a1, p, st } = await setup();
    const scan = (code: string, quantity = 1) => recordScan(db, { stocktakeId: st.id, scanId: randomUUID(), code, quantity, binId: a1.id }, userId);
    expect(await scan(p.sku.toLowerCase())).toMatchObject({ status: 'counted', counted: 1, bin: 'A-01' });
    expect(await scan(p.barcode!)).toMatchObject({ status: 'counted', counted: 2 });
    expect(await scan(p.sku, 6)).toMatchObject({ status: 'counted', counted: 8, quantity: 6 });
    await completeStocktake(db, st.id, userId);
    expect(await onHand(db, p.id, loc.id, a1.id)).toBe(8);
  });

  it('the same scan id sent twice counts once (a retry, the offline queue replayed)', async () => {
    const { a1, p, st } = await setup();
    const scanId = randomUUID();
    const input = { stocktakeId: st.id, scanId, code: p.sku, quantity: 1, binId: a1.id };
    expect(await recordScan(db, input, userId)).toMatchObject({ counted: 1, repeated: false });
    const [again, concurrent] = await Promise.all([recordScan(db, input, userId), recordScan(db, input, userId)]);
    expect([again, concurrent]).toMatchObject([{ counted: 1, repeated: true }, { counted: 1, repeated: true }]);
    expect((await line(st.id, p.id, a1.id)).counted).toBe(1);
  });

  it('an unknown code counts nothing; a product not in this bin is offered, then added and counted', async () => {
    const { a2, st } = await setup();
    expect(await recordScan(db, { stocktakeId: st.id, scanId: randomUUID(), code: 'NO-SUCH-CODE', quantity: 1, binId: a2.id }, userId)).toMatchObject({ status: 'unknown' });
    const other = await makeProduct(db, { sku: `OTHER-${uniq()}` });
    const scanId = randomUUID();
    expect(await recordScan(db, { stocktakeId: st.id, scanId, code: other.sku, quantity: 1, binId: a2.id }, userId)).toMatchObject({ status: 'not-on-stocktake', sku: other.sku, bin: 'A-02' });
    expect(await recordScan(db, { stocktakeId: st.id, scanId, code: other.sku, quantity: 1, binId: a2.id, addToStocktake: true }, userId)).toMatchObject({ status: 'counted', counted: 1 });
    expect((await line(st.id, other.id, a2.id)).expected).toBe(0);
  });

  it('undo takes a scan off; a line with no scan left is not counted again; undoing twice changes nothing', async () => {
    const { a1, p, st } = await setup();
    const first = randomUUID();
    const second = randomUUID();
    await recordScan(db, { stocktakeId: st.id, scanId: first, code: p.sku, quantity: 1, binId: a1.id }, userId);
    await recordScan(db, { stocktakeId: st.id, scanId: second, code: p.sku, quantity: 3, binId: a1.id }, userId);
    expect(await undoScan(db, { stocktakeId: st.id, scanId: second }, userId)).toEqual({ counted: 1, repeated: false });
    expect(await undoScan(db, { stocktakeId: st.id, scanId: second }, userId)).toEqual({ counted: 1, repeated: true });
    expect(await undoScan(db, { stocktakeId: st.id, scanId: first }, userId)).toEqual({ counted: null, repeated: false });
    const recent = await recentScans(db, st.id, userId);
    expect(recent.map((r) => [r.quantity, r.undone])).toEqual([
      [3, true],
      [1, true],
    ]);
  });

  it('two people counting two bins at once both keep their counts', async () => {
    const { a1, a2, p, st } = await setup();
    const other = (await makeUser(db)).id;
    await Promise.all([
      ...Array.from({ length: 5 }, () => recordScan(db, { stocktakeId: st.id, scanId: randomUUID(), code: p.sku, quantity: 1, binId: a1.id }, userId)),
      ...Array.from({ length: 4 }, () => recordScan(db, { stocktakeId: st.id, scanId: randomUUID(), code: p.sku, quantity: 1, binId: a2.id }, other)),
    ]);
    expect([(await line(st.id, p.id, a1.id)).counted, (await line(st.id, p.id, a2.id)).counted]).toEqual([5, 4]);
    expect(await recentScans(db, st.id, other)).toHaveLength(4);
  });

  it('a completed stocktake takes no more scans', async () => {
    const { a1, p, st } = await setup();
    await completeStocktake(db, st.id, userId);
    await expect(recordScan(db, { stocktakeId: st.id, scanId: randomUUID(), code: p.sku, quantity: 1, binId: a1.id }, userId)).rejects.toThrow(/is Completed: nothing more can be counted/);
  });
});
