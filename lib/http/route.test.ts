import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/permissions';
import { DomainError, type ErrorCode } from '@/lib/errors';
import { readSearchParams } from './search-params';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user }));
// connection() needs Next's request scope; outside it there is nothing to opt out of prerendering.
vi.mock('next/server', async (original) => ({ ...(await original<typeof import('next/server')>()), connection: async () => {} }));
const { route } = await import('./route');

const clerk: SessionUser = { id: 'user-7', email: 'c@example.com', name: 'C', isAdmin: false, permissions: ['Stocktake'] };
const get = (url: string) => new NextRequest(new URL(url, 'http://localhost'));
const paramsOf = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

afterEach(() => {
  session.user = null;
  vi.restoreAllMocks();
});

describe('route(): who may call', () => {
  const skus = route({ access: ['Products', 'Stocktake'] }, async ({ user }) => Response.json({ who: user.id }));
  const exportCsv = route({ access: 'Products' }, async () => new Response('csv'));
  const health = route({ access: 'public' }, async ({ user }) => Response.json({ user }));

  it('401 signed out, 403 without the permission (named when there is one), 200 with it', async () => {
    expect((await skus(get('/api/skus'))).status).toBe(401);
    session.user = { ...clerk, permissions: ['Customers'] };
    expect(await (await skus(get('/api/skus'))).json()).toEqual({ error: 'Not allowed.' });
    const refused = await exportCsv(get('/api/products/export'));
    expect([refused.status, await refused.json()]).toEqual([403, { error: 'Not allowed: you need the Products permission.' }]);
    session.user = clerk;
    expect(await (await skus(get('/api/skus'))).json()).toEqual({ who: 'user-7' });
  });

  it('public routes answer without signing in', async () => {
    expect(await (await health(get('/api/health'))).json()).toEqual({ user: null });
  });
});

describe('route(): what reaches the handler', () => {
  it('path params through their schema: anything else is a 404 with the route’s words', async () => {
    session.user = clerk;
    const status = route({ access: 'Stocktake', params: z.object({ id: z.uuid() }), notFound: 'Unknown FBA connection.' }, async ({ params }) => Response.json({ id: params.id }));
    const bad = await status(get('/api/fba/x/sync-status'), paramsOf({ id: 'x\u0000' }));
    expect([bad.status, await bad.json()]).toEqual([404, { error: 'Unknown FBA connection.' }]);
    const id = '00000000-0000-4000-8000-000000000001';
    expect(await (await status(get(`/api/fba/${id}/sync-status`), paramsOf({ id }))).json()).toEqual({ id });
  });

  it('search params without NUL characters (the first of repeated keys)', async () => {
    session.user = clerk;
    const echo = route({ access: 'Stocktake' }, async ({ query }) => Response.json(query));
    expect(await (await echo(get('/api/skus?q=AB%00C&q=other&x%00=1'))).json()).toEqual({ q: 'ABC', x: '1' });
  });

  it('pages read search params the same way', () => {
    expect(readSearchParams({ q: ['mu\u0000g', 'b'], sort: 'name', after: undefined })).toEqual({ q: 'mug', sort: 'name' });
  });
});

describe('route(): errors', () => {
  const failing = (e: unknown) => route({ access: 'public' }, async () => {
    throw e;
  });

  it.each<[ErrorCode, number]>([
    ['NOT_FOUND', 404],
    ['FORBIDDEN', 403],
    ['INVALID_INPUT', 400],
    ['STALE_STATE', 409],
    ['AMAZON_ERROR', 502],
  ])('DomainError %s → %i with its message', async (code, status) => {
    const res = await failing(new DomainError(code, 'Said to the user.'))(get('/api/x'));
    expect([res.status, await res.json()]).toEqual([status, { error: 'Said to the user.' }]);
  });

  it('anything else → 500 with a reference that is in the log; no SQL in the body', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    session.user = clerk;
    const boom = route({ access: 'Stocktake' }, async () => {
      throw Object.assign(new Error('Failed query: select * from "products" where sku = $1\nparams: X'), { query: 'select * from "products" where sku = $1', params: ['X'] });
    });
    const res = await boom(get('/api/skus?q=X'));
    const body = (await res.json()) as { error: string; reference: string };
    expect(res.status).toBe(500);
    expect(body.error).toBe(`Something went wrong on our side. Reference: ${body.reference}.`);
    expect(body.reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(String(log.mock.calls[0][0])).toMatch(new RegExp(`${body.reference}.*GET /api/skus.*user user-7`));
  });

  it('a DomainError re-wrapping a database error (no known code) is a 500 too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await failing(new DomainError(undefined as unknown as ErrorCode, 'Failed query: select 1'))(get('/api/x'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('Failed query');
  });
});
