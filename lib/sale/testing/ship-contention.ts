import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { customers, fbaConnections, fbaListings, locations, products } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { saveSalesProcess } from '@/lib/reference/company';
import { createAdjustment } from '@/lib/stock/adjustments';
import { authoriseOrder } from '../order';
import { createSale } from '../sales';
import { authoriseShip, copyFromPack } from '../ship';
import { lockSale } from '../sale-write';

/**
 * The contention scenario of the issue (shared by the PostgreSQL test and the bench): `sales`
 * Draft sales each wanting 1 unit of one product at an FBA location (an Automatic connection)
 * that holds `units`. Stock is taken when the order is authorised (allocation, then Automatic Pick),
 * so that is the step that competes; Ship then makes the fulfilment orders.
 */
export async function setupContention(db: Db, opts: { sales: number; units: number; tag?: string }) {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 5).toString('base64');
  const tag = opts.tag ?? Math.random().toString(36).slice(2, 8);
  await ensurePriceTiers(db);
  await saveSalesProcess(db, { autoPick: true, autoPack: true, autoShip: false });
  const [loc] = await db.insert(locations).values({ name: `FBA contention ${tag}` }).returning();
  const [conn] = await db
    .insert(fbaConnections)
    .values({ name: loc.name, sellerId: `ACONTENTION${tag.toUpperCase()}`, marketplaceId: 'ATVPDKIKX0DER', refreshTokenEnc: encryptSecret('Atzr|sandbox-demo'), locationId: loc.id, orderProcessing: 'Automatic' })
    .returning();
  await db.update(locations).set({ externalConnectionId: conn.id }).where(eq(locations.id, loc.id));
  const [p] = await db.insert(products).values({ sku: `CONT-${tag}`, name: 'Contended product', defaultLocationId: loc.id }).returning();
  await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: `AMZ-CONT-${tag}`, productId: p.id, mappedBy: 'manual' });
  await createAdjustment(db, { reason: 'Opening', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: opts.units, unitCost: 10_000 }] }, null);
  const [c] = await db.insert(customers).values({ name: `Contention buyer ${tag}`, priceTier: 1 }).returning();
  const ids: string[] = [];
  for (let i = 0; i < opts.sales; i++) {
    const s = await createSale(
      db,
      { customerId: c.id, priceTier: 1, shipToName: 'B', shipToLine1: '1 A St', shipToLine2: null, shipToCity: 'Seattle', shipToState: 'WA', shipToPostalCode: '98101', shipToCountry: 'US', shipToPhone: null, customerReference: null, comment: null, lines: [{ index: 0, sku: p.sku, quantity: 1, price: 100, locationId: null }] },
      null,
    );
    ids.push(s.id);
  }
  return { saleIds: ids, productId: p.id, locationId: loc.id, connectionId: conn.id };
}

/** Authorises every order at once; each one that got its unit then authorises Ship at once. */
export async function runContention(db: Db, saleIds: string[]) {
  const t0 = performance.now();
  const orders = await Promise.allSettled(saleIds.map((id) => authoriseOrder(db, id, null)));
  const orderMs = performance.now() - t0;
  const won = saleIds.filter((_, i) => orders[i].status === 'fulfilled');
  const t1 = performance.now();
  const ships = await Promise.allSettled(
    won.map(async (id) => {
      const lines = await copyFromPack(db, await db.transaction((tx) => lockSale(tx, id)));
      return authoriseShip(db, { saleId: id, shippingOption: 'Standard', carrier: null, trackingNumber: null, skipFulfilment: false, lines }, null);
    }),
  );
  const shipMs = performance.now() - t1;
  return { orders, ships, won, orderMs, shipMs };
}
