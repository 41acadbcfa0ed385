import type { Db } from '@/db/client';
import { seedProduct } from '../support/seed';

/**
 * For fba-catalog.spec.ts: a product whose SKU one of the test's Amazon listings has (mapped by
 * SKU), and a bundle an FBA-only listing is mapped to by hand. Listings and their mappings belong
 * to each test's own connection, so these products are only read.
 */
export async function seed(db: Db) {
  const mapped = await seedProduct(db, { sku: 'CATALOG-001', name: 'Catalog product 001' });
  const bundle = await seedProduct(db, { sku: 'CATALOG-BUNDLE', name: 'Bundle for an FBA-only listing' });
  return { mappedSku: mapped.sku, bundleSku: bundle.sku };
}

export type FbaCatalogSeed = Awaited<ReturnType<typeof seed>>;
