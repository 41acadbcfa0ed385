import type { Db } from '@/db/client';
import { seedProduct } from '../support/seed';

/** For product-labels.spec.ts: a product one of the test's Amazon listings maps to by SKU (only read). */
export async function seed(db: Db) {
  const product = await seedProduct(db, { sku: 'LABELS-001', name: 'Stainless steel insulated water bottle with straw lid, 32 oz, midnight blue' });
  return { sku: product.sku };
}

export type ProductLabelsSeed = Awaited<ReturnType<typeof seed>>;
