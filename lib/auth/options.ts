import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { reportUnexpected } from '@/lib/errors';
import { clientAddress, isHttpsRequest, readTrustProxy, type HeaderBag } from '@/lib/http/forwarded';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { signInWithLimits, SignInInput } from './sign-in';
import { lockedSignInError, unavailableSignInError } from './sign-in-errors';

function buildAuthOptions(secureCookies: boolean): NextAuthOptions {
  return {
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/signin' },
    secret: process.env.NEXTAUTH_SECRET,
    // `__Secure-`/`__Host-` cookies over HTTPS, decided per request: NEXTAUTH_URL alone says
    // nothing about a deployment behind a TLS-terminating proxy.
    useSecureCookies: secureCookies,
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const input = SignInInput.safeParse(credentials ?? {});
          if (!input.success) return null;
          let result;
          try {
            const address = clientAddress(req.headers ?? {}, readTrustProxy(process.env.TRUST_PROXY));
            result = await signInWithLimits(await getDb(), { ...input.data, address });
          } catch (e) {
            // next-auth would send the error's own text to the browser as `error`: send a reference.
            throw new Error(unavailableSignInError(reportUnexpected(e, { where: 'sign-in' })));
          }
          if (result.status === 'locked') throw new Error(lockedSignInError(result.lock));
          if (result.status === 'invalid') return null;
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
    ],
    callbacks: {
      // Only the user id travels in the token; permissions are read from the database on every
      // request so a deactivation or a permission change takes effect at once.
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid as string | undefined };
      },
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeNextPath(url, { origin: baseUrl })}`;
      },
    },
  };
}

const OPTIONS = { secure: buildAuthOptions(true), plain: buildAuthOptions(false) };

/**
 * next-auth's options for one request. The route handler, getServerSession and the proxy's
 * getToken must all agree on the cookie names, so each derives them from the request this way.
 */
export function authOptionsFor(headers: HeaderBag): NextAuthOptions {
  return isHttpsRequest(headers) ? OPTIONS.secure : OPTIONS.plain;
}
