import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, fbaListings, products } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '../../test/fba-fixtures';
import { seedLocation, seedProduct } from '../support/seed';

/**
 * For sale-flow.spec.ts: a customer, a product at an own location and one at an FBA location
 * (Manual order processing, the product in its catalog), each with plenty of stock, so every test
 * (and a repeat of it) makes its own sales from them without running short.
 */
export async function seed(db: Db) {
  await ensurePriceTiers(db);
  const own = await seedLocation(db, 'Sale Flow WH');
  const ownProduct = await seedProduct(db, { sku: 'SALEFLOW-OWN', name: 'Blue mug', unitCost: '4.00' });
  const fbaProduct = await seedProduct(db, { sku: 'SALEFLOW-FBA', name: 'Red kettle', unitCost: '12.00' });
  const { conn, location } = await makeFbaConnection(db, { name: 'Sale Flow FBA', sellerId: 'ASALEFLOWSELLER' });
  await db.update(products).set({ defaultLocationId: own.id }).where(eq(products.id, ownProduct.id));
  await db.update(products).set({ defaultLocationId: location.id }).where(eq(products.id, fbaProduct.id));
  await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: 'AMZ-SALEFLOW-FBA', productId: fbaProduct.id, mappedBy: 'manual' });
  await createAdjustment(
    db,
    {
      reason: 'Opening stock',
      lines: [
        { sku: ownProduct.sku, locationId: own.id, binId: null, quantity: 1000, unitCost: 40_000 },
        { sku: fbaProduct.sku, locationId: location.id, binId: null, quantity: 1000, unitCost: 120_000 },
      ],
    },
    null,
  );
  const [c] = await db
    .insert(customers)
    .values({ name: 'Sale Flow Buyer', contactName: 'Jo Buyer', shippingLine1: '1 Pike St', shippingCity: 'Seattle', shippingState: 'WA', shippingPostalCode: '98101', shippingCountry: 'US', priceTier: 1 })
    .returning();
  return { customer: c.name, ownSku: ownProduct.sku, fbaSku: fbaProduct.sku, ownLocation: own.name, fbaLocation: location.name };
}

export type SaleFlowSeed = Awaited<ReturnType<typeof seed>>;
