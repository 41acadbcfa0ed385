import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { eq } from 'drizzle-orm';
import { customers, saleBoxes, salePackLines, sales } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createTestDb } from '@/test/db';
import { authoriseOrder } from './order';
import { authorisePick } from './pick';
import { authorisePackContents } from './pack';
import { checkPackScan, checkPickScan } from './pick-scan';
import { copyFromPack } from './ship';
import { getSale } from './queries';
import { createSale } from './sales';

let db: Db;
let saleId: string;
let a1: string;
let a2: string;
let own: { sku: string };
let fbaSku: string;
let stranger: string;

const shipTo = { shipToName: 'Jo', shipToLine1: '1 Main St', shipToLine2: null, shipToCity: 'Seattle', shipToState: 'WA', shipToPostalCode: '98101', shipToCountry: 'US', shipToPhone: null };

beforeAll(async () => {
  db = (await createTestDb()).db;
  const user = await makeUser(db);
  await ensurePriceTiers(db);
  const [c] = await db.insert(customers).values({ name: `Pick scan ${Date.now()}` }).returning();
  const loc = await makeLocation(db);
  a1 = (await makeBin(db, loc.id, 'A-01')).id;
  a2 = (await makeBin(db, loc.id, 'A-02')).id;
  const { location: fba } = await makeFbaConnection(db);
  own = await makeProduct(db, { sku: `PS-OWN-${Date.now()}`, barcode: '4006381333931' });
  fbaSku = (await makeProduct(db, { sku: `PS-FBA-${Date.now()}` })).sku;
  stranger = (await makeProduct(db, { sku: `PS-NOT-${Date.now()}` })).sku;
  await createAdjustment(db, { reason: 'In', lines: [{ sku: own.sku, locationId: loc.id, binId: a1, quantity: 5, unitCost: 100 }, { sku: fbaSku, locationId: fba.id, binId: null, quantity: 5, unitCost: 100 }] }, user.id);
  const sale = await createSale(db, { customerId: c.id, priceTier: 1, ...shipTo, customerReference: null, comment: null, lines: [{ index: 0, sku: own.sku, quantity: 2, price: 100, locationId: loc.id }, { index: 1, sku: fbaSku, quantity: 1, price: 100, locationId: fba.id }] }, user.id);
  saleId = sale.id;
  await authoriseOrder(db, saleId, user.id);
});

describe('Pick by scanning', () => {
  it('accepts the sale’s own-stock item by SKU or barcode in its bin, naming the line', async () => {
    expect(await checkPickScan(db, { saleId, code: own.sku, binId: a1 })).toMatchObject({ status: 'ok', lineNos: [1] });
    expect(await checkPickScan(db, { saleId, code: '4006381333931', binId: null })).toMatchObject({ status: 'ok', sku: own.sku });
  });

  it('refuses, with the reason, an item not on the sale, one Amazon picks, one from another bin and an unknown code', async () => {
    expect(await checkPickScan(db, { saleId, code: stranger, binId: a1 })).toEqual({ status: 'refused', reason: expect.stringMatching(/is not on sale SO-\d+: put it back/) });
    expect(await checkPickScan(db, { saleId, code: fbaSku, binId: null })).toEqual({ status: 'refused', reason: expect.stringMatching(/\(FBA\): Amazon picks it, not you/) });
    expect(await checkPickScan(db, { saleId, code: own.sku, binId: a2 })).toEqual({ status: 'refused', reason: expect.stringMatching(/is picked from .* › A-01, not from bin A-02/) });
    expect(await checkPickScan(db, { saleId, code: 'NOPE', binId: null })).toEqual({ status: 'refused', reason: 'Unknown code NOPE: no product has this SKU, barcode or FNSKU.' });
  });

  it('refuses every scan once Pick is authorised', async () => {
    await authorisePick(db, saleId, {}, null);
    expect(await checkPickScan(db, { saleId, code: own.sku, binId: a1 })).toEqual({ status: 'refused', reason: expect.stringMatching(/is already authorised/) });
  });
});

describe('Pack by scanning', () => {
  it('refuses a scan before Pick is authorised, then takes the own-stock item and refuses the FBA one and a stranger', async () => {
    // The Pick tests above authorised Pick; the sale is ready to pack.
    expect(await checkPackScan(db, { saleId, code: own.sku })).toMatchObject({ status: 'ok', lineNos: [1] });
    expect(await checkPackScan(db, { saleId, code: fbaSku })).toEqual({ status: 'refused', reason: expect.stringMatching(/\(FBA\): Amazon packs it, not you/) });
    expect(await checkPackScan(db, { saleId, code: stranger })).toEqual({ status: 'refused', reason: expect.stringMatching(/was not picked for sale SO-\d+: put it aside/) });
  });

  it('refuses boxes that do not hold every picked unit, or hold more, naming the line; nothing is written', async () => {
    await expect(authorisePackContents(db, saleId, [{ boxNo: 1, pickLineNo: 1, quantity: 1 }], null)).rejects.toMatchObject({ fieldErrors: { 'box.1': [expect.stringContaining('1 of 2 picked packed: pack the rest')] } });
    await expect(authorisePackContents(db, saleId, [{ boxNo: 1, pickLineNo: 1, quantity: 3 }], null)).rejects.toMatchObject({ fieldErrors: { 'box.1': [expect.stringContaining('more than was picked')] } });
    await expect(authorisePackContents(db, saleId, [{ boxNo: 1, pickLineNo: 9, quantity: 2 }], null)).rejects.toMatchObject({ code: 'STALE_STATE' });
    // The FBA line named into the own-stock box is refused by the same rule as the desk form.
    await expect(
      authorisePackContents(db, saleId, [{ boxNo: 1, pickLineNo: 1, quantity: 2 }, { boxNo: 1, pickLineNo: 2, quantity: 1 }], null),
    ).rejects.toMatchObject({ fieldErrors: { 'box.2': [expect.stringContaining('boxed apart')] } });
    expect(await db.select().from(salePackLines).where(eq(salePackLines.saleId, saleId))).toEqual([]);
    const [sale] = await db.select({ packStatus: sales.packStatus }).from(sales).where(eq(sales.id, saleId));
    expect(sale.packStatus).not.toBe('Authorised');
  });

  it('authorises Pack with a line split across two boxes and the FBA line in a box of its own; Ship copies the boxes', async () => {
    await authorisePackContents(db, saleId, [{ boxNo: 1, pickLineNo: 1, quantity: 1 }, { boxNo: 2, pickLineNo: 1, quantity: 1 }], null);
    const boxes = await db.select().from(saleBoxes).where(eq(saleBoxes.saleId, saleId)).orderBy(saleBoxes.boxNo);
    expect(boxes.map((b) => [b.boxNo, b.externalLocationId === null])).toEqual([[1, true], [2, true], [3, false]]);
    const lines = await db.select().from(salePackLines).where(eq(salePackLines.saleId, saleId)).orderBy(salePackLines.boxNo);
    expect(lines.map((l) => [l.boxNo, l.pickLineNo, l.quantity])).toEqual([[1, 1, 1], [2, 1, 1], [3, 2, 1]]);
    // A line split across boxes ships with no single box; the FBA line keeps its box.
    const ship = await copyFromPack(db, (await getSale(db, saleId))!);
    expect(ship.map((l) => [l.pickLineNo, l.boxNo, l.quantity])).toEqual([[1, null, 2], [2, 3, 1]]);
    expect(await checkPackScan(db, { saleId, code: own.sku })).toEqual({ status: 'refused', reason: expect.stringMatching(/Pack of sale SO-\d+ is already authorised/) });
  });
});
