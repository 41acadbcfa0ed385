import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { authorisePick } from '@/lib/sale/pick';
import { createAdjustment } from '@/lib/stock/adjustments';
import { seedAuthorisedSale, seedLocation, seedProduct } from '../support/seed';

/** The spec's tests change what this makes: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

/**
 * For pack-scan.spec.ts: two sales (one for the phone, one for the desktop test) of 3 mugs and 1
 * saucer from a warehouse, picked and ready to pack, and a product on neither.
 */
export async function seed(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const loc = await seedLocation(db, `Pack scan WH ${run}`);
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
  const sales = [];
  for (const device of ['phone', 'desktop']) {
    const sale = await seedAuthorisedSale(db, `Pack Scan Buyer ${device} ${run}`, [
      { sku: mug.sku, quantity: 3, price: 900, locationId: loc.id },
      { sku: saucer.sku, quantity: 1, price: 500, locationId: loc.id },
    ]);
    await authorisePick(db, sale.id, {}, null);
    sales.push(sale);
  }
  return { phone: sales[0], desktop: sales[1], mug: mug.sku, saucer: saucer.sku, stranger: stranger.sku };
}

export type PackScanSeed = Awaited<ReturnType<typeof seed>>;
