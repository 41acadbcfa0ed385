import type { NextApiRequest } from 'next';
import { getToken } from 'next-auth/jwt';

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
  const token = await getToken({ req, secret: opts.secret, secureCookie: opts.secure });
  return typeof token?.uid === 'string' ? token.uid : null;
}
