import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import type { SessionUser } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { formOf } from '@/test/forms';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { listStocktakeLines } from '@/lib/stocktake/queries';
import { listStockOnHand } from './stock-on-hand';

// The stock documents' server actions, run as the browser calls them: FormData in, ActionState out.
const state = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock('@/db', () => ({ getDb: async () => state.db }));
vi.mock('@/lib/auth/session', () => ({ requireUser: async () => state.user, getSessionUser: async () => state.user }));
vi.mock('next/server', () => ({ connection: async () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  // With Next's digest, so the action wrapper lets it through as it does the real redirect().
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to, digest: `NEXT_REDIRECT;replace;${to};307;` });
  },
}));

const adjustments = await import('@/app/(app)/inventory/stock-adjustments/actions');
const transfers = await import('@/app/(app)/inventory/stock-transfer/actions');
const stocktake = await import('@/app/(app)/inventory/stocktake/actions');
const skuRoute = await import('@/app/api/skus/route');

let db: Db;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  state.db = db;
  userId = (await makeUser(db)).id;
});

const as = (permissions: string[]) => {
  state.user = { id: userId, email: 'u@example.com', name: 'U', isAdmin: false, permissions } satisfies SessionUser;
};
const idle = { status: 'idle' } as const;
const redirectTo = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { to?: string }).to;
  }
  throw new Error('expected a redirect');
};
const ANY_ID = '00000000-0000-4000-8000-000000000000';

describe('stock document actions', () => {
  it('refuse users without the permission, for every action and the SKU route', async () => {
    as(['Products', 'Customers']);
    const not = (perm: string) => ({ status: 'error', message: `Not allowed: you need the ${perm} permission.` });
    expect(await adjustments.createAdjustmentAction(idle, formOf({ reason: 'x' }))).toMatchObject(not('Stock Adjustment'));
    expect(await adjustments.voidAdjustmentAction(idle, formOf({ id: ANY_ID }))).toMatchObject(not('Stock Adjustment'));
    expect(await transfers.createTransferAction(idle, formOf({}))).toMatchObject(not('Stock Transfer'));
    expect(await transfers.moveTransferAction(idle, formOf({ id: ANY_ID, from: 'Draft', move: 'In Transit' }))).toMatchObject(not('Stock Transfer'));
    for (const a of [stocktake.startStocktakeAction, stocktake.addStocktakeLineAction, stocktake.saveCountsAction, stocktake.voidStocktakeAction])
      expect(await a(idle, formOf({ id: ANY_ID }))).toMatchObject(not('Stocktake'));
    as(['Sale']);
    const res = await skuRoute.GET({ nextUrl: new URL('http://x/api/skus?q=a') } as never);
    expect(res.status).toBe(403);
  });

  it('post an adjustment from the form, reporting bad cells and the ledger refusal with what was typed', async () => {
    as(['Stock Adjustment']);
    const loc = await makeLocation(db, 'Act WH');
    const bin = await makeBin(db, loc.id, 'A1');
    const p = await makeProduct(db, { sku: 'ACT-ADJ' });
    const place = `${loc.id}/${bin.id}`;
    const bad = await adjustments.createAdjustmentAction(idle, formOf({ reason: 'Open', 'sku.0': 'ACT-ADJ', 'place.0': place, 'quantity.0': '5', 'unitCost.0': '', 'sku.4': 'ACT-ADJ', 'place.4': place, 'quantity.4': 'x', 'unitCost.4': '' }));
    expect(bad).toMatchObject({ status: 'error', fieldErrors: { 'unitCost.0': [expect.any(String)], 'quantity.4': [expect.any(String)] }, values: { 'quantity.4': 'x' } });
    const to = await redirectTo(adjustments.createAdjustmentAction(idle, formOf({ reason: 'Open', 'sku.0': 'act-adj', 'place.0': place, 'quantity.0': '+5', 'unitCost.0': '2.50' })));
    expect(to).toMatch(/^\/inventory\/stock-adjustments\/[0-9a-f-]{36}\?created=1$/);
    const out = await adjustments.createAdjustmentAction(idle, formOf({ reason: 'Out', 'sku.0': 'ACT-ADJ', 'place.0': place, 'quantity.0': '-6', 'unitCost.0': '' }));
    expect(out).toMatchObject({ status: 'error', message: `Not enough stock of ACT-ADJ at Act WH: 5 available, 6 needed.` });
    const unknown = await adjustments.createAdjustmentAction(idle, formOf({ reason: 'Out', 'sku.2': 'NOPE', 'place.2': place, 'quantity.2': '-1', 'unitCost.2': '' }));
    expect(unknown).toMatchObject({ status: 'error', fieldErrors: { 'sku.2': ['No product has this SKU.'] } });
    const id = to!.split('/').pop()!.split('?')[0];
    expect(await redirectTo(adjustments.voidAdjustmentAction(idle, formOf({ id })))).toBe(`/inventory/stock-adjustments/${id}?voided=1`);
    expect((await listStockOnHand(db, { q: 'ACT-ADJ', after: null })).rows).toEqual([]);
    expect(p.sku).toBe('ACT-ADJ');
  });

  it('run a transfer through ship and receive, refusing a stale page', async () => {
    as(['Stock Transfer', 'Stock Adjustment']);
    const from = await makeLocation(db);
    const to = await makeLocation(db);
    const p = await makeProduct(db, { sku: 'ACT-TR' });
    await redirectTo(adjustments.createAdjustmentAction(idle, formOf({ reason: 'In', 'sku.0': p.sku, 'place.0': from.id, 'quantity.0': '4', 'unitCost.0': '1' })));
    expect(await transfers.createTransferAction(idle, formOf({ from: from.id, to: from.id, 'sku.0': p.sku, 'quantity.0': '1' }))).toMatchObject({ fieldErrors: { to: [expect.any(String)] } });
    const url = await redirectTo(transfers.createTransferAction(idle, formOf({ from: from.id, to: to.id, note: '', 'sku.0': p.sku, 'quantity.0': '3' })));
    const id = url!.split('/').pop()!;
    expect(await redirectTo(transfers.moveTransferAction(idle, formOf({ id, from: 'Draft', move: 'In Transit' })))).toBe(`/inventory/stock-transfer/${id}?done=In%20Transit`);
    expect(await transfers.moveTransferAction(idle, formOf({ id, from: 'Draft', move: 'Voided' }))).toMatchObject({ status: 'error', message: expect.stringContaining('Reload') });
    await redirectTo(transfers.moveTransferAction(idle, formOf({ id, from: 'In Transit', move: 'Completed' })));
    expect((await listStockOnHand(db, { q: 'ACT-TR', after: null })).rows.map((r) => r.onHand).sort()).toEqual([1, 3]);
  });

  it('run a stocktake: start, add a line, complete refused for a missing cost, then completed', async () => {
    as(['Stocktake']);
    const loc = await makeLocation(db);
    const p = await makeProduct(db, { sku: 'ACT-ST' });
    const url = await redirectTo(stocktake.startStocktakeAction(idle, formOf({ locationId: loc.id })));
    const id = url!.split('/').pop()!;
    expect(await stocktake.startStocktakeAction(idle, formOf({ locationId: loc.id }))).toMatchObject({ status: 'error', message: expect.stringContaining('already in progress') });
    expect(await stocktake.addStocktakeLineAction(idle, formOf({ id, sku: 'act-st', binId: '' }))).toMatchObject({ status: 'ok', data: { sku: 'ACT-ST' } });
    const [line] = (await listStocktakeLines(db, id, { after: null })).rows;
    const refused = await stocktake.saveCountsAction(idle, formOf({ id, intent: 'complete', [`counted.${line.id}`]: '6', [`unitCost.${line.id}`]: '' }));
    expect(refused).toMatchObject({ status: 'error', fieldErrors: { [`unitCost.${line.id}`]: [expect.any(String)] }, values: { [`counted.${line.id}`]: '6' } });
    expect((await listStocktakeLines(db, id, { after: null })).rows[0].counted).toBeNull(); // the save rolled back with it
    expect(await stocktake.saveCountsAction(idle, formOf({ id, intent: 'save', [`counted.${line.id}`]: '6', [`unitCost.${line.id}`]: '3' }))).toMatchObject({ status: 'ok', data: { saved: 1 } });
    expect(await redirectTo(stocktake.saveCountsAction(idle, formOf({ id, intent: 'complete', [`counted.${line.id}`]: '6', [`unitCost.${line.id}`]: '3' })))).toBe(
      `/inventory/stocktake/${id}?done=completed&posted=1`,
    );
    expect((await listStockOnHand(db, { q: p.sku, after: null })).rows[0]).toMatchObject({ onHand: 6, averageCost: 30_000 });
    expect(await stocktake.voidStocktakeAction(idle, formOf({ id }))).toMatchObject({ status: 'error', message: expect.stringContaining('Completed') });
  });
});
