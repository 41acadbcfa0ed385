import crypto from 'node:crypto';
import type { Db } from '@/db';
import { companySettings, products } from '@/db/schema';
import { createUser, countUsers } from '@/lib/auth/users';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';

export type BootstrapResult = {
  admin: {
    email: string;
    /**
     * Only a password generated here, for the caller to print once (it is stored only as a hash).
     * One the operator supplied through ADMIN_PASSWORD is never handed back: logs outlive secrets.
     */
    password: string | null;
    created: boolean;
  };
};

/**
 * Makes an empty database usable: the ten price tiers, the company row and, when there is no user
 * at all, an administrator from ADMIN_EMAIL / ADMIN_PASSWORD or with a generated password.
 */
export async function bootstrap(db: Db, opts: { adminEmail?: string; adminPassword?: string; companyName?: string }): Promise<BootstrapResult> {
  await ensurePriceTiers(db);
  await db.insert(companySettings).values({ id: 1, companyName: opts.companyName ?? 'My Company' }).onConflictDoNothing();
  const email = (opts.adminEmail || 'admin@example.com').toLowerCase();
  if ((await countUsers(db)) > 0) return { admin: { email, password: null, created: false } };
  const password = opts.adminPassword || crypto.randomBytes(12).toString('base64url');
  await createUser(db, { email, name: 'Administrator', password, permissions: [], isAdmin: true });
  return { admin: { email, password: opts.adminPassword ? null : password, created: true } };
}

/** The start script's sign-in line: shows a password only when it was generated on this start. */
export function adminSignInMessage(admin: BootstrapResult['admin']): string {
  if (!admin.created) return `Sign in as ${admin.email} (the administrator created on first start) or any user made in Settings → Users.`;
  if (admin.password === null) return `Sign in as ${admin.email} with the password set in ADMIN_PASSWORD.`;
  return `Sign in as ${admin.email} with password ${admin.password}  (generated now and shown only once: write it down)`;
}

/** The demo company is seeded only into a database without products: never over someone's data. */
export async function isEmptyCatalog(db: Db) {
  return (await db.$count(products)) === 0;
}
