import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { rowsOf } from '@/db/driver';
import { users } from '@/db/schema';
import { startTestSandbox, type TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { absolute, findAppFiles } from '@/test/app-files';
import { createTestDb } from '@/test/db';
import { seedCompany } from '@/test/seeded-company';
import { createApiKey } from '@/lib/api/keys';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { testSession, userWith } from '@/test/session';

/**
 * Every route handler on disk (but next-auth's), called by an administrator on a seeded database
 * with generated path params (real ids of any table, unknown and malformed ids) and search params
 * (the names the routes read, with wrong types, 100 kB strings, NULs, repeated keys): each answers
 * with a status of its own (200, a redirect, 4xx, 502 when Amazon refuses), never a 500 or the
 * "Something went wrong" body, and a download streams to its end.
 */
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

const RUNS_PER_ROUTE = Number(process.env.BAD_INPUT_RUNS ?? 20);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { access?: unknown; body?: z.ZodType };

let sandbox: TestSandbox;
const realIds: string[] = [];
/** A real API key of the administrator with every permission, for /api/v1. */
let apiKey = '';
let lastLogged = '';

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000 });
  process.env.SANDBOX_URL = sandbox.url;
  const { db } = await createTestDb();
  await seedCompany(db);
  testSession.db = db;
  const [admin] = await db.select({ id: users.id }).from(users).limit(1);
  testSession.user = { ...userWith([], admin!.id), isAdmin: true };
  process.env.API_RATE_LIMIT_PER_MINUTE = '100000';
  apiKey = (await createApiKey(db, admin!.id, { name: 'Fuzz', ownerId: admin!.id, permissions: [...PERMISSIONS] })).key;
  const tables = rowsOf<{ t: string }>(
    await db.execute(sql`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY 1`),
  );
  for (const { t } of tables) realIds.push(...rowsOf<{ id: string }>(await db.execute(sql`SELECT id::text AS id FROM ${sql.identifier(t)} LIMIT 2`)).map((r) => r.id));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lastLogged = args.map(String).join(' ');
  });
}, 120_000);

afterAll(async () => {
  testSession.db = null;
  testSession.user = null;
  await sandbox?.close();
});

const QUERY_NAMES = ['cursor', 'limit', 'productId', 'locationId', 'q', 'status', 'connection', 'connectionId', 'from', 'to', 'days', 'sort', 'dir', 'after', 'location', 'sku', 'state', 'code', 'selling_partner_id', 'spapi_oauth_code', 'error', 'page', 'readyToShipFrom'];

function valueArb() {
  return fc.oneof(
    fc.constantFrom('', ' ', 'abc', '-1', '0.5', '99999999999999999999', 'NaN', '2026-02-30', '9999-12-31', '1970-01-01', 'asc', 'desc', 'Queued', 'Delivered', 'DEMO-001', '\u0000', 'a\u0000b', '%', '../..', '[]'),
    fc.constantFrom('x'.repeat(100_000), '9'.repeat(100_000)),
    fc.constantFrom(...realIds),
    fc.uuid(),
    fc.constantFrom('not-a-uuid', '00000000-0000-4000-8000-00000000000g'),
    fc.string({ maxLength: 30, unit: 'grapheme' }),
  );
}

/** A uuid-shaped or malformed value for each dynamic segment. */
function paramsArb(file: string) {
  const names = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  return fc.tuple(...names.map((n) => valueArb().map((v) => [n, v] as const))).map((pairs) => Object.fromEntries(pairs) as Record<string, string>);
}

const queryArb = () => fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), valueArb()), { maxLength: 6 });

function urlFor(file: string, params: Record<string, string>, query: [string, string][]) {
  const path = file
    .replace(/^app/, '')
    .replace(/\/\([^)]*\)/g, '')
    .replace(/\/route\.ts$/, '')
    .replace(/\[(\w+)\]/g, (_, n: string) => encodeURIComponent(params[n] ?? ''));
  const sp = new URLSearchParams();
  for (const [k, v] of query) sp.append(k, v);
  return `http://localhost${path}?${sp}`;
}

/** A JSON body for an API write: anything JSON, or the schema's own fields with bad values. */
function bodyArb(schema: z.ZodType | undefined) {
  const shape = (schema as { def?: { in?: { shape?: object }; shape?: object } } | undefined)?.def;
  const fields = Object.keys(shape?.shape ?? shape?.in?.shape ?? {});
  const wrongTyped = fc.oneof(valueArb(), fc.constantFrom(null, -1, 0.5, 1e308, true, [], {}, { '1': 'x' }));
  return fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fields.length ? fc.dictionary(fc.constantFrom(...fields), wrongTyped, { maxKeys: fields.length }).map((v) => JSON.stringify(v)) : fc.constant('{}'),
    fc.constantFrom('', '{', 'null', '[]', '{"sku":"\\u0000"}'),
  );
}

async function problemWith(file: string, method: string, handler: Handler, params: Record<string, string>, query: [string, string][], body?: string): Promise<string | null> {
  lastLogged = '';
  let res: Response;
  try {
    const api = typeof handler.access === 'object' && handler.access !== null && 'api' in handler.access;
    const headers: Record<string, string> = api ? { authorization: `Bearer ${apiKey}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    res = await handler(new NextRequest(urlFor(file, params, query), { method, headers, body }), { params: Promise.resolve(params) });
  } catch (e) {
    return `threw ${(e as Error).message}`;
  }
  let answer: string;
  try {
    answer = await res.text();
  } catch (e) {
    return `the body broke off: ${(e as Error).message} ${lastLogged.split('\n').slice(0, 4).join(' | ')}`;
  }
  if (res.status >= 500 && res.status !== 502 && res.status !== 503) return `answered ${res.status}: ${answer.slice(0, 200)} ${lastLogged.split('\n').slice(0, 4).join(' | ')}`;
  if (/Something went wrong/.test(answer)) return `answered the unexpected-error body (${res.status})`;
  return null;
}

const files = findAppFiles('route.ts').filter((f) => !f.includes('[...nextauth]'));

describe('every route handler answers bad params with a status of its own, never a 500', () => {
  for (const file of files) {
    it(file, async () => {
      const mod = (await import(absolute(file))) as Record<string, unknown>;
      for (const method of METHODS.filter((m) => typeof mod[m] === 'function')) {
        const found: string[] = [];
        await fc
          .assert(
            fc.asyncProperty(paramsArb(file), queryArb(), bodyArb((mod[method] as Handler).body), async (params, query, body) => {
              const handler = mod[method] as Handler;
              const problem = await problemWith(file, method, handler, params, query, handler.body ? body : undefined);
              if (problem) found.push(`${method}: ${problem}\n  params ${JSON.stringify(params).slice(0, 200)} query ${JSON.stringify(query).slice(0, 300)} body ${handler.body ? body.slice(0, 300) : '-'}`);
              return problem === null;
            }),
            { numRuns: RUNS_PER_ROUTE, endOnFailure: true, reporter: () => {} },
          )
          .catch(() => {});
        expect(found.at(-1) ?? null).toBeNull();
      }
    }, 120_000);
  }

  it('the check catches a 500, the unexpected-error body, a throw and a download that breaks off', async () => {
    const f = 'app/api/made-up/[id]/route.ts';
    const p = { id: 'x' };
    expect(await problemWith(f, 'GET', async () => Response.json({ error: 'db down' }, { status: 500 }), p, [])).toMatch(/^answered 500/);
    expect(await problemWith(f, 'GET', async () => Response.json({ error: 'Something went wrong on our side. Reference: X.' }, { status: 400 }), p, [])).toMatch(/unexpected-error body/);
    expect(await problemWith(f, 'GET', async () => Promise.reject(new Error('boom')), p, [])).toBe('threw boom');
    const broken = new ReadableStream({
      pull(c) {
        c.error(new Error('query failed mid-CSV'));
      },
    });
    expect(await problemWith(f, 'GET', async () => new Response(broken), p, [])).toMatch(/^the body broke off: query failed mid-CSV/);
  });
});
