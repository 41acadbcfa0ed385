import { unstable_rethrow } from 'next/navigation';
import { connection, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { can, type Permission, type SessionUser } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { isDomainError, reportUnexpected, type ErrorCode } from '@/lib/errors';
import { readSearchParams, type SearchParams } from './search-params';

/** The HTTP status of each expected error, for route handlers and the public API alike. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  DUPLICATE: 409,
  INSUFFICIENT_STOCK: 409,
  INVALID_TRANSITION: 409,
  STALE_STATE: 409,
  EXTERNAL_LOCATION: 409,
  IN_USE: 409,
  AMAZON_ERROR: 502,
};

const NO_STORE = { 'Cache-Control': 'no-store' };

export const jsonError = (status: number, body: Record<string, string>) => Response.json(body, { status, headers: NO_STORE });

type Access =
  /** Answers without signing in (health checks). */
  | 'public'
  /** Any signed-in user. */
  | 'signed-in'
  /** Administrators only (users.is_admin), whatever permissions others hold (backups). */
  | 'administrator'
  /** A user with this permission, or with any one of these. */
  | Permission
  | readonly Permission[];

type Ctx<P, A> = { req?: NextRequest; user: A extends 'public' ? SessionUser | null : SessionUser; params: P; query: SearchParams };

/**
 * Every route handler under app/api (except next-auth's) goes through here: authenticate and
 * authorise on the server (proxy.ts only checks sign-in), read path params through a schema and
 * search params without characters the database cannot hold, then map expected errors to 4xx JSON
 * and anything else to a 500 with a reference that is also in the server log.
 */
export function route<const A extends Access, S extends z.ZodType<Record<string, unknown>> | undefined = undefined>(
  opts: { access: A; params?: S; notFound?: string },
  handler: (ctx: Ctx<S extends z.ZodType ? z.infer<S> : Record<string, never>, A>) => Promise<Response>,
) {
  // `req` is optional only so tests can call a handler that reads nothing from the request.
  const handle = async (req?: NextRequest, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    // Never prerendered at build time, even when the handler itself reads nothing from the request.
    await connection();
    let user: SessionUser | null = null;
    try {
      if (opts.access !== 'public') {
        user = await getSessionUser();
        if (!user) return jsonError(401, { error: 'Sign in first.' });
        if (opts.access === 'administrator' && !user.isAdmin) return jsonError(403, { error: 'Not allowed: only an administrator may do this.' });
        const wanted =
          opts.access === 'signed-in' || opts.access === 'administrator' ? [] : typeof opts.access === 'string' ? [opts.access as Permission] : (opts.access as readonly Permission[]);
        if (wanted.length > 0 && !wanted.some((p) => can(user!, p)))
          return jsonError(403, { error: wanted.length === 1 ? `Not allowed: you need the ${wanted[0]} permission.` : 'Not allowed.' });
      }
      const raw = (await context?.params) ?? {};
      let params: Record<string, unknown> = {};
      if (opts.params) {
        const parsed = opts.params.safeParse(raw);
        if (!parsed.success) return jsonError(404, { error: opts.notFound ?? 'Not found.' });
        params = parsed.data;
      }
      const query = readSearchParams(req?.nextUrl.searchParams ?? new URLSearchParams());
      return await handler({ req, user, params, query } as Ctx<S extends z.ZodType ? z.infer<S> : Record<string, never>, A>);
    } catch (e) {
      unstable_rethrow(e);
      if (isDomainError(e)) return jsonError(ERROR_STATUS[e.code], { error: e.message });
      const reference = reportUnexpected(e, { where: req ? `${req.method} ${req.nextUrl.pathname}` : 'route handler', userId: user?.id });
      return jsonError(500, { error: `Something went wrong on our side. Reference: ${reference}.`, reference });
    }
  };
  // Exposed so a test can find every route handler on disk and check who it lets in.
  return Object.assign(handle, { access: opts.access });
}
