import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonStores, type SpEndpointName } from '@/db/schema';
import { encryptSecret, hashSecret } from '@/lib/crypto/secret-box';
import { DomainError } from '@/lib/errors';
import type { AmazonStoreData } from './connection-inputs';
import { refusingStoreDuplicates, storeRefusal, type SellerSource, type StoreSubject } from './duplicate-connections';
import { verifySellerCredentials } from './seller-check';

/** What screens may see of a store: never the token, not even encrypted. */
const publicColumns = {
  id: amazonStores.id,
  name: amazonStores.name,
  sellerId: amazonStores.sellerId,
  marketplaceIds: amazonStores.marketplaceIds,
  endpoint: amazonStores.endpoint,
  amazonStoreName: amazonStores.amazonStoreName,
  createdAt: amazonStores.createdAt,
};

export type AmazonStoreRow = { id: string; name: string; sellerId: string; marketplaceIds: string[]; endpoint: string; amazonStoreName: string | null; createdAt: Date };

export async function listAmazonStores(db: Db | Tx): Promise<AmazonStoreRow[]> {
  return db.select(publicColumns).from(amazonStores).orderBy(asc(sql`lower(${amazonStores.name})`), desc(amazonStores.createdAt));
}

/** The stored store with its encrypted token, for lib code that calls Amazon on its behalf. */
export async function getAmazonStoreCredentials(db: Db | Tx, id: string) {
  const [row] = await db.select().from(amazonStores).where(eq(amazonStores.id, id));
  if (!row) throw new DomainError('NOT_FOUND', 'That Amazon store no longer exists.', { store: ['Choose another store.'] });
  return row;
}

/** A store Amazon has confirmed, ready to be written. */
export type NewAmazonStore = {
  name: string;
  sellerId: string;
  marketplaceIds: string[];
  endpoint: SpEndpointName;
  refreshToken: string;
  /** The store name Amazon returned. */
  amazonStoreName: string;
  sellerSource: SellerSource;
};

export function storeSubject(s: NewAmazonStore): StoreSubject {
  return { sellerId: s.sellerId, endpoint: s.endpoint, tokenHash: hashSecret(s.refreshToken), source: s.sellerSource };
}

/**
 * The store's insert in the caller's transaction; an account already connected comes back as
 * `refused` (see storeRefusal). Run it inside refusingStoreDuplicates.
 */
export async function insertAmazonStore(tx: Tx, s: NewAmazonStore, actorId: string | null): Promise<{ refused: DomainError } | { store: AmazonStoreRow }> {
  const subject = storeSubject(s);
  const refused = await storeRefusal(tx, subject);
  if (refused) return { refused };
  const [row] = await tx
    .insert(amazonStores)
    .values({
      name: s.name,
      sellerId: s.sellerId,
      marketplaceIds: s.marketplaceIds,
      refreshTokenEnc: encryptSecret(s.refreshToken),
      refreshTokenHash: subject.tokenHash,
      endpoint: s.endpoint,
      amazonStoreName: s.amazonStoreName,
      createdBy: actorId,
    })
    .returning(publicColumns);
  return { store: row };
}

/**
 * Integration → Amazon → Connect manually: the credentials are checked with Amazon first (outside
 * any transaction), and only a store Amazon accepted for every chosen marketplace is saved.
 */
export async function connectAmazonStore(db: Db, input: AmazonStoreData, actorId: string | null) {
  const verified = await verifySellerCredentials({ endpoint: input.endpoint, refreshToken: input.refreshToken, marketplaceIds: input.marketplaceIds });
  const store: NewAmazonStore = { ...input, amazonStoreName: verified.storeName, sellerSource: 'typed' };
  const result = await refusingStoreDuplicates(db, storeSubject(store), () => db.transaction((tx) => insertAmazonStore(tx, store, actorId)));
  if ('refused' in result) throw result.refused;
  return result.store;
}
