import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { decodeSessionToken } from '@/lib/auth/session-token';
import { consentPageOrigins } from '@/lib/fba/consent-page';
import { isHttpsRequest } from '@/lib/http/forwarded';
import { BODY_TOO_LARGE_MESSAGE, declaresTooLargeBody, FOREIGN_ORIGIN_MESSAGE, isForeignOriginWrite } from '@/lib/http/request-guards';
import { applySecurityHeaders, contentSecurityPolicy, newNonce } from '@/lib/http/security-headers';

/**
 * Reachable without a session: signing in itself, next-auth's endpoints, the health check, and the
 * public API, whose every handler checks its bearer key itself (lib/api/route.ts `apiRoute`).
 */
const PUBLIC_PATH = /^\/(signin|api\/auth|api\/health|api\/v1)(\/|$)/;

/**
 * Every request but static files passes here, in this order: refuse what must never be parsed
 * (a body over the upload limit, a write sent by another site), then require a session outside
 * the public paths, and put the security headers on whatever is answered.
 */
export async function proxy(req: NextRequest) {
  const https = isHttpsRequest(req.headers);
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development', https, formActions: consentPageOrigins() });
  const answer = (res: NextResponse) => {
    applySecurityHeaders(res.headers, csp);
    return res;
  };

  if (declaresTooLargeBody(req.headers)) return answer(plain(BODY_TOO_LARGE_MESSAGE, 413));
  // Next.js would also refuse a foreign server action, but as a 500 after parsing the body.
  if (isForeignOriginWrite(req.method, req.headers, req.nextUrl.pathname)) return answer(plain(FOREIGN_ORIGIN_MESSAGE, 403));

  const { pathname, search } = req.nextUrl;
  if (!PUBLIC_PATH.test(pathname)) {
    const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET, secureCookie: https, decode: decodeSessionToken });
    if (!token) {
      if (pathname.startsWith('/api/')) return answer(NextResponse.json({ error: 'Sign in first.' }, { status: 401 }));
      const url = req.nextUrl.clone();
      url.pathname = '/signin';
      url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
      return answer(NextResponse.redirect(url));
    }
  }

  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  return answer(NextResponse.next({ request: { headers: requestHeaders } }));
}

function plain(message: string, status: number) {
  return new NextResponse(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export const config = {
  // Static build files are the same for everyone; next.config.ts gives them the fixed headers.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
