import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { createAdjustment } from '@/lib/stock/adjustments';
import { listBinsOf } from '@/lib/stock/places';
import { seedAuthorisedSale, seedLocation, seedProduct } from '../support/seed';

/** The spec's tests change what this makes: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

/**
 * For pick-scan.spec.ts: a sale of 2 units from bin A-01 of a warehouse, its order authorised (Pick
 * drafted), and a product that is not on the sale.
 */
export async function seed(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const loc = await seedLocation(db, `Pick scan WH ${run}`, ['A-01']);
  const item = await seedProduct(db, { sku: `PICK-${run}`, name: 'Green teapot', unitCost: '3.00' });
  const stranger = await seedProduct(db, { sku: `PICK-NOT-${run}`, name: 'Yellow jug', unitCost: '3.00' });
  const [bin] = await listBinsOf(db, loc.id);
  await createAdjustment(db, { reason: 'Opening stock', lines: [{ sku: item.sku, locationId: loc.id, binId: bin.id, quantity: 10, unitCost: 30_000 }] }, null);
  const sale = await seedAuthorisedSale(db, `Pick Scan Buyer ${run}`, [{ sku: item.sku, quantity: 2, price: 1500, locationId: loc.id }]);
  return { saleId: sale.id, saleNumber: sale.number, sku: item.sku, stranger: stranger.sku };
}

export type PickScanSeed = Awaited<ReturnType<typeof seed>>;
