import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { signInLimits } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { signInWithLimits } from './sign-in';
import { signInErrorMessage, lockedSignInError } from './sign-in-errors';
import { ACCOUNT_POLICY, ADDRESS_POLICY, admitSignIn, signInFailed, signInSucceeded, type SignInLock } from './sign-in-limits';
import { createUser } from './users';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  await createUser(db, { email: 'ann@example.com', name: 'Ann', password: 'ann-password-1', permissions: [] });
  await createUser(db, { email: 'bob@example.com', name: 'Bob', password: 'bob-password-1', permissions: [] });
});

/** Runs one attempt and records the wait it was given instead of sleeping. */
async function attempt(email: string, password: string, address = '198.51.100.1') {
  const waits: number[] = [];
  const result = await signInWithLimits(db, { email, password, address }, { wait: async (ms) => void waits.push(ms) });
  return { ...result, waited: waits.reduce((a, b) => a + b, 0) };
}

/**
 * The same steps as signInWithLimits with the password's verdict given, for the per-address
 * cases: a hundred bcrypt compares per case would only slow the suite down.
 */
async function limited(email: string, address: string, passwordRight: boolean): Promise<{ status: 'ok' | 'invalid'; delayMs: number } | { status: 'locked'; lock: SignInLock }> {
  const keys = { email, address };
  const admission = await admitSignIn(db, keys);
  if (!admission.open) return { status: 'locked', lock: admission.lock };
  if (passwordRight) {
    await signInSucceeded(db, keys);
    return { status: 'ok', delayMs: admission.delayMs };
  }
  const lock = await signInFailed(db, keys, admission);
  return lock ? { status: 'locked', lock } : { status: 'invalid', delayMs: admission.delayMs };
}

describe('sign-in limits', () => {
  it('answers the first failures at once, slows the next ones, then refuses the account with a time to come back', async () => {
    const seen: { status: string; waited: number }[] = [];
    for (let i = 1; i <= ACCOUNT_POLICY.lockAfter; i++) seen.push(await attempt('ann@example.com', `wrong-${i}`));

    expect(seen.slice(0, 3)).toEqual(Array(3).fill({ status: 'invalid', waited: 0 }));
    const slowed = seen.slice(3, -1);
    expect(slowed.every((s) => s.status === 'invalid' && s.waited > 0)).toBe(true);
    // Each slowed answer waits at least as long as the one before.
    expect(slowed.map((s) => s.waited)).toEqual([...slowed.map((s) => s.waited)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ status: 'locked', lock: { scope: 'account', retryAfterMs: 15 * 60 * 1000 } });

    // Locked: even the right password is refused, without being checked (no wait either).
    const right = await attempt('ann@example.com', 'ann-password-1');
    expect(right).toMatchObject({ status: 'locked', waited: 0, lock: { scope: 'account' } });
    if (right.status !== 'locked') throw new Error('expected a lock');
    expect(right.lock.retryAfterMs).toBeGreaterThan(14 * 60 * 1000);
    // …and the form says so, with when to try again.
    const message = signInErrorMessage(lockedSignInError(right.lock), { now: new Date('2026-03-02T09:00:00Z'), locale: 'en-GB', timeZone: 'UTC' });
    expect(message).toBe('Too many failed sign-ins for this email address. Try again at 9:15 (in 15 minutes).');
  });

  it('counts the typed email whether or not it has an account, in any case and spacing', async () => {
    for (let i = 1; i < ACCOUNT_POLICY.lockAfter; i++) expect((await attempt('Nobody@Example.com', 'x')).status).toBe('invalid');
    expect(await attempt('  nobody@example.com ', 'x')).toMatchObject({ status: 'locked', lock: { scope: 'account' } });
  });

  it('a success clears the account’s failures', async () => {
    for (let i = 1; i < ACCOUNT_POLICY.lockAfter; i++) await attempt('bob@example.com', 'wrong');
    expect(await attempt('bob@example.com', 'bob-password-1')).toMatchObject({ status: 'ok', user: { email: 'bob@example.com' } });
    // A full allowance again: the next failures neither wait nor lock.
    for (let i = 1; i <= ACCOUNT_POLICY.slowAfter; i++) expect(await attempt('bob@example.com', 'wrong')).toEqual({ status: 'invalid', waited: 0 });
    expect(await attempt('bob@example.com', 'bob-password-1')).toMatchObject({ status: 'ok' });
  });

  it('refuses an address spraying many accounts, but not a colleague on another address', async () => {
    const sprayer = '203.0.113.50';
    const seen = [];
    for (let i = 1; i <= ADDRESS_POLICY.lockAfter; i++) seen.push(await limited(`user${i % 20}@spray.example`, sprayer, false));
    expect(seen.slice(0, -1).every((s) => s.status === 'invalid')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ status: 'locked', lock: { scope: 'address' } });
    // A fresh account from the same address is refused too (the address, not the account, is locked)…
    const next = await limited('ann-colleague@example.com', sprayer, true);
    expect(next).toMatchObject({ status: 'locked', lock: { scope: 'address' } });
    if (next.status === 'locked')
      expect(signInErrorMessage(lockedSignInError(next.lock))).toMatch(/^Too many failed sign-ins from your network\. Try again at .+ \(in 15 minutes\)\.$/);
    // …without costing that account anything; a colleague elsewhere signs in, for real.
    for (let i = 1; i <= ACCOUNT_POLICY.slowAfter; i++) expect(await limited('ann-colleague@example.com', '203.0.113.51', false)).toEqual({ status: 'invalid', delayMs: 0 });
    expect(await attempt('bob@example.com', 'bob-password-1', '203.0.113.51')).toMatchObject({ status: 'ok', waited: 0 });
  });

  it('successful sign-ins from a shared address never add up to a lock', async () => {
    const office = '192.0.2.200';
    for (let i = 0; i < ADDRESS_POLICY.lockAfter + 5; i++) expect((await limited(`person${i}@office.example`, office, true)).status).toBe('ok');
    expect(await attempt('bob@example.com', 'bob-password-1', office)).toMatchObject({ status: 'ok', waited: 0 });
  });

  it('an account locked by one person does not lock the office address however often they retry', async () => {
    const office = '192.0.2.201';
    for (let i = 0; i < ADDRESS_POLICY.lockAfter + 10; i++) await limited('carol@example.com', office, false);
    expect(await limited('carol@example.com', office, true)).toMatchObject({ status: 'locked', lock: { scope: 'account' } });
    expect(await attempt('bob@example.com', 'bob-password-1', office)).toMatchObject({ status: 'ok', waited: 0 });
  });

  it('keeps no typed email in the counters table', async () => {
    const rows = await db.select({ key: signInLimits.key }).from(signInLimits).where(sql`${signInLimits.key} like 'sign-in:account:%'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.key.includes('@'))).toBe(false);
  });
});
