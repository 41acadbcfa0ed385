import { NextRequest } from 'next/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION, PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { absolute, findAppFiles } from '@/test/app-files';
import { signInAs, testKeyHeader, testSession, userWith } from '@/test/session';

/**
 * Every route handler, found on disk (app/**\/route.ts, except next-auth's own), is built with
 * route() and names who may call it; each exported HTTP method answers a signed-out request with
 * 401 and a user without its permission with 403, before it reads the database, and lets a user
 * with it past the check; an administrator-only route refuses a user holding every permission. A
 * handler without a check fails here with its path.
 */
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));
vi.mock('@/lib/api/principal', () => import('@/test/session').then((m) => m.apiPrincipalModule()));

const { route } = await import('@/lib/http/route');

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Routes that answer without signing in, and why. Nothing else may be public. */
const PUBLIC: Record<string, string> = {
  'app/api/health/route.ts': 'load balancers and npm start ask it; it says only whether the database answers',
  'app/api/v1/openapi.json/route.ts': 'the public API’s description (OpenAPI), as any API publishes its reference: no data',
};

/**
 * Routes open to any signed-in user because the permission is checked inside, and why. Nothing
 * else may be.
 */
const PERMISSION_CHECKED_INSIDE: Record<string, string> = {
  'app/(app)/integration/amazon/callback/route.ts':
    'completeAmazonAuthorisation checks the FBA permission so a refused callback still ends its attempt with the reason (lib/fba/amazon-authorisation.db.test.ts)',
  'app/api/scan/zxing-reader/route.ts':
    'no permission to check: the camera scanner’s WebAssembly reader (a public package’s file, no data) for every screen that scans, whichever permission opened it',
};

const files = findAppFiles('route.ts').filter((f) => !f.includes('[...nextauth]'));

type Handler = ((req: NextRequest, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>) & { access?: unknown };

/** A uuid for every dynamic segment of the route's path (`[id]`, `[inboundId]`). */
function paramsFor(file: string): Record<string, string> {
  const names = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((n, i) => [n, `00000000-0000-4000-8000-00000000000${i + 1}`]));
}

function urlFor(file: string): string {
  const params = paramsFor(file);
  const p = file
    .replace(/^app/, '')
    .replace(/\/\([^)]*\)/g, '')
    .replace(/\/route\.ts$/, '')
    .replace(/\[(\w+)\]/g, (_, n: string) => params[n]!);
  return `http://localhost${p || '/'}`;
}

function declaredPermissions(access: unknown): Permission[] | null {
  const list = typeof access === 'string' ? [access] : Array.isArray(access) ? access : null;
  if (!list || list.length === 0 || !list.every((p) => (PERMISSIONS as readonly unknown[]).includes(p))) return null;
  return list as Permission[];
}

/** What is wrong with one route file's handlers: empty when every method checks who calls it. */
async function problemsOf(file: string, mod: Record<string, unknown>): Promise<string[]> {
  const problems: string[] = [];
  const handlers = METHODS.filter((m) => typeof mod[m] === 'function').map((m) => [m, mod[m] as Handler] as const);
  if (handlers.length === 0) problems.push(`${file}: exports no HTTP method`);
  for (const [method, handler] of handlers) {
    const where = `${file} ${method}`;
    const call = (headers: Record<string, string> = {}) => handler(new NextRequest(urlFor(file), { method, headers }), { params: Promise.resolve(paramsFor(file)) });
    const access = handler.access;
    if (typeof access === 'object' && access !== null && 'api' in access) {
      // The public API: a bearer key, never the session (a signed-in browser without a key is refused).
      const wanted = declaredPermissions((access as { api: unknown }).api);
      if (!wanted) {
        problems.push(`${where}: API access ${JSON.stringify(access)} is not a permission`);
        continue;
      }
      signInAs(PERMISSIONS);
      const noKey = await call();
      if (noKey.status !== 401) problems.push(`${where}: answered ${noKey.status} to a request without an API key (expected 401)`);
      testSession.user = null;
      const without = await call({ authorization: testKeyHeader(PERMISSIONS.filter((p) => !wanted.includes(p))) });
      if (without.status !== 403) problems.push(`${where}: answered ${without.status} to a key without ${wanted.join(' or ')} (expected 403)`);
      const allowed = await call({ authorization: testKeyHeader(wanted) });
      if (allowed.status === 401 || allowed.status === 403) problems.push(`${where}: refused a key with ${wanted.join(', ')} (${allowed.status})`);
      continue;
    }
    if (access === undefined) {
      problems.push(`${where}: not built with route({ access }), so nothing checks who calls it`);
      continue;
    }
    if (access === 'public') {
      if (!PUBLIC[file]) problems.push(`${where}: public, but not listed as a public route`);
      continue;
    }
    testSession.user = null;
    const signedOut = await call();
    if (signedOut.status !== 401) problems.push(`${where}: answered ${signedOut.status} to a signed-out request (expected 401)`);
    if (access === 'signed-in') {
      if (!PERMISSION_CHECKED_INSIDE[file]) problems.push(`${where}: open to every signed-in user; name its permission`);
      continue;
    }
    if (access === 'administrator') {
      // Every permission ticked is still not an administrator.
      signInAs(PERMISSIONS);
      const refused = await call();
      if (refused.status !== 403 || !(await refused.text()).includes('Not allowed')) problems.push(`${where}: answered ${refused.status} to a user with every permission who is not an administrator (expected 403)`);
      testSession.user = { ...userWith([]), isAdmin: true };
      const allowed = await call();
      if (allowed.status === 401 || allowed.status === 403) problems.push(`${where}: refused an administrator (${allowed.status})`);
      continue;
    }
    const wanted = declaredPermissions(access);
    if (!wanted) {
      problems.push(`${where}: access ${JSON.stringify(access)} is not a permission`);
      continue;
    }
    signInAs(PERMISSIONS.filter((p) => !wanted.includes(p)));
    const refused = await call();
    const body = await refused.text();
    if (refused.status !== 403 || !body.includes('Not allowed')) problems.push(`${where}: answered ${refused.status} to a user without ${wanted.join(' or ')} (expected 403)`);
    for (const p of wanted) {
      signInAs([p]);
      // Past the check it reaches the (refusing) database: a 500, never 401 or 403.
      const allowed = await call();
      if (allowed.status === 401 || allowed.status === 403) problems.push(`${where}: refused a user with ${p} (${allowed.status})`);
    }
  }
  return problems;
}

beforeAll(() => {
  // Handlers that reach the (refusing) database log it as unexpected; the test reads the status.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  testSession.user = null;
});

describe('every route handler checks who calls it, on the server', () => {
  it('finds the route files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files).toContain('app/api/health/route.ts');
  });

  it('the lists of exceptions name files that exist', () => {
    for (const f of [...Object.keys(PUBLIC), ...Object.keys(PERMISSION_CHECKED_INSIDE)]) expect(files).toContain(f);
  });

  for (const file of files) {
    it(file, async () => {
      const mod = (await import(absolute(file))) as Record<string, unknown>;
      expect(await problemsOf(file, mod)).toEqual([]);
    });
  }

  it('fails a route without a check, naming its path', async () => {
    const leaky = 'app/api/leaky/[id]/route.ts';
    const data = async () => Response.json({ secret: 'every product' });
    expect(await problemsOf(leaky, { GET: data })).toEqual([`${leaky} GET: not built with route({ access }), so nothing checks who calls it`]);
    expect(await problemsOf(leaky, { POST: route({ access: 'signed-in' }, data) })).toEqual([`${leaky} POST: open to every signed-in user; name its permission`]);
    expect(await problemsOf(leaky, { GET: route({ access: 'public' }, data) })).toEqual([`${leaky} GET: public, but not listed as a public route`]);
    // An API handler that claims a permission but takes anyone, with a key or without.
    const apiClaims = Object.assign(async () => Response.json({ secret: 'every product' }), { access: { api: PERMISSION.products } });
    expect(await problemsOf(leaky, { GET: apiClaims })).toEqual([
      `${leaky} GET: answered 200 to a request without an API key (expected 401)`,
      `${leaky} GET: answered 200 to a key without Products (expected 403)`,
    ]);
    // A handler that claims a permission but lets anyone through (a wrapper that forgot to check).
    const claims = Object.assign(data, { access: PERMISSION.products });
    expect(await problemsOf(leaky, { GET: claims })).toEqual([
      `${leaky} GET: answered 200 to a signed-out request (expected 401)`,
      `${leaky} GET: answered 200 to a user without Products (expected 403)`,
    ]);
  });
});
