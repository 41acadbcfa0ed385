import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from './client';

// Who a change is for, as the audit trigger (migration 0013) reads it: the server action runs its
// work inside `withAuditUser`, and every transaction opened meanwhile starts by setting app.user_id
// for itself (SET LOCAL semantics, so a pooled connection never carries it to someone else's work).
// On globalThis: Next may load this module once per route bundle, and all must share one store.

const g = globalThis as unknown as { __auditUser?: AsyncLocalStorage<{ userId: string }> };
const store = () => (g.__auditUser ??= new AsyncLocalStorage<{ userId: string }>());

/** Runs `work` with its database changes recorded as `userId`'s. */
export function withAuditUser<T>(userId: string, work: () => Promise<T>): Promise<T> {
  return store().run({ userId }, work);
}

/** The user the current work is for, if any. */
export function auditUserId(): string | null {
  return store().getStore()?.userId ?? null;
}

/** Makes every transaction of `db` tell the audit trigger whose it is. */
export function auditTransactions(db: Db): Db {
  const open = db.transaction.bind(db);
  db.transaction = ((work, config) =>
    open(async (tx) => {
      const userId = auditUserId();
      if (userId) await tx.execute(sql`SELECT set_config('app.user_id', ${userId}, true)`);
      return work(tx);
    }, config)) as Db['transaction'];
  return db;
}
