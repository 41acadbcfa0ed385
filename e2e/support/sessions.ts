import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import type { SeededUser } from './seed';
import { sessionFileIn } from './state';

/** next-auth's session cookie over plain HTTP; over HTTPS it is `__Secure-` + this. */
const SESSION_COOKIE = 'next-auth.session-token';

/**
 * One Playwright storage state per user with the session cookie next-auth would set after a
 * sign-in: a JWT holding the user id (`uid`, what lib/auth/options.ts puts in it), encrypted with
 * NEXTAUTH_SECRET. Specs then start signed in without the sign-in form, so they neither spend a
 * bcrypt compare each nor count against the sign-in limits that e2e/auth/* provokes on purpose.
 */
export async function writeSessions(opts: { stateDir: string; baseUrl: string; secret: string; maxAgeSeconds: number; users: Record<string, SeededUser> }) {
  const { hostname } = new URL(opts.baseUrl);
  const expires = Math.floor(Date.now() / 1000) + opts.maxAgeSeconds;
  for (const [who, user] of Object.entries(opts.users)) {
    const value = await encode({ token: { sub: user.id, uid: user.id, email: user.email, name: user.name }, secret: opts.secret, maxAge: opts.maxAgeSeconds });
    const state = { cookies: [{ name: SESSION_COOKIE, value, domain: hostname, path: '/', expires, httpOnly: true, secure: false, sameSite: 'Lax' as const }], origins: [] };
    const file = sessionFileIn(opts.stateDir, who);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(state, null, 2));
  }
}
