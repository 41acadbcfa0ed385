import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { unstable_rethrow } from 'next/navigation';
import { connection, type NextRequest } from 'next/server';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db';
import { withAuditUser } from '@/db/audit-context';
import { apiIdempotency, signInLimits } from '@/db/schema';
import { can, type Permission, type SessionUser } from '@/lib/auth/permissions';
import { isDomainError, reportUnexpected } from '@/lib/errors';
import { ERROR_STATUS } from '@/lib/http/route';
import { unstorableTextProblem } from '@/lib/validation/text';
import type { ApiPrincipal } from './keys';
import { apiPrincipalOf } from './principal';
import { isApiRefusal, pointerOf, problem, type FieldProblem } from './problem';

/** Requests per key per minute: 600, or API_RATE_LIMIT_PER_MINUTE. */
export function rateLimit() {
  return { points: Number(process.env.API_RATE_LIMIT_PER_MINUTE) || 600, windowSeconds: 60 };
}

/**
 * The count lives in the database (the rate-limit table sign-in throttling also uses, under the
 * prefix "api"), not in the process: a deployment runs several web processes (WEB_CONCURRENCY),
 * and a count per process would let a key make that many times its limit.
 */
const limiters = new WeakMap<Db, { limiter: RateLimiterDrizzle; points: number }>();
function limiterFor(db: Db) {
  const { points, windowSeconds } = rateLimit();
  let l = limiters.get(db);
  if (l?.points !== points) {
    l = { points, limiter: new RateLimiterDrizzle({ storeClient: db, schema: signInLimits, keyPrefix: 'api', points, duration: windowSeconds, clearExpiredByTimeout: false }) };
    limiters.set(db, l);
  }
  return l.limiter;
}

/** What a handler answers: JSON and a status (201 with `location` for a create). */
export type ApiResult = { status?: number; body: unknown; location?: string };

type Ctx<P, Q, B> = { req: NextRequest; principal: ApiPrincipal; user: SessionUser; params: P; query: Q; body: B; db: Db | Tx };

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function issuesOf(error: z.ZodError, where: 'body' | 'query'): FieldProblem[] {
  return error.issues.map((i) => (where === 'body' ? { detail: i.message, pointer: pointerOf(i.path) } : { detail: i.message, parameter: String(i.path[0] ?? '') }));
}

/** Query parameters as one string each (the first of a repeated one), refused if the database could not hold them. */
function readQuery(req: NextRequest): { values: Record<string, string> } | { errors: FieldProblem[] } {
  const values: Record<string, string> = {};
  const errors: FieldProblem[] = [];
  for (const [k, v] of req.nextUrl.searchParams) {
    if (k in values) continue;
    const bad = unstorableTextProblem(k) ?? unstorableTextProblem(v);
    if (bad) errors.push({ detail: bad, parameter: k.replace(/\0/g, '') });
    else values[k] = v;
  }
  return errors.length ? { errors } : { values };
}

/** A JSON body where unstorable text anywhere is a field error, not a database error later. */
function unstorableIn(value: unknown, path: (string | number)[] = []): FieldProblem[] {
  if (typeof value === 'string') {
    const bad = unstorableTextProblem(value);
    return bad ? [{ detail: bad, pointer: pointerOf(path) }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableIn(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => {
      const bad = unstorableTextProblem(k);
      return bad ? [{ detail: bad, pointer: pointerOf(path) }] : unstorableIn(v, [...path, k]);
    });
  return [];
}

/**
 * Every /api/v1 handler goes through here: the bearer key (401), the key's permission (403), the
 * per-key rate limit (429, with RateLimit headers on every answer), path, query and JSON body
 * through zod (problem details with one entry per field), then the handler inside the owner's
 * audit context. A POST with an Idempotency-Key runs in one transaction that also keeps its answer:
 * a repeat (even a concurrent one) gets the first answer, never a second write. Expected errors
 * (DomainError) keep their words; anything else is a 500 with a log reference only.
 */
export function apiRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  opts: { permission: Permission; params?: P; query?: Q; body?: B; optionalBody?: boolean; notFound?: string; status?: number; response?: z.ZodType },
  handler: (ctx: Ctx<Out<P>, Out<Q>, Out<B>>) => Promise<ApiResult>,
) {
  const handle = async (req: NextRequest, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    await connection();
    let principal: ApiPrincipal | null = null;
    const limit = rateLimit();
    const rate: Record<string, string> = { 'RateLimit-Policy': `"default";q=${limit.points};w=${limit.windowSeconds}` };
    try {
      principal = await apiPrincipalOf(req.headers.get('authorization'));
      if (!principal)
        return problem(401, 'Send a valid API key: "Authorization: Bearer fbak_…" (Settings → API Keys). The key may be unknown, revoked, or its owner deactivated.', {
          headers: { 'WWW-Authenticate': 'Bearer realm="api"' },
        });
      if (!can(principal.user, opts.permission)) return problem(403, `Not allowed: this key needs the ${opts.permission} permission (its owner must hold it too).`);
      try {
        const used = await limiterFor(await getDb()).consume(principal.keyId);
        rate.RateLimit = `"default";r=${used.remainingPoints};t=${Math.ceil(used.msBeforeNext / 1000)}`;
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const wait = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        return problem(429, `This key made more than ${limit.points} requests in ${limit.windowSeconds} s; try again in ${wait} s.`, {
          headers: { ...rate, RateLimit: `"default";r=0;t=${wait}`, 'Retry-After': String(wait) },
        });
      }
      const answer = await answerFor(req, context, principal, opts, handler);
      for (const [k, v] of Object.entries(rate)) answer.headers.set(k, v);
      return answer;
    } catch (e) {
      unstable_rethrow(e);
      const reference = reportUnexpected(e, { where: `${req.method} ${req.nextUrl.pathname}`, userId: principal?.user.id });
      return problem(500, `Something went wrong on our side. Reference: ${reference}.`, { reference, headers: rate });
    }
  };
  return Object.assign(handle, { access: { api: opts.permission }, body: opts.body, query: opts.query });
}

async function answerFor<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined>(
  req: NextRequest,
  context: { params?: Promise<Record<string, string | string[]>> } | undefined,
  principal: ApiPrincipal,
  opts: { params?: P; query?: Q; body?: B; optionalBody?: boolean; notFound?: string; status?: number; response?: z.ZodType },
  handler: (ctx: Ctx<Out<P>, Out<Q>, Out<B>>) => Promise<ApiResult>,
): Promise<Response> {
  let params: unknown = {};
  if (opts.params) {
    const parsed = opts.params.safeParse((await context?.params) ?? {});
    if (!parsed.success) return problem(404, opts.notFound ?? 'Not found.');
    params = parsed.data;
  }
  const q = readQuery(req);
  if ('errors' in q) return problem(400, 'Check the query parameters.', { errors: q.errors });
  let query: unknown = undefined;
  if (opts.query) {
    const parsed = opts.query.safeParse(q.values);
    if (!parsed.success) return problem(400, 'Check the query parameters.', { errors: issuesOf(parsed.error, 'query') });
    query = parsed.data;
  }
  let body: unknown = undefined;
  let raw = '';
  if (opts.body) {
    raw = await req.text();
    // An operation whose every field has a default may be called with no body at all.
    const empty = opts.optionalBody && raw === '';
    if (!empty && !/^application\/(.+\+)?json\b/i.test(req.headers.get('content-type') ?? '')) return problem(415, 'Send the body as JSON, with "Content-Type: application/json".');
    let json: unknown = {};
    if (!empty)
      try {
        json = JSON.parse(raw);
      } catch {
        return problem(400, 'The body is not valid JSON.');
      }
    const unstorable = unstorableIn(json);
    if (unstorable.length) return problem(422, 'Check the highlighted fields.', { errors: unstorable });
    const parsed = opts.body.safeParse(json);
    if (!parsed.success) return problem(422, 'Check the fields listed in errors.', { errors: issuesOf(parsed.error, 'body') });
    body = parsed.data;
  }
  const idemKey = req.method === 'POST' ? req.headers.get('idempotency-key') : null;
  if (idemKey !== null && !IDEMPOTENCY_KEY.test(idemKey)) return problem(400, 'Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID.');
  const db = await getDb();
  const run = async (tx: Db | Tx) => {
    const result = await handler({ req, principal, user: principal.user, params: params as Out<P>, query: query as Out<Q>, body: body as Out<B>, db: tx });
    if (process.env.VITEST) answersAsDocumented(req, opts, result);
    return result;
  };
  try {
    return await withAuditUser(principal.user.id, async () => {
      if (idemKey === null) return respond(await run(db));
      const requestHash = createHash('sha256').update(`${req.method} ${req.nextUrl.pathname}\n${raw}`).digest('base64url');
      return db.transaction(async (tx) => {
        // One request per (key, Idempotency-Key) at a time: a concurrent repeat waits here, then replays.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${principal.keyId}:${idemKey}`}, 0))`);
        const [kept] = await tx
          .select()
          .from(apiIdempotency)
          .where(and(eq(apiIdempotency.apiKeyId, principal.keyId), eq(apiIdempotency.key, idemKey)));
        if (kept) {
          if (kept.requestHash !== requestHash) return problem(422, 'This Idempotency-Key was used for a different request; use a new key for a new request.');
          return Response.json(kept.body, { status: kept.status, headers: { 'cache-control': 'no-store', 'Idempotent-Replayed': 'true' } });
        }
        const result = await run(tx);
        await tx.insert(apiIdempotency).values({ apiKeyId: principal.keyId, key: idemKey, requestHash, status: result.status ?? 200, body: result.body as object });
        return respond(result);
      });
    });
  } catch (e) {
    unstable_rethrow(e);
    if (isApiRefusal(e)) return problem(e.status, e.message, { errors: e.errors });
    if (isDomainError(e)) {
      const errors = Object.entries(e.fieldErrors ?? {}).flatMap(([field, msgs]) => (msgs ?? []).map((detail) => ({ detail, pointer: pointerOf(field.split('.')) })));
      return problem(ERROR_STATUS[e.code] === 400 ? 422 : ERROR_STATUS[e.code], e.message, { errors });
    }
    throw e;
  }
}

/**
 * Under test, every success must be what the OpenAPI document says (its status and response
 * schema): a handler answering outside its operation fails the test that called it.
 */
function answersAsDocumented(req: NextRequest, opts: { status?: number; response?: z.ZodType }, result: ApiResult) {
  const where = `${req.method} ${req.nextUrl.pathname}`;
  if (opts.status !== undefined && (result.status ?? 200) !== opts.status) throw new Error(`${where} answered ${result.status ?? 200}, its operation says ${opts.status}`);
  const checked = opts.response?.safeParse(result.body);
  if (checked && !checked.success) throw new Error(`${where} answered outside its operation's response schema: ${checked.error.message}`);
}

function respond(result: ApiResult): Response {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (result.location) headers.location = result.location;
  return Response.json(result.body, { status: result.status ?? 200, headers });
}
