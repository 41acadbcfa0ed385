import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isPermission, PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { absolute, findAppFiles } from '@/test/app-files';
import { signInAs, testSession, userWith } from '@/test/session';

/**
 * Every route handler, found on disk, is built with route() and says who may call it: a signed-out
 * caller gets 401 and a user without its permission 403, before any parameter is read or the
 * database is reached; a user with the permission gets past the check. Administrator-only routes
 * refuse a user holding every permission. The few that do not name a permission are listed here,
 * each with the reason.
 */
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

/** Route files not built with route(): next-auth's handler is the sign-in itself. */
const OUTSIDE_THE_WRAPPER = ['app/api/auth/[...nextauth]/route.ts'];

/** Routes open without a permission, on purpose. */
const WITHOUT_A_PERMISSION: Record<string, 'public' | 'signed-in'> = {
  // Load balancers and uptime checks ask without a session; it answers only health facts.
  'app/api/health/route.ts': 'public',
  // Amazon sends the browser back here; the lib function checks the FBA permission itself, so a
  // refused callback still closes its authorisation attempt with the reason.
  'app/(app)/integration/amazon/callback/route.ts': 'signed-in',
  // The camera scanner's WebAssembly reader (a public package's file, no data), for every screen
  // that scans, whichever permission opened it.
  'app/api/scan/zxing-reader/route.ts': 'signed-in',
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { access?: unknown };

const files = findAppFiles('route.ts').filter((f) => !OUTSIDE_THE_WRAPPER.includes(f));

/** A request to the route's own path, with an id-shaped value in each [segment]. */
function call(file: string, handler: Handler, method: string) {
  const params: Record<string, string> = {};
  const url = file
    .replace(/^app/, '')
    .replace(/\/route\.ts$/, '')
    .replace(/\/\([^)]+\)/g, '')
    .replace(/\[([^\]]+)\]/g, (_, name: string) => (params[name] = '00000000-0000-4000-8000-000000000000'));
  return handler(new NextRequest(`http://localhost${url}`, { method }), { params: Promise.resolve(params) });
}

beforeAll(() => {
  // Handlers that reach the (refusing) database log it as unexpected; the test reads the status.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('every route handler checks who calls it on the server', () => {
  it('finds the route files, and the ones outside the wrapper are the expected few', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of OUTSIDE_THE_WRAPPER) expect(findAppFiles('route.ts')).toContain(f);
  });

  it('only the listed routes go without a permission', async () => {
    const open: Record<string, unknown> = {};
    for (const file of files) {
      const mod = (await import(absolute(file))) as Record<string, Handler | undefined>;
      for (const m of METHODS) {
        const access = mod[m]?.access;
        if (mod[m] && !(typeof access === 'string' && (isPermission(access) || access === 'administrator')) && !Array.isArray(access)) open[file] = access;
      }
    }
    expect(open).toEqual(WITHOUT_A_PERMISSION);
  });

  for (const file of files) {
    it(file, async () => {
      const mod = (await import(absolute(file))) as Record<string, Handler | undefined>;
      const handlers = METHODS.filter((m) => mod[m]).map((m) => [m, mod[m]!] as const);
      expect(handlers.length).toBeGreaterThan(0);
      for (const [method, handler] of handlers) {
        const access = handler.access;
        expect(access, `${file} ${method} must be built with route()`).toBeDefined();
        if (access === 'public') continue;
        testSession.user = null;
        expect((await call(file, handler, method)).status, `${file} ${method} signed out`).toBe(401);
        if (access === 'administrator') {
          // Every permission ticked is still not an administrator.
          signInAs(PERMISSIONS);
          const refused = await call(file, handler, method);
          expect(refused.status, `${file} ${method} without being an administrator`).toBe(403);
          expect(await refused.json()).toMatchObject({ error: expect.stringContaining('Not allowed') });
          testSession.user = { ...userWith([]), isAdmin: true };
          expect([401, 403], `${file} ${method} as an administrator`).not.toContain((await call(file, handler, method)).status);
          continue;
        }
        const wanted: readonly Permission[] = access === 'signed-in' ? [] : typeof access === 'string' ? [access as Permission] : (access as Permission[]);
        if (wanted.length > 0) {
          signInAs(PERMISSIONS.filter((p) => !wanted.includes(p)));
          const refused = await call(file, handler, method);
          expect(refused.status, `${file} ${method} without ${wanted.join(' / ')}`).toBe(403);
          expect(await refused.json()).toMatchObject({ error: expect.stringContaining('Not allowed') });
        }
        for (const p of wanted.length > 0 ? wanted : [[]]) {
          signInAs(Array.isArray(p) ? p : [p]);
          const allowed = await call(file, handler, method);
          expect([401, 403], `${file} ${method} with ${String(p)}`).not.toContain(allowed.status);
        }
      }
    });
  }
});
