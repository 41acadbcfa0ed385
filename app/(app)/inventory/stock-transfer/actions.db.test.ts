import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { createAdjustment } from '@/lib/stock/adjustments';
import { listStockOnHand } from '@/lib/stock/stock-on-hand';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { redirectTarget } from '@/test/next';
import { signInAs, testSession } from '@/test/session';
import { createTransferAction, moveTransferAction } from './actions';

// The transfer actions as the browser calls them: FormData in, ActionState (or a redirect) out.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

let userId: string;
beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  userId = (await makeUser(testSession.db)).id;
});

const idle = { status: 'idle' } as const;

describe('stock transfer actions', () => {
  it('refuse users without the Stock Transfer permission', async () => {
    signInAs([PERMISSION.products, PERMISSION.stockAdjustment], userId);
    const not = { status: 'error', message: 'Not allowed: you need the Stock Transfer permission.' };
    expect(await createTransferAction(idle, formOf({}))).toMatchObject(not);
    expect(await moveTransferAction(idle, formOf({ id: '00000000-0000-4000-8000-000000000000', from: 'Draft', move: 'In Transit' }))).toMatchObject(not);
  });

  it('run a transfer through ship and receive, refusing a stale page', async () => {
    const db = testSession.db!;
    signInAs([PERMISSION.stockTransfer], userId);
    const from = await makeLocation(db);
    const to = await makeLocation(db);
    const p = await makeProduct(db, { sku: 'ACT-TR' });
    await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: from.id, binId: null, quantity: 4, unitCost: 10_000 }] }, userId);
    expect(await createTransferAction(idle, formOf({ from: from.id, to: from.id, 'sku.0': p.sku, 'quantity.0': '1' }))).toMatchObject({ fieldErrors: { to: [expect.any(String)] } });
    const url = await redirectTarget(createTransferAction(idle, formOf({ from: from.id, to: to.id, note: '', 'sku.0': p.sku, 'quantity.0': '3' })));
    const id = url.split('/').pop()!;
    expect(await redirectTarget(moveTransferAction(idle, formOf({ id, from: 'Draft', move: 'In Transit' })))).toBe(`/inventory/stock-transfer/${id}?done=In%20Transit`);
    expect(await moveTransferAction(idle, formOf({ id, from: 'Draft', move: 'Voided' }))).toMatchObject({ status: 'error', message: expect.stringContaining('Reload') });
    await redirectTarget(moveTransferAction(idle, formOf({ id, from: 'In Transit', move: 'Completed' })));
    expect((await listStockOnHand(db, { q: 'ACT-TR', after: null })).rows.map((r) => r.onHand).sort()).toEqual([1, 3]);
  });
});
