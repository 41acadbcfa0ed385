import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import type { FetchReport } from '@/lib/fba/inventory-report';
import { requestInventorySync } from '@/lib/fba/inventory-sync';
import { drainStocktakeSyncs } from '@/lib/stocktake/fba-sync';
import { startStocktake, voidStocktake } from '@/lib/stocktake/stocktake';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, reportRow } from '@/test/fba-fixtures';
import { makeProduct, makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { signInAs, testSession } from '@/test/session';

/**
 * Stocktake Sync as the page uses it: the button's action only queues a run, and the page polls
 * the run through a status route of the same shape as the Catalog's Force Sync.
 */
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));
const { syncStocktakeAction } = await import('./actions');
const stocktakeStatus = await import('@/app/api/fba/stocktakes/[id]/sync-status/route');
const catalogStatus = await import('@/app/api/fba/[id]/sync-status/route');

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  testSession.db = db;
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });
async function statusOf(stocktakeId: string) {
  const res = await stocktakeStatus.GET(new NextRequest(`http://localhost/api/fba/stocktakes/${stocktakeId}/sync-status`), params(stocktakeId));
  expect(res.status).toBe(200);
  return ((await res.json()) as { run: Record<string, unknown> | null }).run;
}

describe('stocktake Sync: a queued run with polled progress', () => {
  it('the button queues a run without waiting for Amazon; the status route follows it to done', async () => {
    const user = await makeUser(db);
    signInAs([PERMISSION.stocktake], user.id);
    const { conn, location } = await makeFbaConnection(db);
    const p = await makeProduct(db, { unitCost: 1_000 });
    const st = await startStocktake(db, { locationId: location.id }, user.id);
    expect(await statusOf(st.id)).toBeNull();

    const pressed = await syncStocktakeAction({ status: 'idle' }, formOf({ id: st.id }));
    expect(pressed).toEqual({ status: 'ok', data: { runId: expect.any(String) } });
    const runId = pressed.status === 'ok' ? pressed.data.runId : '';
    expect(await statusOf(st.id)).toMatchObject({ id: runId, kind: 'stocktake', status: 'queued', phase: 'Queued', summary: null, error: null });
    // A second press joins the run instead of queuing another.
    expect(await syncStocktakeAction({ status: 'idle' }, formOf({ id: st.id }))).toEqual({ status: 'ok', data: { runId } });

    const fetchReport: FetchReport = async () => ({ rows: [reportRow(p.sku, 4)], reportId: 'R-1' });
    await drainStocktakeSyncs(db, { fetchReport });
    const done = await statusOf(st.id);
    expect(done).toMatchObject({ id: runId, status: 'done', summary: '1 product synced, 0 created, 0 need a unit cost.', finishedAt: expect.any(String) });

    // The Catalog's Force Sync status has the very same shape.
    signInAs([PERMISSION.fba, PERMISSION.stocktake], user.id);
    await requestInventorySync(db, conn.id, 'force', user.id);
    const res = await catalogStatus.GET(new NextRequest(`http://localhost/api/fba/${conn.id}/sync-status`), params(conn.id));
    const catalogRun = ((await res.json()) as { run: Record<string, unknown> }).run;
    expect(Object.keys(catalogRun).sort()).toEqual(Object.keys(done!).sort());
    expect(catalogRun).toMatchObject({ kind: 'catalog', status: 'queued' });
  });

  it('a stocktake that cannot be synced is refused on the form, and nothing is queued', async () => {
    const user = await makeUser(db);
    signInAs([PERMISSION.stocktake], user.id);
    const { location } = await makeFbaConnection(db);
    const st = await startStocktake(db, { locationId: location.id }, user.id);
    await voidStocktake(db, st.id);
    expect(await syncStocktakeAction({ status: 'idle' }, formOf({ id: st.id }))).toMatchObject({ status: 'error', message: expect.stringContaining('is Voided: it can no longer be synced') });
    expect(await statusOf(st.id)).toBeNull();
  });
});
