import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { customers } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { authoriseOrder } from '@/lib/sale/order';
import { authorisePick } from '@/lib/sale/pick';
import { createSale } from '@/lib/sale/sales';
import { createAdjustment } from '@/lib/stock/adjustments';
import { seedLocation, seedProduct } from '../support/seed';

/**
 * For pack-scan.spec.ts: two sales (one for the phone, one for the desktop test) of 3 mugs and 1
 * saucer from a warehouse, picked and ready to pack, and a product on neither.
 */
export async function seed(db: Db) {
  await ensurePriceTiers(db);
  const run = randomBytes(3).toString('hex').toUpperCase();
  const loc = await seedLocation(db, `Pack scan WH ${run}`, []);
  const mug = await seedProduct(db, { sku: `PACK-MUG-${run}`, name: 'Blue mug', unitCost: '2.00' });
  const saucer = await seedProduct(db, { sku: `PACK-SAU-${run}`, name: 'Blue saucer', unitCost: '1.00' });
  const stranger = await seedProduct(db, { sku: `PACK-NOT-${run}`, name: 'Red bowl', unitCost: '1.00' });
  await createAdjustment(
    db,
    {
      reason: 'Opening stock',
      lines: [
        { sku: mug.sku, locationId: loc.id, binId: null, quantity: 10, unitCost: 20_000 },
        { sku: saucer.sku, locationId: loc.id, binId: null, quantity: 10, unitCost: 10_000 },
      ],
    },
    null,
  );
  const [c] = await db.insert(customers).values({ name: `Pack Scan Buyer ${run}`, priceTier: 1 }).returning();
  const sales = [];
  for (let i = 0; i < 2; i++) {
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
        lines: [
          { index: 0, sku: mug.sku, quantity: 3, price: 900, locationId: loc.id },
          { index: 1, sku: saucer.sku, quantity: 1, price: 500, locationId: loc.id },
        ],
      },
      null,
    );
    await authoriseOrder(db, sale.id, null);
    await authorisePick(db, sale.id, {}, null);
    sales.push({ id: sale.id, number: sale.number });
  }
  return { phone: sales[0], desktop: sales[1], mug: mug.sku, saucer: saucer.sku, stranger: stranger.sku };
}

export type PackScanSeed = Awaited<ReturnType<typeof seed>>;
