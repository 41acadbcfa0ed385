import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { customers } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createTestDb } from '@/test/db';
import { authoriseOrder } from './order';
import { authorisePick } from './pick';
import { checkPickScan } from './pick-scan';
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
