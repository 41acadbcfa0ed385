import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, fbaConnections, fbaListings, products } from '@/db/schema';
import { createAdjustment } from '@/lib/stock/adjustments';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { seedProduct } from '../support/seed';

type Processing = { orderProcessing: 'Manual' | 'Automatic'; foCreateStatus: 'On Hold' | 'Shipped' };

/** The spec's tests change what this makes: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

/**
 * For fulfilment-flow.spec.ts: one FBA connection per test, each to a sandbox seller of its own
 * (the test registers the seller at the sandbox with this seller id and token before it sells),
 * set up as that test needs (Manual or Automatic processing, created On Hold or Shipped), with a
 * product of its own mapped in the connection's catalog and 1,000 units at the FBA location, so a
 * repeat of a test sells from the same stock. Customers: one with a good address, one whose
 * address the test makes Amazon refuse.
 */
export async function seed(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  async function scenario(key: string, processing: Processing) {
    const sellerId = `AFOFLOW${key}${run}`;
    const refreshToken = `Atzr|e2e-foflow-${key.toLowerCase()}-${run}`;
    const { conn, location } = await makeFbaConnection(db, { name: `FO Flow ${key} ${run}`, sellerId, ...processing });
    await db.update(fbaConnections).set({ refreshTokenEnc: encryptSecret(refreshToken) }).where(eq(fbaConnections.id, conn.id));
    const product = await seedProduct(db, { sku: `FOFLOW-${key}-${run}`, name: `Flow product ${key}`, unitCost: '6.00' });
    await db.update(products).set({ defaultLocationId: location.id }).where(eq(products.id, product.id));
    await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: product.sku, productId: product.id, productName: `Flow product ${key}`, mappedBy: 'manual', fulfillable: 1000, total: 1000 });
    await createAdjustment(db, { reason: 'Initial stocktake (seeded)', lines: [{ sku: product.sku, locationId: location.id, binId: null, quantity: 1000, unitCost: 60_000 }] }, null);
    return { sellerId, refreshToken, storeName: conn.name, location: location.name, sku: product.sku };
  }
  const address = { shippingCity: 'Seattle', shippingState: 'WA', shippingPostalCode: '98109', shippingCountry: 'US', priceTier: 1 };
  const [good] = await db.insert(customers).values({ name: `Flow Buyer ${run}`, contactName: 'Ann Flow', shippingLine1: '410 Terry Ave N', ...address }).returning();
  const [refused] = await db.insert(customers).values({ name: `Flow Refused Buyer ${run}`, contactName: 'Ray Refused', shippingLine1: '7 Refused-By-E2E Way', ...address }).returning();
  return {
    customer: good!.name,
    refusedCustomer: refused!.name,
    refusedMarker: 'REFUSED-BY-E2E',
    automatic: await scenario('AUTO', { orderProcessing: 'Automatic', foCreateStatus: 'Shipped' }),
    onHold: await scenario('HOLD', { orderProcessing: 'Manual', foCreateStatus: 'On Hold' }),
    manual: await scenario('MANUAL', { orderProcessing: 'Manual', foCreateStatus: 'Shipped' }),
    refused: await scenario('REFUSED', { orderProcessing: 'Automatic', foCreateStatus: 'Shipped' }),
  };
}

export type FulfilmentFlowSeed = Awaited<ReturnType<typeof seed>>;
