import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { streamFulfilmentOrdersCsv } from '@/lib/fulfilment/fo-export';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeFulfilmentOrder } from '@/test/fulfilment-fixtures';
import { signInAs, testSession } from '@/test/session';
import { GET as exportCsv } from './export/route';
import { GET as status } from './[id]/status/route';

// The list's CSV download and the order page's live JSON, as the browser gets them.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

let shipped: Awaited<ReturnType<typeof makeFulfilmentOrder>>;
let queued: Awaited<ReturnType<typeof makeFulfilmentOrder>>;

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  const connection = await makeFbaConnection(testSession.db);
  queued = await makeFulfilmentOrder(testSession.db, { connection, status: 'Queued', createdAt: new Date('2026-04-01T10:00:00Z'), items: [{ sku: 'CSV-1', quantity: 1 }] });
  shipped = await makeFulfilmentOrder(testSession.db, {
    connection,
    status: 'Shipped',
    createdAt: new Date('2026-04-02T10:00:00Z'),
    customerName: 'Acme, Inc.',
    items: [{ sku: 'CSV-2', quantity: 2 }],
    packages: [
      { carrier: 'UPS', tracking: '1ZCSV1', lines: [{ lineNo: 1, quantity: 1 }] },
      { carrier: 'UPS', tracking: '1ZCSV2', lines: [{ lineNo: 1, quantity: 1 }] },
    ],
  });
});

const req = (path: string) => new NextRequest(`http://localhost${path}`);
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

describe('GET /sale/fulfilment-orders/export', () => {
  it('refuses without the FBA permission, and downloads the filtered list', async () => {
    testSession.user = null;
    expect((await exportCsv(req('/sale/fulfilment-orders/export'))).status).toBe(401);
    signInAs([PERMISSION.sale]);
    expect((await exportCsv(req('/sale/fulfilment-orders/export'))).status).toBe(403);
    signInAs([PERMISSION.fba]);
    const res = await exportCsv(req('/sale/fulfilment-orders/export'));
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="fulfilment-orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Fulfilment order,Sale,Customer,Connection,Status,Amazon status,Created (UTC),Shipped (UTC),Delivered (UTC),Shipping speed,Ship to,Country,Items,Units,Tracking numbers,Last error');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${shipped.fo.number},${shipped.sale.number},"${shipped.customer.name}"`);
    expect(lines[1]).toContain(',Shipped,,2026-04-02 10:00,2026-04-02 10:03,,Standard,Jane Doe,US,CSV-2 × 2,2,"1ZCSV1, 1ZCSV2",');
    const onlyQueued = (await (await exportCsv(req('/sale/fulfilment-orders/export?status=Queued'))).text()).trim().split('\r\n');
    expect(onlyQueued.slice(1).map((l) => l.split(',')[0])).toEqual([queued.fo.number]);
    const bySearch = (await (await exportCsv(req('/sale/fulfilment-orders/export?q=1ZCSV2'))).text()).trim().split('\r\n');
    expect(bySearch.slice(1).map((l) => l.split(',')[0])).toEqual([shipped.fo.number]);
  });

  it('streams every row across batches, newest first', async () => {
    const text = await new Response(streamFulfilmentOrdersCsv(testSession.db!, {}, 1)).text();
    expect(text.trim().split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual([shipped.fo.number, queued.fo.number]);
  });
});

describe('GET /sale/fulfilment-orders/[id]/status', () => {
  it('returns the order view for the page to follow, 404 for an unknown one', async () => {
    signInAs([PERMISSION.sale]);
    expect((await status(req('/x'), withId(shipped.fo.id))).status).toBe(403);
    signInAs([PERMISSION.fba]);
    const res = await status(req('/x'), withId(shipped.fo.id));
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { order } = (await res.json()) as { order: { status: string; items: { tracking: string }[]; pending: unknown[] } };
    expect(order).toMatchObject({ status: 'Shipped', items: [{ tracking: '1ZCSV1, 1ZCSV2' }], pending: [] });
    expect((await status(req('/x'), withId('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await status(req('/x'), withId('not-an-id'))).status).toBe(404);
  });
});
