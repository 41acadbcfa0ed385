import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonStores, fbaConnections, type SpEndpointName } from '@/db/schema';
import { decryptSecret, hashSecret } from '@/lib/crypto/secret-box';
import { isUniqueViolation } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import { describeMarketplace } from './marketplaces';

// One Amazon account is connected once: per marketplace and endpoint for FBA, per endpoint for an
// Amazon store. Amazon has no call that names the seller of a refresh token, so a Seller ID typed
// by hand proves nothing; the token does. Rows are matched by Seller ID or by a keyed hash of the
// token (never the token itself). The check gives the message; the unique indexes settle a race.

/**
 * How the new connection names its seller: typed by hand ("Connect manually", which may be wrong),
 * or from Amazon / a saved store (the Seller ID is not in question).
 */
export type SellerSource = 'typed' | 'trusted';

export type FbaSubject = { sellerId: string; marketplaceId: string; endpoint: SpEndpointName; tokenHash: string; source: SellerSource; field: string };
export type StoreSubject = { sellerId: string; endpoint: SpEndpointName; tokenHash: string; source: SellerSource };

type Existing = { id: string; name: string; sellerId: string; byToken: boolean };

/** Decrypts and hashes a stored token; null when it no longer decrypts (the key changed). */
function tryHash(refreshTokenEnc: string): string | null {
  try {
    return hashSecret(decryptSecret(refreshTokenEnc));
  } catch {
    return null;
  }
}

/**
 * Rows saved before refresh_token_hash existed get it the first time a connect looks for
 * duplicates. Two such active rows of one token (possible then) cannot both take it under the
 * unique index: the oldest does, the rest stay null and are still found through it.
 */
async function hashOldConnections(tx: Tx): Promise<void> {
  const old = await tx
    .select({ id: fbaConnections.id, enc: fbaConnections.refreshTokenEnc, marketplaceId: fbaConnections.marketplaceId, endpoint: fbaConnections.endpoint, status: fbaConnections.status })
    .from(fbaConnections)
    .where(isNull(fbaConnections.refreshTokenHash))
    .orderBy(asc(fbaConnections.createdAt))
    .for('update');
  if (old.length === 0) return;
  const keyOf = (hash: string, r: { marketplaceId: string; endpoint: string }) => `${hash}|${r.marketplaceId}|${r.endpoint}`;
  const hashed = await tx
    .select({ hash: fbaConnections.refreshTokenHash, marketplaceId: fbaConnections.marketplaceId, endpoint: fbaConnections.endpoint })
    .from(fbaConnections)
    .where(and(isNotNull(fbaConnections.refreshTokenHash), eq(fbaConnections.status, 'Active')));
  const taken = new Set(hashed.map((r) => keyOf(r.hash!, r)));
  const updates: { id: string; hash: string }[] = [];
  for (const row of old) {
    const hash = tryHash(row.enc);
    if (!hash) continue;
    if (row.status === 'Active') {
      if (taken.has(keyOf(hash, row))) continue;
      taken.add(keyOf(hash, row));
    }
    updates.push({ id: row.id, hash });
  }
  await setHashes(tx, fbaConnections, updates);
}

async function hashOldStores(tx: Tx): Promise<void> {
  const old = await tx
    .select({ id: amazonStores.id, enc: amazonStores.refreshTokenEnc, endpoint: amazonStores.endpoint })
    .from(amazonStores)
    .where(isNull(amazonStores.refreshTokenHash))
    .orderBy(asc(amazonStores.createdAt))
    .for('update');
  if (old.length === 0) return;
  const hashed = await tx.select({ hash: amazonStores.refreshTokenHash, endpoint: amazonStores.endpoint }).from(amazonStores).where(isNotNull(amazonStores.refreshTokenHash));
  const taken = new Set(hashed.map((r) => `${r.hash}|${r.endpoint}`));
  const updates: { id: string; hash: string }[] = [];
  for (const row of old) {
    const hash = tryHash(row.enc);
    if (!hash || taken.has(`${hash}|${row.endpoint}`)) continue;
    taken.add(`${hash}|${row.endpoint}`);
    updates.push({ id: row.id, hash });
  }
  await setHashes(tx, amazonStores, updates);
}

/** One UPDATE for all rows (a CASE on the id), not one per row. */
async function setHashes(tx: Tx, table: typeof fbaConnections | typeof amazonStores, updates: { id: string; hash: string }[]): Promise<void> {
  if (updates.length === 0) return;
  const cases = sql.join(
    updates.map((u) => sql`when ${table.id} = ${u.id} then ${u.hash}`),
    sql` `,
  );
  const ids = updates.map((u) => u.id);
  await tx
    .update(table)
    .set({ refreshTokenHash: sql`case ${cases} end` })
    .where(inArray(table.id, ids));
}

async function findFbaDuplicate(db: Db | Tx, s: FbaSubject): Promise<Existing | null> {
  const rows = await db
    .select({ id: fbaConnections.id, name: fbaConnections.name, sellerId: fbaConnections.sellerId, hash: fbaConnections.refreshTokenHash })
    .from(fbaConnections)
    .where(
      and(
        eq(fbaConnections.status, 'Active'),
        eq(fbaConnections.marketplaceId, s.marketplaceId),
        eq(fbaConnections.endpoint, s.endpoint),
        or(eq(fbaConnections.refreshTokenHash, s.tokenHash), eq(fbaConnections.sellerId, s.sellerId)),
      ),
    );
  const row = rows.find((r) => r.hash === s.tokenHash) ?? rows[0];
  return row ? { id: row.id, name: row.name, sellerId: row.sellerId, byToken: row.hash === s.tokenHash } : null;
}

async function findStoreDuplicate(db: Db | Tx, s: StoreSubject): Promise<Existing | null> {
  const rows = await db
    .select({ id: amazonStores.id, name: amazonStores.name, sellerId: amazonStores.sellerId, hash: amazonStores.refreshTokenHash })
    .from(amazonStores)
    .where(and(eq(amazonStores.endpoint, s.endpoint), or(eq(amazonStores.refreshTokenHash, s.tokenHash), eq(amazonStores.sellerId, s.sellerId))));
  const row = rows.find((r) => r.hash === s.tokenHash) ?? rows[0];
  return row ? { id: row.id, name: row.name, sellerId: row.sellerId, byToken: row.hash === s.tokenHash } : null;
}

function fbaDuplicateError(s: FbaSubject, existing: Existing): DomainError {
  const where = describeMarketplace(s.marketplaceId);
  const disconnect = `Disconnect the connection “${existing.name}” first.`;
  if (existing.sellerId === s.sellerId) return new DomainError('DUPLICATE', `Seller ${s.sellerId} is already connected to FBA for ${where}. ${disconnect}`, { [s.field]: ['Already connected.'] });
  if (s.source === 'typed')
    return new DomainError(
      'DUPLICATE',
      `This MWS Auth Token belongs to seller ${existing.sellerId}, not ${s.sellerId}, and that Amazon account is already connected to FBA for ${where}. ${disconnect}`,
      { sellerId: [`This token belongs to seller ${existing.sellerId}.`], refreshToken: [`Already connected as “${existing.name}”.`] },
    );
  return new DomainError('DUPLICATE', `This Amazon account is already connected to FBA for ${where} as seller ${existing.sellerId}. ${disconnect}`, { [s.field]: ['Already connected.'] });
}

function storeDuplicateError(s: StoreSubject, existing: Existing): DomainError {
  if (existing.sellerId === s.sellerId)
    return new DomainError('DUPLICATE', `Seller ${s.sellerId} is already connected as the Amazon store “${existing.name}”.`, { sellerId: ['This seller is already connected.'] });
  if (s.source === 'typed')
    return new DomainError('DUPLICATE', `This MWS Auth Token belongs to seller ${existing.sellerId}, not ${s.sellerId}: it is already connected as the Amazon store “${existing.name}”.`, {
      sellerId: [`This token belongs to seller ${existing.sellerId}.`],
      refreshToken: [`Already connected as “${existing.name}”.`],
    });
  return new DomainError('DUPLICATE', `This Amazon account is already connected as the Amazon store “${existing.name}” (seller ${existing.sellerId}).`);
}

/**
 * Inside the connect's transaction, before its insert: why this account may not be connected, or
 * null. Returned rather than thrown, so the caller's transaction can still commit the hashes just
 * given to old rows (and Connect with Amazon its failed attempt).
 */
export async function fbaRefusal(tx: Tx, s: FbaSubject): Promise<DomainError | null> {
  await hashOldConnections(tx);
  const existing = await findFbaDuplicate(tx, s);
  return existing ? fbaDuplicateError(s, existing) : null;
}

export async function storeRefusal(tx: Tx, s: StoreSubject): Promise<DomainError | null> {
  await hashOldStores(tx);
  const existing = await findStoreDuplicate(tx, s);
  return existing ? storeDuplicateError(s, existing) : null;
}

/**
 * Runs a connect's transaction. When two connects of one account race, both pass the check and
 * the unique index refuses the later insert: that becomes the same message as the check's, read
 * from the winner (committed by then).
 */
export async function refusingFbaDuplicates<T>(db: Db, s: FbaSubject, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!isUniqueViolation(e, 'fba_connections_token_active') && !isUniqueViolation(e, 'fba_connections_seller_active')) throw e;
    const existing = await findFbaDuplicate(db, s);
    throw existing ? fbaDuplicateError(s, existing) : new DomainError('DUPLICATE', `This Amazon account is already connected to FBA for ${describeMarketplace(s.marketplaceId)}.`);
  }
}

export async function refusingStoreDuplicates<T>(db: Db, s: StoreSubject, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!isUniqueViolation(e, 'amazon_stores_token') && !isUniqueViolation(e, 'amazon_stores_seller')) throw e;
    const existing = await findStoreDuplicate(db, s);
    throw existing ? storeDuplicateError(s, existing) : new DomainError('DUPLICATE', 'This Amazon account is already connected as an Amazon store.');
  }
}
