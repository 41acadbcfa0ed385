import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fulfilmentReturns, outbox } from '@/db/schema';
import { PERMISSION } from '@/lib/auth/permissions';
import type { TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, startFastSandbox } from '@/test/fba-fixtures';
import { makeProduct, makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { makeFulfilmentOrder, type FixtureConnection } from '@/test/fulfilment-fixtures';
import { signInAs, testSession } from '@/test/session';
import { requestFoReturnAction } from './actions';
import { GET as returnReasons } from './return-reasons/route';
import { GET as status } from './status/route';

// Request return and the reasons it offers, as the order page calls them.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

let userId: string;
let conn: FixtureConnection;
let sandbox: TestSandbox;
let productId: string;
const idle = { status: 'idle' } as const;

beforeAll(async () => {
  sandbox = await startFastSandbox();
  testSession.db = (await createTestDb()).db;
  userId = (await makeUser(testSession.db)).id;
  conn = await makeFbaConnection(testSession.db);
  productId = (await makeProduct(testSession.db, { sku: 'DEMO-001' })).id;
});
afterAll(() => sandbox?.close());

const db = () => testSession.db!;
const shippedOrder = () => makeFulfilmentOrder(db(), { connection: conn, status: 'Shipped', items: [{ sku: 'DEMO-001', productId, quantity: 3, shipped: 3 }] });
const req = (path: string) => new NextRequest(`http://localhost${path}`);
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

describe('Request return', () => {
  it('refuses a user without the FBA permission, and writes nothing', async () => {
    const { fo } = await shippedOrder();
    signInAs([PERMISSION.sale], userId);
    expect(await requestFoReturnAction(idle, formOf({ id: fo.id, reasonCode: 'CR-DEFECTIVE', 'quantity.1': '1' }))).toMatchObject({ status: 'error', message: expect.stringContaining('Not allowed') });
    expect(await db().select().from(fulfilmentReturns).where(eq(fulfilmentReturns.orderId, fo.id))).toEqual([]);
  });

  it('writes one Requested item per unit and one fo.return call; the live JSON shows them; more than is left is refused on its line', async () => {
    const { fo } = await shippedOrder();
    signInAs([PERMISSION.fba], userId);
    const ok = await requestFoReturnAction(idle, formOf({ id: fo.id, reasonCode: 'CR-DEFECTIVE', comment: 'Broken lid', 'quantity.1': '2' }));
    expect(ok).toMatchObject({ status: 'ok', data: { id: fo.id, items: 2 } });
    const rows = await db().select().from(fulfilmentReturns).where(eq(fulfilmentReturns.orderId, fo.id)).orderBy(fulfilmentReturns.sellerReturnItemId);
    expect(rows.map((r) => [r.sellerReturnItemId, r.status, r.reasonCode, r.comment, r.userId])).toEqual([
      [`${fo.number}-RET1`, 'Requested', 'CR-DEFECTIVE', 'Broken lid', userId],
      [`${fo.number}-RET2`, 'Requested', 'CR-DEFECTIVE', 'Broken lid', userId],
    ]);
    const calls = await db().select().from(outbox).where(eq(outbox.subjectId, fo.id));
    expect(calls).toEqual([expect.objectContaining({ kind: 'fo.return', status: 'pending', payload: { returnIds: rows.map((r) => r.id) } })]);

    const live = (await (await status(req(`/sale/fulfilment-orders/${fo.id}/status`), withId(fo.id))).json()) as { returns: { returns: { status: string }[]; lines: { returnable: number }[] } };
    expect(live.returns.returns.map((r) => r.status)).toEqual(['Requested', 'Requested']);
    expect(live.returns.lines[0]).toMatchObject({ shipped: 3, returned: 2, returnable: 1 });

    const tooMany = await requestFoReturnAction(idle, formOf({ id: fo.id, reasonCode: 'CR-DEFECTIVE', 'quantity.1': '2' }));
    expect(tooMany).toMatchObject({ status: 'error', fieldErrors: { 'quantity.1': ['At most 1 (shipped 3, already returned 2).'] } });
    const nothing = await requestFoReturnAction(idle, formOf({ id: fo.id, reasonCode: 'CR-DEFECTIVE', 'quantity.1': '0' }));
    expect(nothing).toMatchObject({ status: 'error', message: 'Enter how many units come back on at least one line.' });
    const noReason = await requestFoReturnAction(idle, formOf({ id: fo.id, 'quantity.1': '1' }));
    expect(noReason).toMatchObject({ status: 'error', fieldErrors: { reasonCode: ['Return reason is required.'] } });
    expect(await db().select().from(fulfilmentReturns).where(eq(fulfilmentReturns.orderId, fo.id))).toHaveLength(2);
  });
});

describe('GET /sale/fulfilment-orders/[id]/return-reasons', () => {
  it('gives Amazon’s reason codes for a line, and Amazon’s words when it refuses', async () => {
    const { fo } = await shippedOrder();
    signInAs([PERMISSION.fba], userId);
    const res = await returnReasons(req(`/sale/fulfilment-orders/${fo.id}/return-reasons?sku=DEMO-001`), withId(fo.id));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reasons: { code: string; description: string }[] };
    expect(body.reasons).toContainEqual({ code: 'CR-UNWANTED_ITEM', description: 'No longer needed/wanted' });

    const refused = await returnReasons(req(`/sale/fulfilment-orders/${fo.id}/return-reasons?sku=NOT-A-SKU`), withId(fo.id));
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { error: string }).error).toContain('Invalid seller SKU: NOT-A-SKU');

    signInAs([PERMISSION.sale], userId);
    expect((await returnReasons(req(`/sale/fulfilment-orders/${fo.id}/return-reasons?sku=DEMO-001`), withId(fo.id))).status).toBe(403);
  });
});
