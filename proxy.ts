import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

/** Every page except sign-in (and the auth and health endpoints) needs a signed-in user. */
export async function proxy(req: NextRequest) {
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  if (req.nextUrl.pathname.startsWith('/api/')) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  const url = req.nextUrl.clone();
  url.pathname = '/signin';
  url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/((?!signin|api/auth|api/health|_next/static|_next/image|favicon.ico).*)'],
};
