import { hkdf } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import type { NextApiRequest } from 'next';
import { getToken, type JWT } from 'next-auth/jwt';

/**
 * next-auth's session key: HKDF-SHA256 of the secret (no salt, its fixed info string), derived once
 * per secret. next-auth's own `decode` derives it again for every token it reads, which the proxy
 * and the page each do per request: a twentieth of a list page's server CPU.
 */
const sessionKeys = new Map<string, Promise<Uint8Array>>();
function sessionKey(secret: string): Promise<Uint8Array> {
  let key = sessionKeys.get(secret);
  if (!key) {
    key = new Promise((resolve, reject) =>
      hkdf('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32, (err, bytes) => (err ? reject(err) : resolve(new Uint8Array(bytes)))),
    );
    sessionKeys.set(secret, key);
  }
  return key;
}

/**
 * Decrypts a session token as next-auth's `decode` does (JWE "dir" + A256GCM, 15 s clock
 * tolerance), with the key derived once. Passed as `decode` to `getToken`, which answers null for
 * anything this throws on (altered, expired, foreign).
 */
export async function decodeSessionToken({ token, secret }: { token?: string; secret: string | Buffer }): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await sessionKey(String(secret)), { clockTolerance: 15 });
  return payload as JWT;
}

/**
 * The signed-in user's id from next-auth's session cookie: the encrypted JWT the proxy already
 * checks (`getToken`, the same cookie name per HTTPS or not), decoded on its own. next-auth's
 * `getServerSession` returned the same `uid` (our session callback copies it from the token), but
 * for each page it also built its whole sign-in handler, made a CSRF token and encrypted a renewed
 * token into a cookie a page cannot set: about a tenth of a list page's CPU. An expired, altered or
 * foreign token, or none, is null; only the cookie counts (no `Authorization` header).
 */
export async function sessionUid(cookies: Record<string, string>, opts: { secure: boolean; secret: string | undefined }): Promise<string | null> {
  // getToken reads cookies and headers off any request-like object; these are the only two it reads.
  const req = { cookies, headers: {} } as unknown as NextApiRequest;
  const token = await getToken({ req, secret: opts.secret, secureCookie: opts.secure, decode: decodeSessionToken });
  return typeof token?.uid === 'string' ? token.uid : null;
}
