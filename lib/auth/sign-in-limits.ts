import { createHash } from 'node:crypto';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db';
import { signInLimits } from '@/db/schema';

/** Failures counted in a window; after `slowAfter` each answer waits, at `lockAfter` the key is refused. */
export type LimitPolicy = { slowAfter: number; lockAfter: number; windowSeconds: number; lockSeconds: number };

/** Per typed email, whether or not an account has it: an attacker gets 8 guesses per 15 minutes. */
export const ACCOUNT_POLICY: LimitPolicy = { slowAfter: 3, lockAfter: 8, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

/**
 * Per client address: high, so colleagues behind one office address are not locked out by one
 * person (whose own account locks long before), yet a password sprayer over many accounts is.
 */
export const ADDRESS_POLICY: LimitPolicy = { slowAfter: 30, lockAfter: 100, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 4_000;

export type LockScope = 'account' | 'address';
export type SignInLock = { scope: LockScope; retryAfterMs: number };
export type SignInKeys = { email: string; address: string };

/** An attempt either goes ahead (after `delayMs`) or is refused without looking at the password. */
export type Admission = { open: true; delayMs: number; accountCount: number; addressCount: number } | { open: false; lock: SignInLock };

type Limiters = { account: RateLimiterDrizzle; address: RateLimiterDrizzle };
const limiters = new WeakMap<Db, Limiters>();

function limitersFor(db: Db): Limiters {
  let l = limiters.get(db);
  if (!l) {
    const make = (keyPrefix: string, p: LimitPolicy, clearExpiredByTimeout: boolean) =>
      new RateLimiterDrizzle({
        storeClient: db,
        schema: signInLimits,
        keyPrefix,
        points: p.lockAfter,
        duration: p.windowSeconds,
        // Parallel attempts can push the count past the limit before anyone calls block(): this locks then.
        blockDuration: p.lockSeconds,
        // Both live in one table; one sweeper of long-expired rows is enough.
        clearExpiredByTimeout,
      });
    l = { account: make('sign-in:account', ACCOUNT_POLICY, true), address: make('sign-in:address', ADDRESS_POLICY, false) };
    limiters.set(db, l);
  }
  return l;
}

// People sometimes type their password into the email field: keep no typed text in the table.
const accountKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** How long an attempt waits, given the failures already counted before it. */
export function delayFor(failuresBefore: number, policy: LimitPolicy): number {
  if (failuresBefore < policy.slowAfter) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failuresBefore - policy.slowAfter), MAX_DELAY_MS);
}

/**
 * Counts the attempt before the password is checked, so a burst of parallel guesses cannot all
 * slip in under the limit. An attempt refused for its account does not count against its address
 * (one person hammering their locked account must not lock out the office), and one refused for
 * its address gives the account its point back.
 */
export async function admitSignIn(db: Db, keys: SignInKeys): Promise<Admission> {
  const l = limitersFor(db);
  const account = await consume(l.account, accountKey(keys.email));
  if (account instanceof RateLimiterRes) return { open: false, lock: { scope: 'account', retryAfterMs: account.msBeforeNext } };
  const address = await consume(l.address, keys.address);
  if (address instanceof RateLimiterRes) {
    await l.account.reward(accountKey(keys.email), 1);
    return { open: false, lock: { scope: 'address', retryAfterMs: address.msBeforeNext } };
  }
  const delayMs = Math.max(delayFor(account.count - 1, ACCOUNT_POLICY), delayFor(address.count - 1, ADDRESS_POLICY));
  return { open: true, delayMs, accountCount: account.count, addressCount: address.count };
}

/** After a wrong password: the lock it triggers, if it was the last one allowed. */
export async function signInFailed(db: Db, keys: SignInKeys, admitted: { accountCount: number; addressCount: number }): Promise<SignInLock | null> {
  const l = limitersFor(db);
  if (admitted.accountCount >= ACCOUNT_POLICY.lockAfter) {
    await l.account.block(accountKey(keys.email), ACCOUNT_POLICY.lockSeconds);
    return { scope: 'account', retryAfterMs: ACCOUNT_POLICY.lockSeconds * 1000 };
  }
  if (admitted.addressCount >= ADDRESS_POLICY.lockAfter) {
    await l.address.block(keys.address, ADDRESS_POLICY.lockSeconds);
    return { scope: 'address', retryAfterMs: ADDRESS_POLICY.lockSeconds * 1000 };
  }
  return null;
}

/** The right password clears the account's failures, and a success is not held against the address. */
export async function signInSucceeded(db: Db, keys: SignInKeys): Promise<void> {
  const l = limitersFor(db);
  await l.account.delete(accountKey(keys.email));
  await l.address.reward(keys.address, 1);
}

/** The count after this attempt, or the refusal (rate-limiter-flexible rejects with its result, not an Error). */
async function consume(limiter: RateLimiterDrizzle, key: string): Promise<{ count: number } | RateLimiterRes> {
  try {
    return { count: (await limiter.consume(key, 1)).consumedPoints };
  } catch (e) {
    if (e instanceof RateLimiterRes) return e;
    throw e;
  }
}
