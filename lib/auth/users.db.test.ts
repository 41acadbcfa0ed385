import bcrypt from 'bcryptjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { createTestDb } from '@/test/db';
import { DUMMY_PASSWORD_HASH, PASSWORD_HASH_ROUNDS, verifyPassword } from './password';
import { createUser, listUsers, updateUserAccess, verifyCredentials } from './users';

// The real compare, watched: which hash each sign-in compared against.
vi.mock('./password', async (importOriginal) => {
  const real = await importOriginal<typeof import('./password')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

describe('users', () => {
  it('signs in with the right password only, and never once deactivated', async () => {
    const admin = await createUser(db, { email: 'Boss@Example.com', name: 'Boss', password: 'boss-password-1', permissions: [], isAdmin: true });
    const u = await createUser(db, { email: 'clerk@example.com', name: 'Clerk', password: 'clerk-password-1', permissions: ['Stocktake'] });
    expect(await verifyCredentials(db, 'boss@example.com', 'boss-password-1')).toMatchObject({ isAdmin: true });
    expect(await verifyCredentials(db, 'clerk@example.com', 'wrong')).toBeNull();
    expect((await verifyCredentials(db, 'clerk@example.com', 'clerk-password-1'))?.permissions).toEqual(['Stocktake']);
    await updateUserAccess(db, admin.id, { userId: u.id, active: false, permissions: ['Stocktake', 'Products'] });
    expect(await verifyCredentials(db, 'clerk@example.com', 'clerk-password-1')).toBeNull();
    const row = (await listUsers(db)).find((x) => x.id === u.id)!;
    expect(row).toMatchObject({ active: false, permissions: ['Stocktake', 'Products'] });
  });

  it('refuses a duplicate email, self-deactivation and locking out the last administrator', async () => {
    await expect(createUser(db, { email: 'boss@example.com', name: 'Again', password: 'x'.repeat(10), permissions: [] })).rejects.toThrow('already exists');
    const boss = (await listUsers(db)).find((x) => x.email === 'boss@example.com')!;
    await expect(updateUserAccess(db, boss.id, { userId: boss.id, active: false, permissions: [] })).rejects.toThrow('cannot deactivate yourself');
    const other = await createUser(db, { email: 'ops@example.com', name: 'Ops', password: 'ops-password-1', permissions: ['Users'] });
    await expect(updateUserAccess(db, other.id, { userId: boss.id, active: false, permissions: [] })).rejects.toThrow('last active administrator');
  });

  it('an unknown email costs the same bcrypt compare as a known one, so timing does not tell them apart', async () => {
    await createUser(db, { email: 'timing@example.com', name: 'Timing', password: 'timing-password-1', permissions: [] });
    const compare = vi.mocked(verifyPassword);
    compare.mockClear();
    expect(await verifyCredentials(db, 'timing@example.com', 'wrong-password')).toBeNull();
    expect(await verifyCredentials(db, 'no-such-user@example.com', 'wrong-password')).toBeNull();
    expect(compare).toHaveBeenCalledTimes(2);
    expect(compare.mock.calls[1]).toEqual(['wrong-password', DUMMY_PASSWORD_HASH]);
    // The dummy hash costs what a real one costs.
    const [[, realHash]] = compare.mock.calls;
    expect(bcrypt.getRounds(DUMMY_PASSWORD_HASH)).toBe(PASSWORD_HASH_ROUNDS);
    expect(bcrypt.getRounds(realHash)).toBe(PASSWORD_HASH_ROUNDS);
  });
});
