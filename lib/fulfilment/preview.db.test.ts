import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import type { TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, startFastSandbox } from '@/test/fba-fixtures';
import { makeLocation, makeProduct } from '@/test/fixtures';
import { makeSaleWithLines, stockAtAmazon } from '@/test/fulfilment-fixtures';
import { previewFor, readPreview } from './preview';

// Amazon's preview of a sale's FBA lines, asked of the sandbox's Fulfillment Outbound.
let db: Db;
let sandbox: TestSandbox;
let fba: Awaited<ReturnType<typeof makeFbaConnection>>;

beforeAll(async () => {
  db = (await createTestDb()).db;
  sandbox = await startFastSandbox();
  fba = await makeFbaConnection(db);
  await stockAtAmazon(sandbox, [
    { sellerSku: 'PV-MUG', productName: 'Mug', fulfillable: 10 },
    { sellerSku: 'PV-CUP', productName: 'Cup', fulfillable: 1 },
  ]);
});
afterAll(() => sandbox?.close());

// One product per seller SKU: a listing maps one SKU of the connection to one product.
const bySku = new Map<string, Awaited<ReturnType<typeof makeProduct>>>();
async function productFor(sku: string) {
  if (!bySku.has(sku)) bySku.set(sku, await makeProduct(db, { sku: `${sku}-${Math.random().toString(36).slice(2, 7)}` }));
  return bySku.get(sku)!;
}

async function saleOf(items: { sku: string; quantity: number; listed?: boolean }[], over: Parameters<typeof makeSaleWithLines>[1] extends infer O ? Partial<O> : never = {}) {
  const prods = [];
  for (const i of items) prods.push(await productFor(i.sku));
  return makeSaleWithLines(db, {
    lines: prods.map((p, i) => ({ productId: p.id, locationId: fba.location.id, quantity: items[i].quantity })),
    listings: prods.flatMap((p, i) => (items[i].listed === false ? [] : [{ connectionId: fba.conn.id, productId: p.id, sellerSku: items[i].sku }])),
    picked: true,
    ...over,
  });
}

describe('previewFor', () => {
  it('gives the fees in exact minor units and the ship and arrival dates for the sale’s shipping option', async () => {
    const sale = await saleOf([{ sku: 'PV-MUG', quantity: 2 }], { shippingOption: 'Expedited' });
    const [loc] = (await previewFor(db, sale.id))!;
    expect(loc).toMatchObject({ location: fba.location.name, connection: fba.conn.name, shippingSpeed: 'Expedited', lines: [{ sellerSku: 'PV-MUG', quantity: 2 }] });
    expect(loc.outcome.kind).toBe('fulfillable');
    if (loc.outcome.kind !== 'fulfillable') return;
    // The sandbox charges 3.22 per unit + 0.50 per early day (Expedited: 2): 7.44.
    expect(loc.outcome.fees).toContainEqual({ name: 'FBAPerUnitFulfillmentFee', currency: 'USD', minor: 744, amount: '7.44' });
    expect(loc.outcome.totalFee).toEqual({ currency: 'USD', minor: 744, amount: '7.44' });
    const arrival = Date.parse(loc.outcome.earliestArrivalDate!);
    expect(Date.parse(loc.outcome.latestArrivalDate!)).toBeGreaterThan(arrival);
    expect(Date.parse(loc.outcome.earliestShipDate!)).toBeLessThan(arrival);
  });

  it('says why Amazon cannot fulfil: too little stock at Amazon, an address it cannot deliver to', async () => {
    const short = await saleOf([{ sku: 'PV-CUP', quantity: 5 }]);
    const [a] = (await previewFor(db, short.id))!;
    expect(a.outcome).toEqual({ kind: 'unfulfillable', reasons: [], items: [{ sellerSku: 'PV-CUP', quantity: 5, reasons: ['not enough fulfillable stock at Amazon'] }] });
    const badAddress = await saleOf([{ sku: 'PV-MUG', quantity: 1 }], { address: { shipToLine1: '1 UNDELIVERABLE Road' } });
    const [b] = (await previewFor(db, badAddress.id))!;
    expect(b.outcome).toMatchObject({ kind: 'unfulfillable', reasons: ['Amazon cannot deliver to this address'] });
  });

  it('names a product missing from the connection’s FBA catalog without asking Amazon', async () => {
    const sale = await saleOf([{ sku: 'PV-NOLIST', quantity: 1, listed: false }]);
    const [loc] = (await previewFor(db, sale.id, { clientFor: () => ({ getFulfillmentPreview: () => Promise.reject(new Error('must not be called')) }) }))!;
    expect(loc.outcome).toMatchObject({ kind: 'error', message: expect.stringMatching(/^SKU PV-NOLIST-\w+ is not in the FBA catalog of .+; map it in Integration → Fulfilment by Amazon → Catalog\.$/) });
  });

  it('gives up after its timeout with plain words, and shows Amazon’s error', async () => {
    const sale = await saleOf([{ sku: 'PV-MUG', quantity: 1 }]);
    const never = { getFulfillmentPreview: () => new Promise<never>(() => {}) };
    const started = Date.now();
    const [slow] = (await previewFor(db, sale.id, { clientFor: () => never, timeoutMs: 200 }))!;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(slow.outcome).toEqual({ kind: 'error', message: 'Amazon did not answer within 0.2 seconds; try again shortly.' });
    const [down] = (await previewFor(db, sale.id, { clientFor: () => ({ getFulfillmentPreview: () => Promise.reject(new Error('socket hang up')) }) }))!;
    expect(down.outcome).toEqual({ kind: 'error', message: 'Amazon could not be reached.' });
  });

  it('leaves out own-stock lines, and uses the order lines’ locations before Pick', async () => {
    const own = await makeLocation(db);
    const mug = await productFor('PV-MUG');
    const lamp = await makeProduct(db);
    const sale = await makeSaleWithLines(db, {
      lines: [
        { productId: mug.id, locationId: fba.location.id, quantity: 1 },
        { productId: lamp.id, locationId: own.id, quantity: 4 },
      ],
      listings: [{ connectionId: fba.conn.id, productId: mug.id, sellerSku: 'PV-MUG' }],
    });
    const previews = (await previewFor(db, sale.id))!;
    expect(previews.map((p) => p.lines.map((l) => l.sellerSku))).toEqual([['PV-MUG']]);
    const ownOnly = await makeSaleWithLines(db, { lines: [{ productId: lamp.id, locationId: own.id, quantity: 1 }] });
    expect(await previewFor(db, ownOnly.id)).toEqual([]);
    expect(await previewFor(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

describe('readPreview', () => {
  it('reads yen without decimals and refuses to guess at malformed amounts', () => {
    const out = readPreview({
      shippingSpeedCategory: 'Standard',
      isFulfillable: true,
      isCODCapable: false,
      marketplaceId: 'A1VC38T7YXB528',
      estimatedFees: [
        { name: 'FBAPerUnitFulfillmentFee', amount: { currencyCode: 'JPY', value: '318' } },
        { name: 'Odd', amount: { currencyCode: 'JPY', value: '1e3' } },
      ],
      fulfillmentPreviewShipments: [],
    });
    expect(out).toMatchObject({ kind: 'fulfillable', fees: [{ name: 'FBAPerUnitFulfillmentFee', minor: 318, amount: '318' }], totalFee: { currency: 'JPY', minor: 318 } });
  });
});
