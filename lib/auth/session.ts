import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { authOptionsFor } from './options';
import { can, type Permission, type SessionUser } from './permissions';
import { findActiveUser } from './users';

/** The signed-in, still active user, read fresh from the database once per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptionsFor(await headers()))) as { uid?: string } | null;
  if (!session?.uid) return null;
  return findActiveUser(await getDb(), session.uid);
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
