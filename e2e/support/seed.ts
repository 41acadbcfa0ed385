import type { Db } from '@/db/client';
import { createUser } from '@/lib/auth/users';

/** The accounts the specs sign in as; written before the server opens the database. */
export const E2E_USERS = {
  admin: { email: 'admin@e2e.test', password: 'e2e-admin-password' },
  clerk: { email: 'clerk@e2e.test', password: 'e2e-clerk-password' },
  // Locked out on purpose by the sign-in throttling spec; nobody else signs in as this user.
  throttled: { email: 'throttled@e2e.test', password: 'e2e-throttled-password' },
} as const;

export async function seedE2e(db: Db) {
  // A clerk with stock permissions but without Products: used to check refusals.
  await createUser(db, { email: E2E_USERS.clerk.email, name: 'Stock Clerk', password: E2E_USERS.clerk.password, permissions: ['Stocktake', 'Stock Adjustment'] });
  await createUser(db, { email: E2E_USERS.throttled.email, name: 'Throttled User', password: E2E_USERS.throttled.password, permissions: [] });
}
