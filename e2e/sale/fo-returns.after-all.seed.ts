import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, fbaConnections, fbaListings, products } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { seedProduct } from '../support/seed';

/** The spec registers the seeded seller at the sandbox: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

/**
 * For fo-returns.after-all.spec.ts: an FBA connection (Automatic processing, created Shipped) to a
 * sandbox seller of its own that the test registers, a product of its own mapped in the catalog
 * with 100 units at the FBA location (a repeat sells from the same stock), and a customer.
 */
export async function seed(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const sellerId = `AFORET${run}`;
  const refreshToken = `Atzr|e2e-foreturns-${run.toLowerCase()}`;
  const { conn, location } = await makeFbaConnection(db, { name: `FO Returns Amazon ${run}`, sellerId, orderProcessing: 'Automatic', foCreateStatus: 'Shipped' });
  await db.update(fbaConnections).set({ refreshTokenEnc: encryptSecret(refreshToken) }).where(eq(fbaConnections.id, conn.id));
  const product = await seedProduct(db, { sku: `FORET-KETTLE-${run}`, name: 'Stovetop kettle', unitCost: '8.00' });
  await db.update(products).set({ defaultLocationId: location.id }).where(eq(products.id, product.id));
  await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: product.sku, productId: product.id, productName: 'Stovetop kettle', mappedBy: 'manual', fulfillable: 100, total: 100 });
  await createAdjustment(db, { reason: 'Initial stocktake (seeded)', lines: [{ sku: product.sku, locationId: location.id, binId: null, quantity: 100, unitCost: 80_000 }] }, null);
  const [customer] = await db
    .insert(customers)
    .values({ name: `Returns Buyer ${run}`, contactName: 'Rita Return', shippingLine1: '410 Terry Ave N', shippingCity: 'Seattle', shippingState: 'WA', shippingPostalCode: '98109', shippingCountry: 'US', priceTier: 1 })
    .returning();
  return { sellerId, refreshToken, storeName: conn.name, location: location.name, sku: product.sku, customer: customer!.name };
}

export type FoReturnsSeed = Awaited<ReturnType<typeof seed>>;
