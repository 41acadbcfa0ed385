import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonStores } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { DomainError, isUniqueViolation } from '@/lib/errors';
import type { AmazonStoreData } from './connection-inputs';
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

/**
 * Integration → Amazon → Connect: the credentials are checked with Amazon first (outside any
 * transaction), and only a store Amazon accepted for every chosen marketplace is saved.
 */
export async function connectAmazonStore(db: Db, input: AmazonStoreData, actorId: string | null) {
  const verified = await verifySellerCredentials({ endpoint: input.endpoint, refreshToken: input.refreshToken, marketplaceIds: input.marketplaceIds });
  try {
    const [row] = await db
      .insert(amazonStores)
      .values({
        name: input.name,
        sellerId: input.sellerId,
        marketplaceIds: input.marketplaceIds,
        refreshTokenEnc: encryptSecret(input.refreshToken),
        endpoint: input.endpoint,
        amazonStoreName: verified.storeName,
        createdBy: actorId,
      })
      .returning(publicColumns);
    return row;
  } catch (e) {
    if (isUniqueViolation(e, 'amazon_stores_seller'))
      throw new DomainError('DUPLICATE', `Seller ${input.sellerId} is already connected as an Amazon store.`, { sellerId: ['This seller is already connected.'] });
    throw e;
  }
}
