import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * Settings → API Keys (issue 14): a key lets another system (a 3PL, a shop) call /api/v1 as its
 * owner, with only the permissions ticked on the key, never more than the owner holds now. The key
 * itself is shown once; only its keyed hash (HMAC, lib/crypto/secret-box.ts) and the first
 * characters (to tell keys apart) are kept. Revoked keys stay listed.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    permissions: text('permissions').array().notNull(),
    /** The key's first characters, shown in the list ("fbak_3xY9…"). */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Written at most once a minute per key, so a busy key costs no write per request. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_owner_idx').on(t.ownerId)],
);

/**
 * The first answer to a POST that carried an Idempotency-Key, per API key: a repeat with the same
 * key and the same request gets this answer again instead of a second write. Written in the
 * transaction that made the change, so an answer is kept exactly when the change was.
 */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** sha256 of method, path and body: the same Idempotency-Key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index('api_idempotency_created_idx').on(t.createdAt)],
);
