import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, fbaListings, products } from '@/db/schema';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { seedProduct } from '../support/seed';

/**
 * For sale-automation.after-all.spec.ts: a product whose default location is an FBA location
 * (Manual order processing, so nothing is sent), mapped in its catalog, with stock there, and a
 * customer. Automatic Pick applies only to such products.
 */
export async function seed(db: Db) {
  const { conn, location } = await makeFbaConnection(db, { name: 'Automation FBA' });
  const product = await seedProduct(db, { sku: 'AUTOFLOW-FBA', name: 'Auto-picked kettle', unitCost: '9.00' });
  await db.update(products).set({ defaultLocationId: location.id }).where(eq(products.id, product.id));
  await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: product.sku, productId: product.id, mappedBy: 'manual' });
  await createAdjustment(db, { reason: 'Opening stock', lines: [{ sku: product.sku, locationId: location.id, binId: null, quantity: 100, unitCost: 90_000 }] }, null);
  const [c] = await db
    .insert(customers)
    .values({ name: 'Automation Buyer', contactName: 'Al Auto', shippingLine1: '2 Pine St', shippingCity: 'Seattle', shippingState: 'WA', shippingPostalCode: '98101', shippingCountry: 'US', priceTier: 1 })
    .returning();
  return { customer: c!.name, sku: product.sku, location: location.name };
}

export type SaleAutomationSeed = Awaited<ReturnType<typeof seed>>;
