import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { customers } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { authoriseOrder } from '@/lib/sale/order';
import { createSale } from '@/lib/sale/sales';
import { createAdjustment } from '@/lib/stock/adjustments';
import { listBinsOf } from '@/lib/stock/places';
import { seedLocation, seedProduct } from '../support/seed';

/**
 * For pick-scan.spec.ts: a sale of 2 units from bin A-01 of a warehouse, its order authorised (Pick
 * drafted), and a product that is not on the sale.
 */
export async function seed(db: Db) {
  await ensurePriceTiers(db);
  const run = randomBytes(3).toString('hex').toUpperCase();
  const loc = await seedLocation(db, `Pick scan WH ${run}`, ['A-01']);
  const item = await seedProduct(db, { sku: `PICK-${run}`, name: 'Green teapot', unitCost: '3.00' });
  const stranger = await seedProduct(db, { sku: `PICK-NOT-${run}`, name: 'Yellow jug', unitCost: '3.00' });
  const [bin] = await listBinsOf(db, loc.id);
  await createAdjustment(db, { reason: 'Opening stock', lines: [{ sku: item.sku, locationId: loc.id, binId: bin.id, quantity: 10, unitCost: 30_000 }] }, null);
  const [c] = await db.insert(customers).values({ name: `Pick Scan Buyer ${run}`, priceTier: 1 }).returning();
  const sale = await createSale(
    db,
    {
      customerId: c.id,
      priceTier: 1,
      shipToName: 'Jo Buyer',
      shipToLine1: '1 Pike St',
      shipToLine2: null,
      shipToCity: 'Seattle',
      shipToState: 'WA',
      shipToPostalCode: '98101',
      shipToCountry: 'US',
      shipToPhone: null,
      customerReference: null,
      comment: null,
      lines: [{ index: 0, sku: item.sku, quantity: 2, price: 1500, locationId: loc.id }],
    },
    null,
  );
  await authoriseOrder(db, sale.id, null);
  return { saleId: sale.id, saleNumber: sale.number, sku: item.sku, stranger: stranger.sku };
}

export type PickScanSeed = Awaited<ReturnType<typeof seed>>;
