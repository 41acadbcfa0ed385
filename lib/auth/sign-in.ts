import { z } from 'zod';
import type { Db } from '@/db';
import type { SessionUser } from './permissions';
import { admitSignIn, signInFailed, signInSucceeded, type SignInLock } from './sign-in-limits';
import { verifyCredentials } from './users';

/** What the sign-in form sends. Anything else is a failed sign-in like a wrong password. */
export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1000),
});

export type SignInResult = { status: 'ok'; user: SessionUser } | { status: 'invalid' } | { status: 'locked'; lock: SignInLock };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A sign-in attempt under the limits of sign-in-limits.ts: refused outright while the account
 * or the address is locked, slowed after a few failures, and the failure that reaches the limit
 * is answered with the lock straight away. `wait` is there for tests, which must not sleep.
 */
export async function signInWithLimits(
  db: Db,
  input: { email: string; password: string; address: string },
  deps: { wait?: (ms: number) => Promise<void> } = {},
): Promise<SignInResult> {
  const keys = { email: input.email, address: input.address };
  const admission = await admitSignIn(db, keys);
  if (!admission.open) return { status: 'locked', lock: admission.lock };
  if (admission.delayMs > 0) await (deps.wait ?? sleep)(admission.delayMs);
  const user = await verifyCredentials(db, input.email, input.password);
  if (user) {
    await signInSucceeded(db, keys);
    return { status: 'ok', user };
  }
  const lock = await signInFailed(db, keys, admission);
  return lock ? { status: 'locked', lock } : { status: 'invalid' };
}
