import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, products, stocktakeLines, stocktakes } from '@/db/schema';
import { fetchInventoryReport } from '@/lib/fba/inventory-report';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { spClientFor } from '@/lib/fba/connection-client';
import { createAdjustment } from '@/lib/stock/adjustments';
import { rowsOf } from '@/db/driver';
import type { RunningSandbox } from '@/sandbox/index';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, reportRow as row, startFastSandbox } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { describeSync, syncStocktakeFromFba, syncStocktakeFromRows, type FetchReport } from './fba-sync';
import { findLinesNeedingCost, getStocktake } from './queries';
import { applyCounts, completeStocktake, startStocktake, voidStocktake } from './stocktake';

let db: Db;
let userId: string;
let sandbox: RunningSandbox;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
  sandbox = await startFastSandbox();
});
afterAll(() => sandbox?.close());


async function linesOf(stocktakeId: string) {
  const rows = await db
    .select({ sku: products.sku, counted: stocktakeLines.counted, expected: stocktakeLines.expected, unitCost: stocktakeLines.unitCost, lineId: stocktakeLines.id })
    .from(stocktakeLines)
    .innerJoin(products, eq(products.id, stocktakeLines.productId))
    .where(eq(stocktakeLines.stocktakeId, stocktakeId));
  return new Map(rows.map((r) => [r.sku, r]));
}

async function onHand(productId: string, locationId: string) {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`SELECT coalesce(sum(on_hand), 0)::int AS n FROM stock_levels WHERE product_id = ${productId} AND location_id = ${locationId}`));
  return Number(r.n);
}

describe('stocktake Sync with FBA', () => {
  it('imports the sandbox demo seller: stocked and zero-stock products get Amazon quantities; Complete waits for a unit cost; missing SKUs become products', async () => {
    const { conn, location } = await makeFbaConnection(db, { sellerId: 'ASANDBOXSELLER1' });
    // Case differs from Amazon's SKU on purpose: matching ignores case.
    const stocked = await makeProduct(db, { sku: 'demo-001', name: 'Demo product 001' });
    const zero = await makeProduct(db, { sku: 'DEMO-003', name: 'Demo product 003' });
    const standard = await makeProduct(db, { sku: 'DEMO-004', name: 'Demo product 004', unitCost: 12_000 });
    const gone = await makeProduct(db, { sku: 'OWN-ONLY-1' });
    await createAdjustment(
      db,
      { reason: 'Sent to FBA', lines: [{ sku: stocked.sku, locationId: location.id, binId: null, quantity: 3, unitCost: 20_000 }, { sku: gone.sku, locationId: location.id, binId: null, quantity: 2, unitCost: 5_000 }] },
      userId,
    );
    const st = await startStocktake(db, { locationId: location.id }, userId);
    expect((await getStocktake(db, st.id))?.external).toBe(true);

    let report: { rows: InventoryReportRow[] } = { rows: [] };
    const recording: FetchReport = async (c) => (report = await fetchInventoryReport(spClientFor(c), { marketplaceId: c.marketplaceId }));
    const first = await syncStocktakeFromFba(db, st.id, userId, { fetchReport: recording });
    const units = new Map(report.rows.map((r) => [r.sellerSku, r.fulfillable]));
    expect(units.get('DEMO-020')).toBe(0);
    expect(units.get('FBA-ONLY-01')).toBeGreaterThan(0);
    expect(first).toMatchObject({ synced: 3, created: 0, zeroed: 1, needCost: 1 });
    expect(first.unknownSkus).toEqual(expect.arrayContaining(['FBA-ONLY-01', 'DEMO-020']));
    let lines = await linesOf(st.id);
    expect(lines.get('demo-001')).toMatchObject({ expected: 3, counted: units.get('DEMO-001') });
    expect(lines.get('DEMO-003')).toMatchObject({ expected: 0, counted: units.get('DEMO-003') });
    expect(lines.get('DEMO-004')).toMatchObject({ expected: 0, counted: units.get('DEMO-004') });
    expect(lines.get('OWN-ONLY-1')).toMatchObject({ expected: 2, counted: 0 });
    expect((await getStocktake(db, st.id))?.syncedAt).toBeInstanceOf(Date);
    expect(describeSync(first)).toMatch(/^3 products synced, 0 created, 1 needs a unit cost, 1 product not at Amazon counted 0\. \d+ Amazon SKUs skipped/);

    // Zero stock and no cost: Complete refuses, naming the line; nothing is posted.
    const zeroLine = lines.get('DEMO-003')!;
    expect((await findLinesNeedingCost(db, st.id)).map((l) => l.sku)).toEqual(['DEMO-003']);
    await expect(completeStocktake(db, st.id, userId)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Enter a unit cost for DEMO-003'),
      fieldErrors: { [`unitCost.${zeroLine.lineId}`]: [expect.any(String)] },
    });
    expect(await onHand(stocked.id, location.id)).toBe(3);

    // "Create product if it does not exist": a second Sync makes the FBA-only SKUs, no cost, no stock.
    await db.update(fbaConnections).set({ createMissingProducts: true }).where(eq(fbaConnections.id, conn.id));
    const second = await syncStocktakeFromFba(db, st.id, userId, { fetchReport: recording });
    const unitsNow = new Map(report.rows.map((r) => [r.sellerSku, r.fulfillable]));
    expect(second.unknownSkus).toEqual([]);
    expect(second.created).toBe(report.rows.length - 3);
    const made = await db.select().from(products).where(eq(products.sku, 'FBA-ONLY-02'));
    expect(made).toEqual([expect.objectContaining({ name: 'FBA-only product 02', unitCost: null })]);
    lines = await linesOf(st.id);
    expect(lines.get('FBA-ONLY-02')).toMatchObject({ expected: 0, counted: unitsNow.get('FBA-ONLY-02') });
    const needing = (await findLinesNeedingCost(db, st.id)).map((l) => l.sku);
    expect(needing).toEqual(expect.arrayContaining(['DEMO-003', 'FBA-ONLY-01', 'FBA-ONLY-04']));
    expect(needing).not.toContain('DEMO-020'); // nothing to add: no cost needed
    expect(second.needCost).toBe(needing.length);

    // A person enters the costs; Complete posts Amazon's quantities.
    const costs = (await findLinesNeedingCost(db, st.id)).map((l) => ({ productId: l.productId, counted: lines.get(l.sku)!.counted!, unitCost: 15_000 }));
    await db.transaction((tx) => applyCounts(tx, st.id, costs));
    await completeStocktake(db, st.id, userId);
    expect(await onHand(stocked.id, location.id)).toBe(unitsNow.get('DEMO-001'));
    expect(await onHand(zero.id, location.id)).toBe(unitsNow.get('DEMO-003'));
    expect(await onHand(standard.id, location.id)).toBe(unitsNow.get('DEMO-004'));
    expect(await onHand(gone.id, location.id)).toBe(0);
    expect(await onHand(made[0].id, location.id)).toBe(unitsNow.get('FBA-ONLY-02'));
  });

  it('refuses Sync at a location that is not external, and once the stocktake is closed', async () => {
    const loc = await makeLocation(db);
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    expect((await getStocktake(db, st.id))?.external).toBe(false);
    await expect(syncStocktakeFromRows(db, st.id, [row('X-1', 1)], userId)).rejects.toMatchObject({ code: 'EXTERNAL_LOCATION' });
    await expect(syncStocktakeFromFba(db, st.id, userId, { fetchReport: () => Promise.reject(new Error('Amazon must not be called')) })).rejects.toMatchObject({
      code: 'EXTERNAL_LOCATION',
    });
    const { location } = await makeFbaConnection(db);
    const closed = await startStocktake(db, { locationId: location.id }, userId);
    await voidStocktake(db, closed.id);
    await expect(syncStocktakeFromRows(db, closed.id, [row('X-1', 1)], userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('applies nothing when the report has unreadable rows', async () => {
    const { location } = await makeFbaConnection(db, { createMissingProducts: true });
    const p = await makeProduct(db);
    const st = await startStocktake(db, { locationId: location.id }, userId);
    const fetchReport: FetchReport = async () => ({ rows: [row(p.sku, 4), row('NEW-ONE', 2)], errors: [{ line: 7, message: 'SKU B-7: not a whole number of units: afn-fulfillable-quantity "x".' }] });
    await expect(syncStocktakeFromFba(db, st.id, userId, { fetchReport })).rejects.toMatchObject({
      code: 'AMAZON_ERROR',
      message: expect.stringMatching(/could not be read \(line 7: SKU B-7.*Nothing was changed/),
    });
    expect(await linesOf(st.id)).toEqual(new Map());
    expect(await db.select().from(products).where(eq(products.sku, 'NEW-ONE'))).toEqual([]);
    const [doc] = await db.select().from(stocktakes).where(eq(stocktakes.id, st.id));
    expect(doc.syncedAt).toBeNull();
  });

  it("refuses Amazon figures past what a count holds, naming the SKU; nothing is changed (issue 7, item 2)", async () => {
    const { location } = await makeFbaConnection(db);
    const p = await makeProduct(db, { sku: 'HUGE-1' });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    await expect(syncStocktakeFromRows(db, st.id, [row(p.sku, 1_500_000_000), row(p.sku, 1_500_000_000)], userId)).rejects.toMatchObject({
      code: 'AMAZON_ERROR',
      message: 'Amazon reports 3,000,000,000 fulfillable units of HUGE-1; a count holds at most 999,999,999. Nothing was changed.',
    });
    expect(await linesOf(st.id)).toEqual(new Map());
  });

  it('sums SKUs listed twice, keeps typed costs, and re-syncs to the latest figures', async () => {
    const { location } = await makeFbaConnection(db);
    const p = await makeProduct(db);
    const st = await startStocktake(db, { locationId: location.id }, userId);
    await syncStocktakeFromRows(db, st.id, [row(p.sku, 4), row(p.sku.toLowerCase(), 3)], userId);
    const [line] = await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, st.id));
    expect(line).toMatchObject({ counted: 7, unitCost: null });
    await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: p.id, counted: 7, unitCost: 9_000 }]));
    const again = await syncStocktakeFromRows(db, st.id, [row(p.sku, 2)], userId);
    expect(again).toMatchObject({ synced: 1, needCost: 0 });
    const [after] = await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, st.id));
    expect(after).toMatchObject({ counted: 2, unitCost: 9_000 });
  });
});
