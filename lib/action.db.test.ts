import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { stocktakeLines } from '@/db/schema';
import { startStocktake } from '@/lib/stocktake/stocktake';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';

/**
 * The real stocktake "Add a product by SKU" action through the wrapper, on a real database: what
 * the user sees when the input cannot be stored, and when the database itself fails.
 */
const state = vi.hoisted(() => ({ db: null as unknown, userId: '' }));
vi.mock('@/db', () => ({ getDb: async () => state.db }));
vi.mock('@/lib/auth/session', () => ({
  requireUser: async () => ({ id: state.userId, email: 'clerk@example.com', name: 'Clerk', isAdmin: false, permissions: ['Stocktake'] }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
const { addStocktakeLineAction } = await import('@/app/(app)/inventory/stocktake/actions');

let db: Db;
let stocktakeId: string;
let sku: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  state.db = db;
  state.userId = (await makeUser(db, ['Stocktake'])).id;
  const loc = await makeLocation(db);
  sku = (await makeProduct(db)).sku;
  stocktakeId = (await startStocktake(db, { locationId: loc.id }, state.userId)).id;
});

const lines = async () => db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, stocktakeId));

describe('stocktake "Add a product by SKU" through the action wrapper', () => {
  it('a SKU with a NUL character: a message on the SKU field, no SQL, nothing added', async () => {
    const res = await addStocktakeLineAction({ status: 'idle' }, formOf({ id: stocktakeId, sku: `${sku}\u0000` }));
    expect(res).toMatchObject({ status: 'error', fieldErrors: { sku: [expect.stringContaining('invisible NUL character')] }, values: { sku } });
    expect(JSON.stringify(res)).not.toMatch(/Failed query|select|params/i);
    expect(await lines()).toHaveLength(0);
  });

  it('when the database fails, the form shows a reference and the log has it; no SQL reaches the page', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A failure the user cannot cause on purpose: the products table is briefly gone.
    await db.execute(sql`ALTER TABLE products RENAME TO products_away`);
    try {
      const res = await addStocktakeLineAction({ status: 'idle' }, formOf({ id: stocktakeId, sku }));
      expect(res).toMatchObject({ status: 'error', message: expect.stringMatching(/^Something went wrong on our side\. Reference: [A-Z2-9]{4}-[A-Z2-9]{4}\./) });
      expect(JSON.stringify(res)).not.toMatch(/Failed query|select|params|products/i);
      const logged = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toContain(res.status === 'error' ? res.reference : 'no reference');
      expect(logged).toContain(`user ${state.userId}`);
      expect(logged).not.toContain(sku);
    } finally {
      await db.execute(sql`ALTER TABLE products_away RENAME TO products`);
      log.mockRestore();
    }
  });

  it('a good SKU is still added', async () => {
    expect(await addStocktakeLineAction({ status: 'idle' }, formOf({ id: stocktakeId, sku }))).toEqual({ status: 'ok', data: { sku } });
    expect(await lines()).toHaveLength(1);
  });
});
