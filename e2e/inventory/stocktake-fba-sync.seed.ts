import type { Db } from '@/db/client';
import { seedProduct } from '../support/seed';

/**
 * For stocktake-fba-sync.spec.ts: a product with a standard cost, which Amazon also holds. Each
 * test counts it at its own FBA location, and a product with a cost never needs one typed, so a
 * repeat of the test sees it the same way. (The product without a cost must have no stock
 * anywhere: each test makes its own.)
 */
export async function seed(db: Db) {
  const costed = await seedProduct(db, { sku: 'STOCKTAKE-FBA-COSTED', name: 'Stocktake FBA product with a cost', unitCost: '4.00' });
  return { costedSku: costed.sku };
}

export type StocktakeFbaSyncSeed = Awaited<ReturnType<typeof seed>>;
