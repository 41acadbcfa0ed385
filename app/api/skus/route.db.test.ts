import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { makeProduct } from '@/test/fixtures';
import { signInAs, testSession } from '@/test/session';
import { GET } from './route';

/** The real SKU suggestions route on a real database, fed what a hand-edited URL can carry. */
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  await makeProduct(testSession.db, { sku: 'NULTEST-1', name: 'Nul test mug' });
});

describe('GET /api/skus', () => {
  it('answers any stock-document permission, and refuses a user with none', async () => {
    signInAs([PERMISSION.sale]);
    expect((await GET(new NextRequest('http://localhost/api/skus?q=NULT'))).status).toBe(403);
    signInAs([PERMISSION.stockTransfer]);
    expect(await (await GET(new NextRequest('http://localhost/api/skus?q=NULT'))).json()).toEqual([{ sku: 'NULTEST-1', name: 'Nul test mug' }]);
  });

  it('a NUL in ?q= is dropped: the suggestions answer instead of a crash', async () => {
    signInAs([PERMISSION.stocktake]);
    const res = await GET(new NextRequest('http://localhost/api/skus?q=NULT%00EST'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ sku: 'NULTEST-1', name: 'Nul test mug' }]);
  });
});
