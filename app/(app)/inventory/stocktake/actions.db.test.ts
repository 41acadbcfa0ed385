import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { stocktakeLines } from '@/db/schema';
import { PERMISSION } from '@/lib/auth/permissions';
import { listStockOnHand } from '@/lib/stock/stock-on-hand';
import { listStocktakeLines } from '@/lib/stocktake/queries';
import { startStocktake } from '@/lib/stocktake/stocktake';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { redirectTarget } from '@/test/next';
import { signInAs, testSession } from '@/test/session';
import { addStocktakeLineAction, saveCountsAction, startStocktakeAction, voidStocktakeAction } from './actions';

// The stocktake actions as the browser calls them, through the action wrapper, on a real database.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

let userId: string;
beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  userId = (await makeUser(testSession.db, [PERMISSION.stocktake])).id;
});

const idle = { status: 'idle' } as const;

describe('stocktake actions', () => {
  it('refuse users without the Stocktake permission', async () => {
    signInAs([PERMISSION.products, PERMISSION.customers], userId);
    for (const a of [startStocktakeAction, addStocktakeLineAction, saveCountsAction, voidStocktakeAction])
      expect(await a(idle, formOf({ id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status: 'error', message: 'Not allowed: you need the Stocktake permission.' });
  });

  it('run a stocktake: start, add a line, complete refused for a missing cost, then completed', async () => {
    const db = testSession.db!;
    signInAs([PERMISSION.stocktake], userId);
    const loc = await makeLocation(db);
    const p = await makeProduct(db, { sku: 'ACT-ST' });
    const id = (await redirectTarget(startStocktakeAction(idle, formOf({ locationId: loc.id })))).split('/').pop()!;
    expect(await startStocktakeAction(idle, formOf({ locationId: loc.id }))).toMatchObject({ status: 'error', message: expect.stringContaining('already in progress') });
    expect(await addStocktakeLineAction(idle, formOf({ id, sku: 'act-st', binId: '' }))).toMatchObject({ status: 'ok', data: { sku: 'ACT-ST' } });
    const [line] = (await listStocktakeLines(db, id, { after: null })).rows;
    const refused = await saveCountsAction(idle, formOf({ id, intent: 'complete', [`counted.${line.id}`]: '6', [`unitCost.${line.id}`]: '' }));
    expect(refused).toMatchObject({ status: 'error', fieldErrors: { [`unitCost.${line.id}`]: [expect.any(String)] }, values: { [`counted.${line.id}`]: '6' } });
    expect((await listStocktakeLines(db, id, { after: null })).rows[0].counted).toBeNull(); // the save rolled back with it
    expect(await saveCountsAction(idle, formOf({ id, intent: 'save', [`counted.${line.id}`]: '6', [`unitCost.${line.id}`]: '3' }))).toMatchObject({ status: 'ok', data: { saved: 1 } });
    expect(await redirectTarget(saveCountsAction(idle, formOf({ id, intent: 'complete', [`counted.${line.id}`]: '6', [`unitCost.${line.id}`]: '3' })))).toBe(`/inventory/stocktake/${id}?done=completed&posted=1`);
    expect((await listStockOnHand(db, { q: p.sku, after: null })).rows[0]).toMatchObject({ onHand: 6, averageCost: 30_000 });
    expect(await voidStocktakeAction(idle, formOf({ id }))).toMatchObject({ status: 'error', message: expect.stringContaining('Completed') });
  });
});

/** What the user sees from "Add a product by SKU" when the input cannot be stored, and when the database itself fails. */
describe('stocktake "Add a product by SKU" through the action wrapper', () => {
  let stocktakeId: string;
  let sku: string;
  const lines = async () => testSession.db!.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, stocktakeId));

  beforeAll(async () => {
    const db = testSession.db!;
    signInAs([PERMISSION.stocktake], userId);
    sku = (await makeProduct(db)).sku;
    stocktakeId = (await startStocktake(db, { locationId: (await makeLocation(db)).id }, userId)).id;
  });

  it('a SKU with a NUL character: a message on the SKU field, no SQL, nothing added', async () => {
    const res = await addStocktakeLineAction(idle, formOf({ id: stocktakeId, sku: `${sku}\u0000` }));
    expect(res).toMatchObject({ status: 'error', fieldErrors: { sku: [expect.stringContaining('invisible NUL character')] }, values: { sku } });
    expect(JSON.stringify(res)).not.toMatch(/Failed query|select|params/i);
    expect(await lines()).toHaveLength(0);
  });

  it('when the database fails, the form shows a reference and the log has it; no SQL reaches the page', async () => {
    const db = testSession.db!;
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A failure the user cannot cause on purpose: the products table is briefly gone.
    await db.execute(sql`ALTER TABLE products RENAME TO products_away`);
    try {
      const res = await addStocktakeLineAction(idle, formOf({ id: stocktakeId, sku }));
      expect(res).toMatchObject({ status: 'error', message: expect.stringMatching(/^Something went wrong on our side\. Reference: [A-Z2-9]{4}-[A-Z2-9]{4}\./) });
      expect(JSON.stringify(res)).not.toMatch(/Failed query|select|params|products/i);
      const logged = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toContain(res.status === 'error' ? res.reference : 'no reference');
      expect(logged).toContain(`user ${userId}`);
      expect(logged).not.toContain(sku);
    } finally {
      await db.execute(sql`ALTER TABLE products_away RENAME TO products`);
      log.mockRestore();
    }
  });

  it('a good SKU is still added', async () => {
    expect(await addStocktakeLineAction(idle, formOf({ id: stocktakeId, sku }))).toEqual({ status: 'ok', data: { sku } });
    expect(await lines()).toHaveLength(1);
  });
});
