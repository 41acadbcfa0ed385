import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { fbaConnections, fbaListings } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { SHIP_FROM_SETUP } from '@/test/inbound-wizard-fixtures';
import { seedLocation, seedProduct } from './seed';

/**
 * For the inbound shipment specs: an FBA connection to a sandbox seller of its own (the spec
 * registers it with this id and token), its Setup's contact person and ship-from filled in, the
 * products mapped to listings whose merchant SKUs are the products' SKUs, and 100 of each at a
 * warehouse of ours.
 */
export async function seedInboundConnection(db: Db, key: string, products: string[]) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const sellerId = `A${key}${run}`;
  const refreshToken = `Atzr|e2e-${key.toLowerCase()}-${run.toLowerCase()}`;
  const { conn, location } = await makeFbaConnection(db, { name: `${key} ${run}`, sellerId, ...SHIP_FROM_SETUP, foCreateStatus: 'Shipped' });
  await db.update(fbaConnections).set({ refreshTokenEnc: encryptSecret(refreshToken) }).where(eq(fbaConnections.id, conn.id));
  const warehouse = await seedLocation(db, `${key} Main WH ${run}`);
  const skus: string[] = [];
  for (const [i, name] of products.entries()) {
    const sku = `${key.slice(0, 3)}-${i + 1}-${run}`;
    const p = await seedProduct(db, { sku, name, unitCost: '3.00' });
    await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: sku, fnsku: `X00${key.slice(0, 3)}${i}${run}`, productId: p.id, productName: sku, mappedBy: 'manual' });
    skus.push(sku);
  }
  await createAdjustment(db, { reason: 'Opening stock (seeded)', lines: skus.map((sku) => ({ sku, locationId: warehouse.id, binId: null, quantity: 100, unitCost: 30_000 })) }, null);
  return { connectionId: conn.id, connectionName: conn.name, fbaLocationId: location.id, fbaLocation: location.name, sellerId, refreshToken, warehouse: warehouse.name, skus };
}
