import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { users } from '@/db/schema';
import { isUniqueViolation } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password';
import type { Permission, SessionUser } from './permissions';

export type CreateUserInput = { email: string; name: string; password: string; permissions: Permission[]; isAdmin?: boolean };

export async function createUser(db: Db | Tx, input: CreateUserInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await db
      .insert(users)
      .values({ email: input.email.trim().toLowerCase(), name: input.name.trim(), passwordHash, permissions: input.permissions, isAdmin: input.isAdmin ?? false })
      .returning({ id: users.id });
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('DUPLICATE', 'A user with this email already exists.', { email: ['Already in use.'] });
    throw e;
  }
}

/** Null for an unknown email, a wrong password or a deactivated user; the caller says the same for all three. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  // Always one compare, so an unknown email answers as slowly as a known one.
  const matches = await verifyPassword(password, u?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!u || !u.active || !matches) return null;
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, permissions: u.permissions };
}

export async function findActiveUser(db: Db, id: string): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u || !u.active) return null;
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, permissions: u.permissions };
}

export function listUsers(db: Db) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, active: users.active, isAdmin: users.isAdmin, permissions: users.permissions, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.name), asc(users.id));
}

export async function updateUserAccess(db: Db, actorId: string, input: { userId: string; active: boolean; permissions: Permission[] }) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
    if (!target) throw new DomainError('NOT_FOUND', 'That user no longer exists.');
    if (target.id === actorId && !input.active) throw new DomainError('INVALID_INPUT', 'You cannot deactivate yourself.');
    if (target.isAdmin && !input.active) {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`${users.isAdmin} AND ${users.active}`);
      if (n <= 1) throw new DomainError('INVALID_INPUT', 'The last active administrator cannot be deactivated.');
    }
    await tx.update(users).set({ active: input.active, permissions: input.permissions }).where(eq(users.id, input.userId));
  });
}

export async function countUsers(db: Db) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return n;
}
