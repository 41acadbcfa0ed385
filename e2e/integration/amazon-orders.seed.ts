import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { amazonStores, fbaListings } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { createAdjustment } from '@/lib/stock/adjustments';
import { seedInboundConnection } from '../support/inbound-seed';
import { seedLocation, seedProduct } from '../support/seed';

/** The spec registers the seeded seller at the sandbox: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

/**
 * For amazon-orders.spec.ts: a seller of its own with an FBA connection (its listings mapped to
 * three products, 10 of each at the FBA location) and the same seller's Amazon store, its Setup not
 * saved yet; a fourth listing (LST-…) mapped to nothing, and the product it will be mapped to
 * (with stock at the FBA location), for the held order; and a warehouse for merchant-fulfilled orders.
 */
export async function seed(db: Db) {
  const c = await seedInboundConnection(db, 'AMZORD', ['Amazon widget A', 'Amazon widget B', 'Amazon widget C']);
  const run = randomBytes(3).toString('hex').toUpperCase();
  const listingSku = `LST-${run}`;
  const late = await seedProduct(db, { sku: `LATE-${run}`, name: 'Widget mapped late', unitCost: '2.00' });
  await db.insert(fbaListings).values({ connectionId: c.connectionId, sellerSku: listingSku, fnsku: `X00LST${run}`, productName: 'Listing without a product' });
  await createAdjustment(db, { reason: 'FBA stock (seeded)', lines: [...c.skus, late.sku].map((sku) => ({ sku, locationId: c.fbaLocationId, binId: null, quantity: 10, unitCost: 30_000 })) }, null);
  const mfnWarehouse = await seedLocation(db, `AMZORD MFN WH ${run}`);
  const [store] = await db
    .insert(amazonStores)
    .values({ name: `Amazon E2E ${run}`, sellerId: c.sellerId, marketplaceIds: ['ATVPDKIKX0DER'], refreshTokenEnc: encryptSecret(c.refreshToken), endpoint: 'sandbox', amazonStoreName: `Amazon E2E ${run}` })
    .returning();
  return { ...c, storeId: store.id, storeName: store.name, listingSku, lateSku: late.sku, mfnWarehouse: mfnWarehouse.name };
}

export type AmazonOrdersSeed = Awaited<ReturnType<typeof seed>>;
