import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { PERMISSION } from '@/lib/auth/permissions';
import { DomainError, type ErrorCode } from '@/lib/errors';
import { signInAs, testSession } from '@/test/session';
import { readSearchParams } from './search-params';

vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));
const { route } = await import('./route');

const CLERK = 'user-7';
const asClerk = () => signInAs([PERMISSION.stocktake], CLERK);
const get = (url: string) => new NextRequest(new URL(url, 'http://localhost'));
const paramsOf = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

afterEach(() => {
  testSession.user = null;
  vi.restoreAllMocks();
});

describe('route(): who may call', () => {
  const skus = route({ access: [PERMISSION.products, PERMISSION.stocktake] }, async ({ user }) => Response.json({ who: user.id }));
  const exportCsv = route({ access: PERMISSION.products }, async () => new Response('csv'));
  const health = route({ access: 'public' }, async ({ user }) => Response.json({ user }));

  it('401 signed out, 403 without the permission (named when there is one), 200 with it', async () => {
    expect((await skus(get('/api/skus'))).status).toBe(401);
    signInAs([PERMISSION.customers], CLERK);
    expect(await (await skus(get('/api/skus'))).json()).toEqual({ error: 'Not allowed.' });
    const refused = await exportCsv(get('/api/products/export'));
    expect([refused.status, await refused.json()]).toEqual([403, { error: 'Not allowed: you need the Products permission.' }]);
    asClerk();
    expect(await (await skus(get('/api/skus'))).json()).toEqual({ who: 'user-7' });
  });

  it('public routes answer without signing in', async () => {
    expect(await (await health(get('/api/health'))).json()).toEqual({ user: null });
  });
});

describe('route(): what reaches the handler', () => {
  it('path params through their schema: anything else is a 404 with the route’s words', async () => {
    asClerk();
    const status = route({ access: PERMISSION.stocktake, params: z.object({ id: z.uuid() }), notFound: 'Unknown FBA connection.' }, async ({ params }) => Response.json({ id: params.id }));
    const bad = await status(get('/api/fba/x/sync-status'), paramsOf({ id: 'x\u0000' }));
    expect([bad.status, await bad.json()]).toEqual([404, { error: 'Unknown FBA connection.' }]);
    const id = '00000000-0000-4000-8000-000000000001';
    expect(await (await status(get(`/api/fba/${id}/sync-status`), paramsOf({ id }))).json()).toEqual({ id });
  });

  it('search params without NUL characters (the first of repeated keys)', async () => {
    asClerk();
    const echo = route({ access: PERMISSION.stocktake }, async ({ query }) => Response.json(query));
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
    asClerk();
    const boom = route({ access: PERMISSION.stocktake }, async () => {
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
