import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { apiKeys, users } from '@/db/schema';
import type { Permission, SessionUser } from '@/lib/auth/permissions';
import { isPermission } from '@/lib/auth/permissions';
import { hashSecret } from '@/lib/crypto/secret-box';
import { DomainError } from '@/lib/errors';
import type { CreateApiKeyInput } from './key-inputs';

/** Every key starts so, which lets a secret scanner (or a person) recognise one pasted somewhere. */
export const KEY_PREFIX = 'fbak_';
const SHOWN_CHARACTERS = KEY_PREFIX.length + 6;
/** last_used_at is written at most this often per key. */
const LAST_USED_EVERY_MS = 60_000;

const KEY_SHAPE = /^fbak_[A-Za-z0-9_-]{43}$/;

export type ApiKeyRow = {
  id: string;
  name: string;
  ownerId: string;
  ownerName: string;
  ownerActive: boolean;
  permissions: string[];
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Newest first; revoked keys stay listed (who had access, until when). */
export function listApiKeys(db: Db | Tx): Promise<ApiKeyRow[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      ownerId: apiKeys.ownerId,
      ownerName: users.name,
      ownerActive: users.active,
      permissions: apiKeys.permissions,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.ownerId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/**
 * A new key acting as its owner with the ticked permissions, each of which the owner must hold
 * (an administrator holds them all). The key is returned once and never again: only its keyed
 * hash is stored.
 */
export async function createApiKey(db: Db | Tx, actorId: string, input: CreateApiKeyInput): Promise<{ id: string; key: string; name: string }> {
  const [owner] = await db.select().from(users).where(eq(users.id, input.ownerId));
  if (!owner || !owner.active) throw new DomainError('INVALID_INPUT', 'Choose an active user as the key’s owner.', { ownerId: ['Choose an active user.'] });
  const missing = owner.isAdmin ? [] : input.permissions.filter((p) => !owner.permissions.includes(p));
  if (missing.length > 0)
    throw new DomainError('INVALID_INPUT', `${owner.name} does not hold ${missing.join(', ')}: a key can only do what its owner may.`, {
      permissions: [`${owner.name} does not hold ${missing.join(', ')}.`],
    });
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(apiKeys)
    .values({ name: input.name, ownerId: owner.id, permissions: [...new Set(input.permissions)], prefix: key.slice(0, SHOWN_CHARACTERS), secretHash: hashSecret(key), createdBy: actorId })
    .returning({ id: apiKeys.id, name: apiKeys.name });
  return { id: row!.id, name: row!.name, key };
}

export async function revokeApiKey(db: Db | Tx, id: string): Promise<{ name: string }> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ name: apiKeys.name });
  if (row) return row;
  const [existing] = await db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, id));
  if (!existing) throw new DomainError('NOT_FOUND', 'That API key no longer exists.');
  throw new DomainError('STALE_STATE', 'That API key was already revoked.');
}

/** Who a request with this key acts as, or null (unknown, malformed or revoked key, inactive owner). */
export type ApiPrincipal = { keyId: string; keyName: string; user: SessionUser };

/**
 * The key's permissions that its owner still holds: taking a permission from a user takes it from
 * their keys at once, and deactivating the user stops their keys.
 */
export async function authenticateApiKey(db: Db, key: string): Promise<ApiPrincipal | null> {
  if (!KEY_SHAPE.test(key)) return null;
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, permissions: apiKeys.permissions, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt, owner: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.ownerId))
    .where(eq(apiKeys.secretHash, hashSecret(key)));
  if (!row || row.revokedAt || !row.owner.active) return null;
  const granted = row.permissions.filter((p): p is Permission => isPermission(p) && (row.owner.isAdmin || row.owner.permissions.includes(p)));
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
  }
  return {
    keyId: row.id,
    keyName: row.name,
    // Never an administrator through a key: exactly the permissions on it.
    user: { id: row.owner.id, email: row.owner.email, name: row.owner.name, isAdmin: false, permissions: granted },
  };
}
