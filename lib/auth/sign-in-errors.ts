import { unexpectedMessage } from '@/lib/errors';
import type { LockScope, SignInLock } from './sign-in-limits';

/**
 * next-auth hands the browser only the text of the error `authorize` throws (as `error`), so a
 * lock travels as `SignInLocked:<scope>:<seconds>`, an unexpected failure as
 * `SignInUnavailable:<reference>`, and the form turns them back into words. The form imports
 * this file: nothing server-only (the lock types above are erased).
 */
const LOCKED = /^SignInLocked:(account|address):(\d+)$/;
const UNAVAILABLE = /^SignInUnavailable:([A-Z0-9]{4}-[A-Z0-9]{4})$/;

export function lockedSignInError(lock: SignInLock): string {
  return `SignInLocked:${lock.scope}:${Math.max(Math.ceil(lock.retryAfterMs / 1000), 1)}`;
}

export function unavailableSignInError(reference: string): string {
  return `SignInUnavailable:${reference}`;
}

const WHO: Record<LockScope, string> = { account: 'for this email address', address: 'from your network' };

/** The sign-in form's message for next-auth's `error`, in the user's words. */
export function signInErrorMessage(error: string | null | undefined, opts: { now?: Date; locale?: string; timeZone?: string } = {}): string {
  const locked = error ? LOCKED.exec(error) : null;
  if (locked) {
    const seconds = Number(locked[2]);
    // Shown to the minute, so rounded up: trying again at the time shown always works.
    const until = new Date(Math.ceil(((opts.now ?? new Date()).getTime() + seconds * 1000) / 60_000) * 60_000);
    const at = until.toLocaleTimeString(opts.locale, { hour: 'numeric', minute: '2-digit', timeZone: opts.timeZone });
    const minutes = Math.ceil(seconds / 60);
    return `Too many failed sign-ins ${WHO[locked[1] as LockScope]}. Try again at ${at} (in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}).`;
  }
  if (error === 'CredentialsSignin') return 'Email or password is incorrect, or the account is deactivated.';
  const unavailable = error ? UNAVAILABLE.exec(error) : null;
  if (unavailable) return unexpectedMessage(unavailable[1]);
  return 'Signing in is not possible right now. Try again in a moment.';
}
