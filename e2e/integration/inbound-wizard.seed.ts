import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { fbaConnections, fbaListings } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { SHIP_FROM_SETUP } from '@/test/inbound-wizard-fixtures';
import { seedLocation, seedProduct } from '../support/seed';

/**
 * For inbound-wizard.spec.ts: an FBA connection to a sandbox seller of its own (the spec registers
 * it with this id and token), its Setup's contact person and ship-from filled in, two products
 * mapped to listings whose merchant SKUs are the products' SKUs, and 100 of each at a warehouse.
 */
export async function seed(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const sellerId = `AINBOUND${run}`;
  const refreshToken = `Atzr|e2e-inbound-${run.toLowerCase()}`;
  const { conn } = await makeFbaConnection(db, { name: `Inbound Wizard ${run}`, sellerId, ...SHIP_FROM_SETUP, foCreateStatus: 'Shipped' });
  await db.update(fbaConnections).set({ refreshTokenEnc: encryptSecret(refreshToken) }).where(eq(fbaConnections.id, conn.id));
  const warehouse = await seedLocation(db, `Inbound Main WH ${run}`);
  const skus = [`INB-CUP-${run}`, `INB-MUG-${run}`];
  for (const [i, sku] of skus.entries()) {
    const p = await seedProduct(db, { sku, name: i === 0 ? 'Enamel camping cup, blue' : 'Stoneware mug, 350 ml', unitCost: '3.00' });
    await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: sku, fnsku: `X00INB${i}${run}`, productId: p.id, productName: sku, mappedBy: 'manual' });
  }
  await createAdjustment(db, { reason: 'Opening stock (seeded)', lines: skus.map((sku) => ({ sku, locationId: warehouse.id, binId: null, quantity: 100, unitCost: 30_000 })) }, null);
  return { connectionId: conn.id, connectionName: conn.name, sellerId, refreshToken, warehouse: warehouse.name, skus };
}

export type InboundWizardSeed = Awaited<ReturnType<typeof seed>>;
