import { describe, expect, it } from 'vitest';
import { lockedSignInError, signInErrorMessage, unavailableSignInError } from './sign-in-errors';

const at = { now: new Date('2026-03-02T09:00:20Z'), locale: 'en-GB', timeZone: 'UTC' };

describe('signInErrorMessage', () => {
  it('says until when an account or a network is locked, rounded up to a minute that works', () => {
    const error = lockedSignInError({ scope: 'account', retryAfterMs: 14 * 60 * 1000 + 30_000 });
    expect(error).toBe('SignInLocked:account:870');
    expect(signInErrorMessage(error, at)).toBe('Too many failed sign-ins for this email address. Try again at 9:15 (in 15 minutes).');
    expect(signInErrorMessage('SignInLocked:address:40', at)).toBe('Too many failed sign-ins from your network. Try again at 9:01 (in 1 minute).');
  });

  it('keeps the old words for a wrong password and never shows an unknown error’s text', () => {
    expect(signInErrorMessage('CredentialsSignin')).toBe('Email or password is incorrect, or the account is deactivated.');
    expect(signInErrorMessage(unavailableSignInError('ABCD-EFGH'))).toContain('Reference: ABCD-EFGH.');
    for (const e of ['SignInUnavailable:<b>x</b>', 'connect ECONNREFUSED 127.0.0.1:5432', 'SignInLocked:account:', 'SignInLocked:everyone:60', null])
      expect(signInErrorMessage(e)).toBe('Signing in is not possible right now. Try again in a moment.');
  });
});
