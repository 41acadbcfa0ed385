import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { companySettings } from './schema';
import type { Db } from './client';
import { createUser, countUsers } from '@/lib/auth/users';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { rowsOf } from '@/lib/stock/ledger';

export type BootstrapResult = { admin: { email: string; password: string | null; created: boolean } };

/**
 * Makes an empty database usable: the ten price tiers, the company row and, when there is no user
 * at all, an administrator from ADMIN_EMAIL / ADMIN_PASSWORD or with a generated password that
 * the caller prints once (it is stored only as a hash).
 */
export async function bootstrap(db: Db, opts: { adminEmail?: string; adminPassword?: string; companyName?: string }): Promise<BootstrapResult> {
  await ensurePriceTiers(db);
  await db.insert(companySettings).values({ id: 1, companyName: opts.companyName ?? 'My Company' }).onConflictDoNothing();
  const email = (opts.adminEmail || 'admin@example.com').toLowerCase();
  if ((await countUsers(db)) > 0) return { admin: { email, password: null, created: false } };
  const password = opts.adminPassword || crypto.randomBytes(12).toString('base64url');
  await createUser(db, { email, name: 'Administrator', password, permissions: [], isAdmin: true });
  return { admin: { email, password, created: true } };
}

export async function isEmptyCatalog(db: Db) {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM products`));
  return Number(row.n) === 0;
}
