import crypto from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fbaSettingsLog, locations } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secret-box';
import { DomainError, isUniqueViolation } from '@/lib/errors';
import { attachExternalLocation, releaseExternalLocation } from '@/lib/reference/locations';
import { getAmazonStoreCredentials } from './amazon-stores';
import type { ConnectRequest } from './connection-inputs';
import { describeMarketplace } from './marketplaces';
import { verifySellerCredentials } from './seller-check';

/** Columns a screen may show: everything but the token. */
const publicColumns = {
  id: fbaConnections.id,
  name: fbaConnections.name,
  sellerId: fbaConnections.sellerId,
  marketplaceId: fbaConnections.marketplaceId,
  endpoint: fbaConnections.endpoint,
  status: fbaConnections.status,
  amazonStoreId: fbaConnections.amazonStoreId,
  locationId: fbaConnections.locationId,
  locationName: locations.name,
  createdAt: fbaConnections.createdAt,
  disconnectedAt: fbaConnections.disconnectedAt,
};

export type ConnectionRow = {
  id: string;
  name: string;
  sellerId: string;
  marketplaceId: string;
  endpoint: string;
  status: 'Active' | 'Disconnected';
  amazonStoreId: string | null;
  locationId: string;
  locationName: string;
  createdAt: Date;
  disconnectedAt: Date | null;
};

/** Active connections first, newest first. */
export async function listConnections(db: Db | Tx): Promise<ConnectionRow[]> {
  return db
    .select(publicColumns)
    .from(fbaConnections)
    .innerJoin(locations, eq(locations.id, fbaConnections.locationId))
    .orderBy(fbaConnections.status, desc(fbaConnections.createdAt));
}

export async function getConnection(db: Db | Tx, id: string): Promise<ConnectionRow | null> {
  const [row] = await db.select(publicColumns).from(fbaConnections).innerJoin(locations, eq(locations.id, fbaConnections.locationId)).where(eq(fbaConnections.id, id));
  return row ?? null;
}

function duplicateMessage(sellerId: string, marketplaceId: string) {
  return `Seller ${sellerId} is already connected to FBA for ${describeMarketplace(marketplaceId)}. Disconnect that connection first.`;
}

/** The credentials a connect request uses: typed by hand, or those of a saved Amazon store. */
async function resolveCredentials(db: Db, req: ConnectRequest) {
  if (req.mode === 'manual')
    return { sellerId: req.sellerId, marketplaceId: req.marketplaceId, endpoint: req.endpoint, refreshToken: req.refreshToken, refreshTokenEnc: null, amazonStoreId: null };
  const store = await getAmazonStoreCredentials(db, req.storeId);
  if (!store.marketplaceIds.includes(req.marketplaceId)) throw new DomainError('INVALID_INPUT', 'That store is not connected for this marketplace.', { store: ['Choose another store.'] });
  return {
    sellerId: store.sellerId,
    marketplaceId: req.marketplaceId,
    endpoint: store.endpoint,
    refreshToken: decryptSecret(store.refreshTokenEnc),
    refreshTokenEnc: store.refreshTokenEnc,
    amazonStoreId: store.id,
  };
}

/**
 * Connect to FBA: Amazon confirms the credentials and names the account (outside any
 * transaction), then one transaction writes the connection and gives it its external location,
 * so a failure leaves neither behind.
 */
export async function connectFba(db: Db, req: ConnectRequest, actorId: string | null) {
  const cred = await resolveCredentials(db, req);
  const verified = await verifySellerCredentials({ endpoint: cred.endpoint, refreshToken: cred.refreshToken, marketplaceIds: [cred.marketplaceId] });
  const sellerField = req.mode === 'manual' ? 'sellerId' : 'store';
  try {
    return await db.transaction(async (tx) => {
      // Checked here for a clear message; the partial unique index settles a race between two clicks.
      const [active] = await tx
        .select({ id: fbaConnections.id })
        .from(fbaConnections)
        .where(and(eq(fbaConnections.sellerId, cred.sellerId), eq(fbaConnections.marketplaceId, cred.marketplaceId), eq(fbaConnections.endpoint, cred.endpoint), eq(fbaConnections.status, 'Active')));
      if (active) throw new DomainError('DUPLICATE', duplicateMessage(cred.sellerId, cred.marketplaceId), { [sellerField]: ['Already connected.'] });
      if (req.locationId) {
        const [picked] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.id, req.locationId));
        if (!picked) throw new DomainError('NOT_FOUND', 'That location no longer exists.', { locationId: ['Choose another location.'] });
      }
      await ensurePriceTiers(tx);
      // The id is made here because the location points at the connection and the connection at the location.
      const id = crypto.randomUUID();
      const location = await attachExternalLocation(tx, { connectionId: id, accountName: verified.storeName, pickedLocationId: req.locationId });
      const [row] = await tx
        .insert(fbaConnections)
        .values({
          id,
          name: verified.storeName,
          amazonStoreId: cred.amazonStoreId,
          sellerId: cred.sellerId,
          marketplaceId: cred.marketplaceId,
          refreshTokenEnc: cred.refreshTokenEnc ?? encryptSecret(cred.refreshToken),
          endpoint: cred.endpoint,
          locationId: location.id,
          createdBy: actorId,
        })
        .returning({ id: fbaConnections.id, name: fbaConnections.name });
      return { ...row, locationName: location.name };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'fba_connections_seller_active'))
      throw new DomainError('DUPLICATE', duplicateMessage(cred.sellerId, cred.marketplaceId), { [sellerField]: ['Already connected.'] });
    throw e;
  }
}

/**
 * Disconnect: the connection stops, and its location stays as an ordinary location (with its stock
 * and history) in the same transaction. The status is compared-and-set, so a second click reports
 * instead of writing twice.
 */
export async function disconnectFba(db: Db, id: string, actorId: string | null) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(fbaConnections)
      .set({ status: 'Disconnected', disconnectedAt: new Date() })
      .where(and(eq(fbaConnections.id, id), eq(fbaConnections.status, 'Active')))
      .returning({ id: fbaConnections.id, name: fbaConnections.name });
    if (rows.length === 0) throw new DomainError('STALE_STATE', 'This connection is not active any more; reload the page.');
    await releaseExternalLocation(tx, id);
    await tx.insert(fbaSettingsLog).values({ connectionId: id, userId: actorId, changes: { status: ['Active', 'Disconnected'] } });
    return rows[0];
  });
}
