import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken, sessionUid } from './session-token';

const SECRET = 'session-token-test-secret-0000000000000';
const UID = '3f0c7c52-6a55-4f55-9d6e-0b8f2f1f9a01';
const token = (opts: { secret?: string; maxAge?: number; uid?: unknown } = {}) =>
  encode({ token: { sub: UID, uid: 'uid' in opts ? opts.uid : UID, email: 'a@example.com', name: 'A' }, secret: opts.secret ?? SECRET, maxAge: opts.maxAge ?? 3600 });

describe('sessionUid: who a page is rendered for, from the session cookie', () => {
  it('is the uid of a token next-auth issued, under the cookie name for plain HTTP', async () => {
    expect(await sessionUid({ 'next-auth.session-token': await token() }, { secure: false, secret: SECRET })).toBe(UID);
  });

  it('over HTTPS reads only the __Secure- cookie, as next-auth and the proxy do', async () => {
    const t = await token();
    expect(await sessionUid({ '__Secure-next-auth.session-token': t }, { secure: true, secret: SECRET })).toBe(UID);
    expect(await sessionUid({ 'next-auth.session-token': t }, { secure: true, secret: SECRET })).toBeNull();
  });

  it('reads a token next-auth split into chunks (.0, .1)', async () => {
    const t = await token();
    const cut = Math.floor(t.length / 2);
    expect(await sessionUid({ 'next-auth.session-token.1': t.slice(cut), 'next-auth.session-token.0': t.slice(0, cut) }, { secure: false, secret: SECRET })).toBe(UID);
  });

  it('refuses a token sealed with another secret, an altered one, an expired one and none', async () => {
    const opts = { secure: false, secret: SECRET };
    expect(await sessionUid({ 'next-auth.session-token': await token({ secret: 'another-secret-000000000000000000000000' }) }, opts)).toBeNull();
    const t = await token();
    const altered = t.slice(0, -6) + (t.at(-6) === 'A' ? 'B' : 'A') + t.slice(-5);
    expect(await sessionUid({ 'next-auth.session-token': altered }, opts)).toBeNull();
    // Past next-auth's 15 s of clock tolerance.
    expect(await sessionUid({ 'next-auth.session-token': await token({ maxAge: -60 }) }, opts)).toBeNull();
    expect(await sessionUid({}, opts)).toBeNull();
  });

  it('is null for a valid token without a uid (not one our sign-in issued)', async () => {
    expect(await sessionUid({ 'next-auth.session-token': await token({ uid: undefined }) }, { secure: false, secret: SECRET })).toBeNull();
  });

  it('decodes exactly what next-auth’s own decode does (the proxy and pages use this one, its key derived once)', async () => {
    const t = await token();
    expect(await decodeSessionToken({ token: t, secret: SECRET })).toEqual(await decode({ token: t, secret: SECRET }));
    // Twice with one secret, and another secret after it: each key is its own.
    expect(await decodeSessionToken({ token: t, secret: SECRET })).toMatchObject({ uid: UID });
    await expect(decodeSessionToken({ token: t, secret: 'another-secret-000000000000000000000000' })).rejects.toThrow();
  });
});
