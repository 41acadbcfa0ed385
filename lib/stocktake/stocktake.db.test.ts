import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLineCountsAfterEach } from '@/test/crash-checks';
import type { Db } from '@/db';
import { productCosts, stockLedger, stocktakeLines, users } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createAdjustment } from '@/lib/stock/adjustments';
import { onHand } from '@/test/stock';
import { describeClosing, findLinesNeedingCost, getStocktake, listStocktakeLines, listStocktakes } from './queries';
import { addStocktakeLine, applyCounts, completeStocktake, saveCounts, startStocktake, voidStocktake } from './stocktake';

let db: Db;

checkLineCountsAfterEach(() => db);
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

const lineOf = async (stocktakeId: string, productId: string) => (await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, stocktakeId))).find((l) => l.productId === productId)!;

describe('stocktake', () => {
  it('snapshots stock per bin, saves counts, completes by posting counted − on hand', async () => {
    const loc = await makeLocation(db);
    const [b1, b2] = [await makeBin(db, loc.id, 'A'), await makeBin(db, loc.id, 'B')];
    const [p, q, r] = [await makeProduct(db), await makeProduct(db), await makeProduct(db)];
    await createAdjustment(
      db,
      {
        reason: 'Opening',
        lines: [
          { sku: p.sku, locationId: loc.id, binId: b1.id, quantity: 10, unitCost: 10_000 },
          { sku: p.sku, locationId: loc.id, binId: b2.id, quantity: 5, unitCost: 10_000 },
          { sku: q.sku, locationId: loc.id, binId: b1.id, quantity: 7, unitCost: 30_000 },
        ],
      },
      userId,
    );
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    expect(st.number).toMatch(/^ST-\d{5}$/);
    const page = await listStocktakeLines(db, st.id, { after: null });
    expect(page.rows.map((l) => [l.sku, l.bin, l.expected, l.counted]).sort()).toEqual(
      [
        [p.sku, 'A', 10, null],
        [p.sku, 'B', 5, null],
        [q.sku, 'A', 7, null],
      ].sort(),
    );
    const pA = page.rows.find((l) => l.sku === p.sku && l.bin === 'A')!;
    const qA = page.rows.find((l) => l.sku === q.sku)!;
    await saveCounts(db, { stocktakeId: st.id, lines: [{ lineId: pA.id, counted: 8, unitCost: null }, { lineId: qA.id, counted: 9, unitCost: null }] });
    const { lineId } = await addStocktakeLine(db, { stocktakeId: st.id, sku: r.sku, binId: b2.id });
    await saveCounts(db, { stocktakeId: st.id, lines: [{ lineId, counted: 4, unitCost: 2_500 }] });
    // A sale during the count: Complete must use on hand now, not the snapshot.
    await createAdjustment(db, { reason: 'Sold', lines: [{ sku: p.sku, locationId: loc.id, binId: b1.id, quantity: -1, unitCost: null }] }, userId);
    const done = await completeStocktake(db, st.id, userId);
    expect(done.posted).toBe(3);
    expect(await onHand(db, p.id, loc.id, b1.id)).toBe(8);
    expect(await onHand(db, p.id, loc.id, b2.id)).toBe(5); // uncounted: unchanged
    expect(await onHand(db, q.id, loc.id, b1.id)).toBe(9);
    expect(await onHand(db, r.id, loc.id, b2.id)).toBe(4);
    const [qCost] = await db.select().from(productCosts).where(eq(productCosts.productId, q.id));
    expect(qCost).toMatchObject({ quantity: 9, averageCost: 30_000 });
    const [rCost] = await db.select().from(productCosts).where(eq(productCosts.productId, r.id));
    expect(rCost).toMatchObject({ quantity: 4, averageCost: 2_500 });
    const entries = await db.select().from(stockLedger).where(eq(stockLedger.sourceId, st.id));
    expect(entries.map((e) => e.quantity).sort()).toEqual([-1, 2, 4]);
    expect((await getStocktake(db, st.id))?.status).toBe('Completed');
    await expect(saveCounts(db, { stocktakeId: st.id, lines: [] })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(completeStocktake(db, st.id, userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(voidStocktake(db, st.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('records who completed it and when, so the page can say so after a lost confirmation (issue 7, item 11)', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    const counter = await makeUser(db);
    await db.update(users).set({ name: 'Dana Counter' }).where(eq(users.id, counter.id));
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: p.id, counted: 2, unitCost: 100 }]));
    await completeStocktake(db, st.id, counter.id);
    const doc = (await getStocktake(db, st.id))!;
    expect(doc).toMatchObject({ status: 'Completed', completedBy: 'Dana Counter', completedAt: expect.any(Date) });
    expect(describeClosing(doc)).toBe(`Completed on ${doc.completedAt!.toISOString().slice(0, 16).replace('T', ' ')} UTC by Dana Counter.`);

    // Auto-Sync completes without a person.
    const auto = await startStocktake(db, { locationId: (await makeLocation(db)).id, autoSync: true }, null);
    await completeStocktake(db, auto.id, null);
    expect(describeClosing((await getStocktake(db, auto.id))!)).toMatch(/^Completed on \d{4}-\d\d-\d\d \d\d:\d\d UTC by Auto-Sync Stock with FBA\.$/);
    const open = (await getStocktake(db, (await startStocktake(db, { locationId: (await makeLocation(db)).id }, userId)).id))!;
    expect(describeClosing(open)).toBeNull();
    await voidStocktake(db, open.id);
    expect(describeClosing((await getStocktake(db, open.id))!)).toBe('Voided: nothing was posted.');
  });

  it('allows one stocktake in progress per location', async () => {
    const loc = await makeLocation(db);
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    await expect(startStocktake(db, { locationId: loc.id }, userId)).rejects.toMatchObject({ code: 'IN_USE', message: expect.stringContaining(`${st.number} is already in progress`) });
    await voidStocktake(db, st.id);
    const again = await startStocktake(db, { locationId: loc.id }, userId);
    expect(again.status).toBe('In Progress');
    const list = await listStocktakes(db, { sort: 'number', dir: 'desc', after: null });
    expect(list.rows[0]).toMatchObject({ id: again.id, location: loc.name, status: 'In Progress' });
  });

  it('refuses Complete while added units have no cost, highlighting those lines; nothing posts', async () => {
    const loc = await makeLocation(db);
    const [costless, standard, held] = [await makeProduct(db), await makeProduct(db, { unitCost: 7_000 }), await makeProduct(db)];
    await createAdjustment(db, { reason: 'Elsewhere', lines: [{ sku: held.sku, locationId: (await makeLocation(db)).id, binId: null, quantity: 2, unitCost: 50_000 }] }, userId);
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    await db.transaction((tx) =>
      applyCounts(tx, st.id, [
        { productId: costless.id, counted: 3 },
        { productId: standard.id, counted: 1 },
        { productId: held.id, counted: 5 },
      ]),
    );
    const lines = await listStocktakeLines(db, st.id, { after: null });
    expect(lines.rows.filter((l) => l.needsCost).map((l) => l.sku)).toEqual([costless.sku]);
    const costlessLine = await lineOf(st.id, costless.id);
    expect(await findLinesNeedingCost(db, st.id)).toEqual([{ lineId: costlessLine.id, productId: costless.id, sku: costless.sku }]);
    await expect(completeStocktake(db, st.id, userId)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`Enter a unit cost for ${costless.sku}`),
      fieldErrors: { [`unitCost.${costlessLine.id}`]: [expect.any(String)] },
    });
    expect((await getStocktake(db, st.id))?.status).toBe('In Progress');
    expect(await onHand(db, standard.id, loc.id)).toBe(0);
    await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: costless.id, counted: 3, unitCost: 4_000 }]));
    await completeStocktake(db, st.id, userId);
    expect(await onHand(db, costless.id, loc.id)).toBe(3);
    const costs = await db.select().from(productCosts);
    expect(costs.find((c) => c.productId === standard.id)).toMatchObject({ quantity: 1, averageCost: 7_000 });
    expect(costs.find((c) => c.productId === held.id)).toMatchObject({ quantity: 7, averageCost: 50_000 });
  });

  it('applyCounts fills lines in bulk, adds missing products, keeps typed costs and the last duplicate', async () => {
    const loc = await makeLocation(db);
    const ps = await Promise.all(Array.from({ length: 30 }, () => makeProduct(db)));
    await createAdjustment(db, { reason: 'In', lines: [{ sku: ps[0].sku, locationId: loc.id, binId: null, quantity: 4, unitCost: 100 }] }, userId);
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: ps[1].id, counted: 1, unitCost: 900 }]));
    const res = await db.transaction((tx) =>
      applyCounts(tx, st.id, [...ps.map((p, i) => ({ productId: p.id, counted: i })), { productId: ps[2].id, counted: 20 }]),
    );
    expect(res.lines).toBe(30);
    expect(await lineOf(st.id, ps[0].id)).toMatchObject({ expected: 4, counted: 0 });
    expect(await lineOf(st.id, ps[1].id)).toMatchObject({ expected: 0, counted: 1, unitCost: 900 });
    expect(await lineOf(st.id, ps[2].id)).toMatchObject({ counted: 20 });
    await expect(db.transaction((tx) => applyCounts(tx, st.id, [{ productId: ps[0].id, counted: -1 }]))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const binned = await makeLocation(db);
    await makeBin(db, binned.id);
    const st2 = await startStocktake(db, { locationId: binned.id }, userId);
    await expect(db.transaction((tx) => applyCounts(tx, st2.id, [{ productId: ps[0].id, counted: 1 }]))).rejects.toMatchObject({ fieldErrors: { binId: [expect.any(String)] } });
  });

  it('refuses a duplicate or unknown line, and any edit once voided', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    await addStocktakeLine(db, { stocktakeId: st.id, sku: p.sku, binId: null });
    await expect(addStocktakeLine(db, { stocktakeId: st.id, sku: p.sku, binId: null })).rejects.toMatchObject({ code: 'DUPLICATE' });
    await expect(addStocktakeLine(db, { stocktakeId: st.id, sku: 'NOPE-X', binId: null })).rejects.toMatchObject({ code: 'NOT_FOUND', fieldErrors: { sku: [expect.any(String)] } });
    await voidStocktake(db, st.id);
    await expect(addStocktakeLine(db, { stocktakeId: st.id, sku: p.sku, binId: null })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
