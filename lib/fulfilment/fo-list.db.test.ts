import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeFulfilmentOrder } from '@/test/fulfilment-fixtures';
import { createTestDb } from '@/test/db';
import { countFulfilmentOrders, listFulfilmentOrders, readFoListParams, type FoListParams } from './fo-list';
import { getFoView } from './fo-view';

let db: Db;
let connA: Awaited<ReturnType<typeof makeFbaConnection>>;
let connB: Awaited<ReturnType<typeof makeFbaConnection>>;
const made: Record<string, Awaited<ReturnType<typeof makeFulfilmentOrder>>> = {};

const day = (d: string, h = 12) => new Date(`${d}T${String(h).padStart(2, '0')}:00:00.123Z`);
const list = (p: Partial<FoListParams> = {}) => listFulfilmentOrders(db, { sort: 'created', dir: 'desc', after: null, ...p });

beforeAll(async () => {
  db = (await createTestDb()).db;
  connA = await makeFbaConnection(db);
  connB = await makeFbaConnection(db);
  made.queued = await makeFulfilmentOrder(db, { connection: connA, status: 'Queued', createdAt: day('2026-03-01'), items: [{ sku: 'LIST-RED', quantity: 2 }] });
  made.held = await makeFulfilmentOrder(db, { connection: connA, status: 'On Hold', createdAt: day('2026-03-02') });
  made.shipped = await makeFulfilmentOrder(db, {
    connection: connB,
    status: 'Shipped',
    createdAt: day('2026-03-03'),
    items: [{ sku: 'LIST-BLUE', quantity: 3 }],
    packages: [
      { carrier: 'UPS', tracking: '1ZLIST0001', lines: [{ lineNo: 1, quantity: 2 }] },
      { carrier: 'USPS', tracking: '9400LIST0002', lines: [{ lineNo: 1, quantity: 1 }] },
    ],
  });
  made.failed = await makeFulfilmentOrder(db, { connection: connB, status: 'Failed', createdAt: day('2026-03-04'), lastError: 'InvalidInput: the address is invalid' });
  made.queued2 = await makeFulfilmentOrder(db, { connection: connA, status: 'Queued', createdAt: day('2026-03-04', 15) });
  // PostgreSQL keeps microseconds a JS Date cannot hold: a cursor made from a Date would skip or repeat rows.
  await db.execute(sql`UPDATE fulfilment_orders SET created_at = created_at + interval '321 microseconds'`);
});

describe('the fulfilment order list', () => {
  it('lists newest first with sale, connection, items and every tracking number on one line', async () => {
    const page = await list();
    expect(page.rows.map((r) => r.id)).toEqual([made.queued2, made.failed, made.shipped, made.held, made.queued].map((m) => m.fo.id));
    const shipped = page.rows.find((r) => r.id === made.shipped.fo.id)!;
    expect(shipped).toMatchObject({ saleNumber: made.shipped.sale.number, connection: connB.conn.name, items: 'LIST-BLUE × 3', units: 3, tracking: '1ZLIST0001, 9400LIST0002', status: 'Shipped' });
  });

  it('filters by status, connection and day range (UTC, both days included)', async () => {
    expect((await list({ status: 'Queued' })).rows.map((r) => r.id)).toEqual([made.queued2.fo.id, made.queued.fo.id]);
    expect((await list({ connectionId: connB.conn.id })).rows.map((r) => r.id)).toEqual([made.failed.fo.id, made.shipped.fo.id]);
    expect((await list({ from: '2026-03-02', to: '2026-03-03' })).rows.map((r) => r.id)).toEqual([made.shipped.fo.id, made.held.fo.id]);
    expect((await list({ from: '2026-03-04' })).rows).toHaveLength(2);
    expect((await list({ status: 'Queued', connectionId: connB.conn.id })).rows).toEqual([]);
  });

  it('finds an order by sale number, order number prefix, SKU (any case) or tracking number', async () => {
    const ids = async (q: string) => (await list({ q })).rows.map((r) => r.id);
    expect(await ids(made.held.sale.number)).toEqual([made.held.fo.id]);
    expect(await ids(made.failed.fo.number.toLowerCase())).toEqual([made.failed.fo.id]);
    expect(await ids('list-red')).toEqual([made.queued.fo.id]);
    expect(await ids('9400LIST0002')).toEqual([made.shipped.fo.id]);
    expect(await ids('NOTHING-LIKE-THIS')).toEqual([]);
    // LIKE wildcards typed into the box are text, not patterns.
    expect(await ids('%')).toEqual([]);
  });

  it('counts each status under the other filters, whatever status is chosen', async () => {
    expect(await countFulfilmentOrders(db, {})).toEqual({ Queued: 2, 'On Hold': 1, Shipped: 1, Completed: 0, Delivered: 0, Cancelled: 0, Failed: 1 });
    expect(await countFulfilmentOrders(db, { connectionId: connB.conn.id })).toMatchObject({ Queued: 0, Shipped: 1, Failed: 1 });
    expect(await countFulfilmentOrders(db, { q: 'LIST-BLUE' })).toMatchObject({ Queued: 0, Shipped: 1 });
  });

  it('pages by keyset without losing or repeating rows whose times differ by microseconds', async () => {
    const all: string[] = [];
    let after = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof list>> = await list({ limit: 2, after });
      all.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = readFoListParams({ after: page.next }).after;
    }
    expect(all).toEqual((await list()).rows.map((r) => r.id));
    const asc = await list({ dir: 'asc', limit: 3 });
    expect(asc.rows[0].id).toBe(made.queued.fo.id);
    const byNumber = await list({ sort: 'number', dir: 'asc', limit: 2 });
    const second = await list({ sort: 'number', dir: 'asc', limit: 2, after: readFoListParams({ after: byNumber.next! }).after });
    expect([...byNumber.rows, ...second.rows].map((r) => r.number)).toEqual([made.queued, made.held, made.shipped, made.failed].map((m) => m.fo.number));
  });

  it('reads search params, ignoring unknown statuses, bad ids and bad days', () => {
    expect(readFoListParams({ status: 'On Hold', connection: 'nope', from: '2026-13-45', to: '2026-03-01', q: '  SO-1 ' })).toMatchObject({ status: 'On Hold', connectionId: undefined, from: undefined, to: '2026-03-01', q: 'SO-1', sort: 'created', dir: 'desc' });
    expect(readFoListParams({ status: 'Shipping' }).status).toBeUndefined();
  });
});

describe('the order view', () => {
  it('has the items with tracking numbers of their packages, the packages, stage dates and the log', async () => {
    const v = (await getFoView(db, made.shipped.fo.id))!;
    expect(v.items).toEqual([expect.objectContaining({ lineNo: 1, sellerSku: 'LIST-BLUE', quantity: 3, tracking: '1ZLIST0001, 9400LIST0002' })]);
    expect(v.packages.map((p) => [p.carrier, p.trackingNumber, p.contents])).toEqual([
      ['UPS', '1ZLIST0001', 'LIST-BLUE × 2'],
      ['USPS', '9400LIST0002', 'LIST-BLUE × 1'],
    ]);
    expect(v.stages.shipped).not.toBeNull();
    expect(v.stages.delivered).toBeNull();
    expect(v.sale.number).toBe(made.shipped.sale.number);
    expect(v.log[0].message).toContain('Created');
    expect(v.pending).toEqual([]);
    expect(await getFoView(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
