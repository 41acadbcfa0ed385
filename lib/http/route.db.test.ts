import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { createTestDb } from '@/test/db';
import { makeProduct } from '@/test/fixtures';

/** The real SKU suggestions route on a real database, fed what a hand-edited URL can carry. */
const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/db', () => ({ getDb: async () => state.db }));
vi.mock('@/lib/auth/session', () => ({
  getSessionUser: async () => ({ id: 'user-1', email: 'c@example.com', name: 'C', isAdmin: false, permissions: ['Stocktake'] }),
}));
vi.mock('next/server', async (original) => ({ ...(await original<typeof import('next/server')>()), connection: async () => {} }));
const skus = await import('@/app/api/skus/route');

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  state.db = db;
  await makeProduct(db, { sku: 'NULTEST-1', name: 'Nul test mug' });
});

describe('GET /api/skus', () => {
  it('a NUL in ?q= is dropped: the suggestions answer instead of a crash', async () => {
    const res = await skus.GET(new NextRequest('http://localhost/api/skus?q=NULT%00EST'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ sku: 'NULTEST-1', name: 'Nul test mug' }]);
  });
});
