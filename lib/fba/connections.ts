import crypto from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fbaSettingsLog, locations, type SpEndpointName } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { decryptSecret, encryptSecret, hashSecret } from '@/lib/crypto/secret-box';
import { DomainError } from '@/lib/errors';
import { attachExternalLocation, releaseExternalLocation } from '@/lib/reference/locations';
import { getAmazonStoreCredentials } from './amazon-stores';
import { connectionStatus, type ConnectionStatus } from './connection-status';
import type { ConnectRequest } from './connection-inputs';
import { fbaRefusal, refusingFbaDuplicates, type FbaSubject, type SellerSource } from './duplicate-connections';
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
  status: ConnectionStatus;
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

/** A connection Amazon has confirmed (its store name), ready to be written. */
export type NewFbaConnection = {
  sellerId: string;
  marketplaceId: string;
  endpoint: SpEndpointName;
  refreshToken: string;
  /** The store's sealed token when connecting from a store (no need to encrypt it again). */
  refreshTokenEnc: string | null;
  amazonStoreId: string | null;
  locationId: string | null;
  /** The FBA account name: the store name Amazon returned. */
  storeName: string;
  sellerSource: SellerSource;
  /** The form field a duplicate is reported on. */
  field: string;
};

export function fbaSubject(c: NewFbaConnection): FbaSubject {
  return { sellerId: c.sellerId, marketplaceId: c.marketplaceId, endpoint: c.endpoint, tokenHash: hashSecret(c.refreshToken), source: c.sellerSource, field: c.field };
}

export type InsertedFbaConnection = { id: string; name: string; locationName: string };

/**
 * The writes of a connect, in the caller's transaction (Connect with Amazon records its attempt
 * in the same one): the connection and its external location, or neither. An account already
 * connected comes back as `refused` (see fbaRefusal); run it inside refusingFbaDuplicates so a
 * lost race reads the same.
 */
export async function insertFbaConnection(tx: Tx, c: NewFbaConnection, actorId: string | null): Promise<{ refused: DomainError } | { connection: InsertedFbaConnection }> {
  const subject = fbaSubject(c);
  const refused = await fbaRefusal(tx, subject);
  if (refused) return { refused };
  if (c.locationId) {
    const [picked] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.id, c.locationId));
    if (!picked) throw new DomainError('NOT_FOUND', 'That location no longer exists.', { locationId: ['Choose another location.'] });
  }
  await ensurePriceTiers(tx);
  // The id is made here because the location points at the connection and the connection at the location.
  const id = crypto.randomUUID();
  const location = await attachExternalLocation(tx, { connectionId: id, accountName: c.storeName, pickedLocationId: c.locationId });
  const [row] = await tx
    .insert(fbaConnections)
    .values({
      id,
      name: c.storeName,
      amazonStoreId: c.amazonStoreId,
      sellerId: c.sellerId,
      marketplaceId: c.marketplaceId,
      refreshTokenEnc: c.refreshTokenEnc ?? encryptSecret(c.refreshToken),
      refreshTokenHash: subject.tokenHash,
      endpoint: c.endpoint,
      locationId: location.id,
      createdBy: actorId,
    })
    .returning({ id: fbaConnections.id, name: fbaConnections.name });
  return { connection: { ...row, locationName: location.name } };
}

/**
 * Connect to FBA: Amazon confirms the credentials and names the account (outside any
 * transaction), then one transaction writes the connection and gives it its external location,
 * so a failure leaves neither behind.
 */
export async function connectFba(db: Db, req: ConnectRequest, actorId: string | null) {
  const cred = await resolveCredentials(db, req);
  const verified = await verifySellerCredentials({ endpoint: cred.endpoint, refreshToken: cred.refreshToken, marketplaceIds: [cred.marketplaceId] });
  const conn: NewFbaConnection = {
    ...cred,
    locationId: req.locationId,
    storeName: verified.storeName,
    sellerSource: req.mode === 'manual' ? 'typed' : 'trusted',
    field: req.mode === 'manual' ? 'sellerId' : 'store',
  };
  const result = await refusingFbaDuplicates(db, fbaSubject(conn), () => db.transaction((tx) => insertFbaConnection(tx, conn, actorId)));
  if ('refused' in result) throw result.refused;
  return result.connection;
}

/**
 * Disconnect: the connection stops, and its location stays as an ordinary location (with its stock
 * and history) in the same transaction. The status is compared-and-set, so a second click reports
 * instead of writing twice.
 */
export async function disconnectFba(db: Db, id: string, actorId: string | null) {
  return db.transaction(async (tx) => {
    const row = await connectionStatus.write('Active', 'Disconnected', {
      update: async () =>
        (
          await tx
            .update(fbaConnections)
            .set({ status: 'Disconnected', disconnectedAt: new Date() })
            .where(and(eq(fbaConnections.id, id), eq(fbaConnections.status, 'Active')))
            .returning({ id: fbaConnections.id, name: fbaConnections.name })
        )[0],
      current: async () => {
        const [c] = await tx.select({ name: fbaConnections.name, status: fbaConnections.status }).from(fbaConnections).where(eq(fbaConnections.id, id));
        return c && { label: `The connection ${c.name}`, status: c.status };
      },
    });
    await releaseExternalLocation(tx, id);
    await tx.insert(fbaSettingsLog).values({ connectionId: id, userId: actorId, changes: { status: ['Active', 'Disconnected'] } });
    return row;
  });
}
