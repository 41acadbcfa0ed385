import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { listStockOnHand } from '@/lib/stock/stock-on-hand';
import { createTestDb } from '@/test/db';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { redirectTarget } from '@/test/next';
import { signInAs, testSession } from '@/test/session';
import { createAdjustmentAction, voidAdjustmentAction } from './actions';

// The adjustment actions as the browser calls them: FormData in, ActionState (or a redirect) out.
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
const ANY_ID = '00000000-0000-4000-8000-000000000000';

describe('stock adjustment actions', () => {
  it('refuse users without the Stock Adjustment permission', async () => {
    signInAs([PERMISSION.products, PERMISSION.customers], userId);
    const not = { status: 'error', message: 'Not allowed: you need the Stock Adjustment permission.' };
    expect(await createAdjustmentAction(idle, formOf({ reason: 'x' }))).toMatchObject(not);
    expect(await voidAdjustmentAction(idle, formOf({ id: ANY_ID }))).toMatchObject(not);
  });

  it('post an adjustment from the form, reporting bad cells and the ledger refusal with what was typed', async () => {
    const db = testSession.db!;
    signInAs([PERMISSION.stockAdjustment], userId);
    const loc = await makeLocation(db, 'Act WH');
    const bin = await makeBin(db, loc.id, 'A1');
    await makeProduct(db, { sku: 'ACT-ADJ' });
    const place = `${loc.id}/${bin.id}`;
    const bad = await createAdjustmentAction(idle, formOf({ reason: 'Open', 'sku.0': 'ACT-ADJ', 'place.0': place, 'quantity.0': '5', 'unitCost.0': '', 'sku.4': 'ACT-ADJ', 'place.4': place, 'quantity.4': 'x', 'unitCost.4': '' }));
    expect(bad).toMatchObject({ status: 'error', fieldErrors: { 'unitCost.0': [expect.any(String)], 'quantity.4': [expect.any(String)] }, values: { 'quantity.4': 'x' } });
    const to = await redirectTarget(createAdjustmentAction(idle, formOf({ reason: 'Open', 'sku.0': 'act-adj', 'place.0': place, 'quantity.0': '+5', 'unitCost.0': '2.50' })));
    expect(to).toMatch(/^\/inventory\/stock-adjustments\/[0-9a-f-]{36}\?created=1$/);
    const out = await createAdjustmentAction(idle, formOf({ reason: 'Out', 'sku.0': 'ACT-ADJ', 'place.0': place, 'quantity.0': '-6', 'unitCost.0': '' }));
    expect(out).toMatchObject({ status: 'error', message: `Not enough stock of ACT-ADJ at Act WH: 5 available, 6 needed.` });
    const unknown = await createAdjustmentAction(idle, formOf({ reason: 'Out', 'sku.2': 'NOPE', 'place.2': place, 'quantity.2': '-1', 'unitCost.2': '' }));
    expect(unknown).toMatchObject({ status: 'error', fieldErrors: { 'sku.2': ['No product has this SKU.'] } });
    const id = to.split('/').pop()!.split('?')[0];
    expect(await redirectTarget(voidAdjustmentAction(idle, formOf({ id })))).toBe(`/inventory/stock-adjustments/${id}?voided=1`);
    expect((await listStockOnHand(db, { q: 'ACT-ADJ', after: null })).rows).toEqual([]);
  });
});
