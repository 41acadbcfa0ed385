import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { amazonStores, customers, fbaConnections, locations } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { DomainError } from '@/lib/errors';
import type { StoreOrdersSetup } from './store-inputs';

/** A store with its orders Setup and the names the page shows. */
export async function getStoreOrdersSetup(db: Db, storeId: string) {
  const [store] = await db
    .select({
      id: amazonStores.id,
      name: amazonStores.name,
      sellerId: amazonStores.sellerId,
      endpoint: amazonStores.endpoint,
      marketplaceIds: amazonStores.marketplaceIds,
      amazonStoreName: amazonStores.amazonStoreName,
      afnLocationId: amazonStores.afnLocationId,
      mfnLocationId: amazonStores.mfnLocationId,
      customerId: amazonStores.customerId,
      customerName: customers.name,
      ordersEnabled: amazonStores.ordersEnabled,
      ordersFrom: amazonStores.ordersFrom,
      lastOrdersAt: amazonStores.lastOrdersAt,
      lastReturnsAt: amazonStores.lastReturnsAt,
    })
    .from(amazonStores)
    .leftJoin(customers, eq(customers.id, amazonStores.customerId))
    .where(eq(amazonStores.id, storeId));
  return store ?? null;
}

/**
 * The locations the Setup offers: for Amazon-fulfilled orders, the external locations of this
 * seller's active FBA connections; for merchant-fulfilled ones, every location (an FBA one sends
 * them out as fulfilment orders: Amazon's multi-channel fulfilment).
 */
export async function storeLocationChoices(db: Db, store: { sellerId: string; endpoint: string }) {
  const all = await db
    .select({ id: locations.id, name: locations.name, connectionId: fbaConnections.id, connectionSeller: fbaConnections.sellerId, connectionEndpoint: fbaConnections.endpoint })
    .from(locations)
    .leftJoin(fbaConnections, and(eq(fbaConnections.locationId, locations.id), eq(fbaConnections.status, 'Active')))
    .orderBy(asc(sql`lower(${locations.name})`));
  return {
    afn: all.filter((l) => l.connectionSeller === store.sellerId && l.connectionEndpoint === store.endpoint).map((l) => ({ id: l.id, name: l.name })),
    mfn: all.map((l) => ({ id: l.id, name: l.connectionId ? `${l.name} (FBA: sent as fulfilment orders)` : l.name })),
  };
}

/**
 * Saves the store's orders Setup. The AFN location must be the FBA location of this seller (Amazon
 * ships those orders from there); the first save makes the store's customer, "Amazon – <store>".
 */
export async function saveStoreOrdersSetup(db: Db, input: StoreOrdersSetup) {
  return db.transaction(async (tx) => {
    const [store] = await tx.select().from(amazonStores).where(eq(amazonStores.id, input.storeId)).for('update');
    if (!store) throw new DomainError('NOT_FOUND', 'That Amazon store no longer exists.');
    if (input.afnLocationId) {
      const [fba] = await tx
        .select({ id: fbaConnections.id })
        .from(fbaConnections)
        .where(and(eq(fbaConnections.locationId, input.afnLocationId), eq(fbaConnections.status, 'Active'), eq(fbaConnections.sellerId, store.sellerId), eq(fbaConnections.endpoint, store.endpoint)));
      if (!fba)
        throw new DomainError('INVALID_INPUT', 'Amazon-fulfilled orders are sold from the FBA location of this seller.', {
          afnLocationId: [`Choose the external location of an FBA connection of seller ${store.sellerId}.`],
        });
    }
    if (input.mfnLocationId) {
      const [loc] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.id, input.mfnLocationId));
      if (!loc) throw new DomainError('INVALID_INPUT', 'That location no longer exists.', { mfnLocationId: ['Choose another location.'] });
    }
    let customerId = store.customerId;
    if (!customerId) {
      await ensurePriceTiers(tx);
      const name = `Amazon – ${store.name}`;
      const [existing] = await tx.select({ id: customers.id }).from(customers).where(eq(sql`lower(${customers.name})`, name.toLowerCase()));
      customerId = existing?.id ?? (await tx.insert(customers).values({ name }).returning({ id: customers.id }))[0].id;
    }
    // Moving the start back makes the next download look again from there.
    const restart = !store.ordersFrom || input.ordersFrom.getTime() !== store.ordersFrom.getTime();
    await tx
      .update(amazonStores)
      .set({ afnLocationId: input.afnLocationId, mfnLocationId: input.mfnLocationId, ordersFrom: input.ordersFrom, ordersEnabled: input.ordersEnabled, customerId, ...(restart ? { lastOrdersAt: null } : {}) })
      .where(eq(amazonStores.id, store.id));
    return { customerId };
  });
}
