import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptionsFor } from '@/lib/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

// Options per request: the cookie names depend on whether this request came over HTTPS.
function handler(req: NextRequest, ctx: Context): Promise<Response> {
  return NextAuth(req, ctx, authOptionsFor(req.headers));
}

export { handler as GET, handler as POST };
