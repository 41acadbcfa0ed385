import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { isHttpsRequest } from '@/lib/http/forwarded';
import { can, type Permission, type SessionUser } from './permissions';
import { sessionUid } from './session-token';
import { findActiveUser } from './users';

/** The signed-in, still active user, read fresh from the database once per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const [h, c] = await Promise.all([headers(), cookies()]);
  const jar = Object.fromEntries(c.getAll().map((k) => [k.name, k.value]));
  // The cookie's name follows the request's scheme, as next-auth's options (lib/auth/options.ts) and the proxy decide it.
  const uid = await sessionUid(jar, { secure: isHttpsRequest(h), secret: process.env.NEXTAUTH_SECRET });
  if (!uid) return null;
  return findActiveUser(await getDb(), uid);
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/signin');
  return user;
}

/** For pages: signed-out users go to sign-in; users without the permission see why. */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user, permission)) redirect(`/not-allowed?permission=${encodeURIComponent(permission)}`);
  return user;
}

/** For administrators' pages (backups): others see that only an administrator may open it. */
export async function requireAdministrator(): Promise<SessionUser> {
  const user = await requireUser();
  if (!user.isAdmin) redirect('/not-allowed?administrator=1');
  return user;
}
