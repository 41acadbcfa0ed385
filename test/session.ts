import type { Db } from '@/db';
import { can, type Permission, type SessionUser } from '@/lib/auth/permissions';

/**
 * The signed-in user and database that app code sees in a test. A test file mocks the two modules
 * with the factories below and then sets `testSession.user` / `testSession.db`:
 *   vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
 *   vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
 * (this file never imports the modules it stands in for, so loading it cannot load them).
 */
export const testSession: { user: SessionUser | null; db: Db | null } = { user: null, db: null };

const SOMEONE = '00000000-0000-4000-8000-000000000001';

/** A user with exactly these permissions (the id of a real users row when the action writes it). */
export function userWith(permissions: readonly (Permission | string)[], id = SOMEONE): SessionUser {
  return { id, email: 'user@example.com', name: 'Test user', isAdmin: false, permissions: [...permissions] };
}

/** Signs in as a user with these permissions for the calls that follow. */
export function signInAs(permissions: readonly (Permission | string)[], id?: string): SessionUser {
  testSession.user = userWith(permissions, id ?? testSession.user?.id);
  return testSession.user;
}

class SignedOut extends Error {}

export function sessionModule() {
  const requireUser = async () => {
    if (!testSession.user) throw new SignedOut('requireUser() called while signed out');
    return testSession.user;
  };
  const requirePermission = async (permission: Permission) => {
    const user = await requireUser();
    if (!can(user, permission)) throw new Error(`requirePermission(${permission}) refused`);
    return user;
  };
  const requireAdministrator = async () => {
    const user = await requireUser();
    if (!user.isAdmin) throw new Error('requireAdministrator() refused');
    return user;
  };
  return { getSessionUser: async () => testSession.user, requireUser, requirePermission, requireAdministrator };
}

export function dbModule() {
  return {
    getDb: async () => {
      if (!testSession.db) throw new Error('the database must not be reached in this test');
      return testSession.db;
    },
  };
}

/**
 * Stands in for the API key lookup (lib/api/principal.ts) where the database must not be reached:
 * "Authorization: Bearer test-key:Products|Sale" acts with exactly those permissions.
 *   vi.mock('@/lib/api/principal', () => import('@/test/session').then((m) => m.apiPrincipalModule()));
 */
export function apiPrincipalModule() {
  return {
    apiPrincipalOf: async (authorization: string | null) => {
      const m = /^Bearer test-key:(.*)$/.exec(authorization ?? '');
      if (!m) return null;
      return { keyId: 'test-key', keyName: 'Test key', user: userWith(m[1] ? m[1].split('|') : []) };
    },
  };
}

/** The Authorization header of a stand-in key with these permissions. */
export const testKeyHeader = (permissions: readonly string[]) => `Bearer test-key:${permissions.join('|')}`;
