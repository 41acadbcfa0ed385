import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { createTestDb } from '@/test/db';
import { seedCompany } from '@/test/seeded-company';
import { listChanges } from './audit/audit-log';
import { listCustomers } from './catalog/customers';
import { listProducts, PRODUCT_SORTS } from './catalog/products';
import { listAmazonOrders, readOrderListParams } from './channel/order-list';
import { CATALOG_SORTS, listCatalog } from './fba/listings';
import { listFulfilmentOrders, readFoListParams } from './fulfilment/fo-list';
import { listInbound, readInboundListParams } from './inbound/list';
import { listJobRuns } from './jobs/job-runs';
import { decodeCursor, encodeCursor, readListParams, type Cursor, type Page } from './paging';
import { listSales, SALE_SORTS } from './sale/queries';
import { listAdjustments } from './stock/adjustments';
import { listStockOnHand } from './stock/stock-on-hand';
import { listTransfers } from './stock/transfers';
import { listStocktakeLines, listStocktakes } from './stocktake/queries';
import { listDeliveries } from './webhooks/endpoints';

// Every list reads its paging cursor from the URL (or an API call), so a hand-edited one is input
// like any other: it must give the first page, never a query the database refuses (which showed the
// error page: "invalid input syntax for type uuid / timestamp with time zone").

const UUID = '8f6c2a4e-1b3d-4c5e-9f70-112233445566';
// A cursor as the list would write it, holding whatever a hand-edited URL could.
const text = (v: unknown, id: unknown) => encodeCursor({ v, id } as Cursor);
const TAMPERED: [string, string][] = [
  ['an id that is not a uuid', text('A', 'not-a-uuid')],
  ['a sort value that is not a moment', text('yesterday', UUID)],
  ['a moment that does not exist', text('2026-13-45 10:00:00+00', UUID)],
  ['a number where text is sorted', text(12, UUID)],
  ['text where a number is sorted', text('twelve', UUID)],
  ['a number past the column', text(2 ** 40, UUID)],
  ['no sort value', text(null, UUID)],
  ['an integer id', text('A', '123')],
  ['a fraction', text(1.5, UUID)],
];

let db: Db;
let connectionId: string;
let storeId: string;
let stocktakeId: string;
let endpointId: string;

beforeAll(async () => {
  db = (await createTestDb()).db;
  await seedCompany(db);
  const one = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows?: Record<string, string>[] } & Record<string, string>[]);
  const first = (r: Awaited<ReturnType<typeof one>>) => (r.rows ?? r)[0]!;
  connectionId = first(await one(sql`SELECT id FROM fba_connections LIMIT 1`)).id!;
  storeId = UUID;
  stocktakeId = UUID;
  endpointId = UUID;
  await db.execute(sql`INSERT INTO job_runs (name, slot, started_at, result) VALUES ('paging-test', 'a', now(), 'ok'), ('paging-test', 'b', now(), 'ok')`);
});

// Lists the seeded company has nothing in: their queries still run (and cast the cursor's values).
const EMPTY = ['Amazon orders', 'Inbound Shipments', 'Stock Transfers', 'Stocktakes', 'Stocktake lines', 'Webhook deliveries'];

type Case = [string, (after: string | undefined) => Promise<Page<{ id: string | number }>>];

const cases = (): Case[] => [
  ...PRODUCT_SORTS.map((sort): Case => [`Products by ${sort}`, (after) => listProducts(db, readListParams({ after, sort }, PRODUCT_SORTS, 'sku'))]),
  ['Customers', (after) => listCustomers(db, readListParams({ after }, ['name'] as const, 'name'))],
  ['Sales', (after) => listSales(db, readListParams({ after }, SALE_SORTS, 'number', 'desc'))],
  ['Fulfilment Orders by date', (after) => listFulfilmentOrders(db, readFoListParams({ after, sort: 'created' }))],
  ['Fulfilment Orders by number', (after) => listFulfilmentOrders(db, readFoListParams({ after, sort: 'number' }))],
  ...CATALOG_SORTS.map((sort): Case => [`Catalog by ${sort}`, (after) => listCatalog(db, connectionId, readListParams({ after, sort }, CATALOG_SORTS, 'sku'))]),
  ['Amazon orders', (after) => listAmazonOrders(db, storeId, readOrderListParams({ after }))],
  ['Inbound Shipments', (after) => listInbound(db, connectionId, readInboundListParams({ after }))],
  ['Stock on Hand', (after) => listStockOnHand(db, { after: decodeCursor(after) })],
  ['Stock Adjustments', (after) => listAdjustments(db, readListParams({ after }, ['number'] as const, 'number', 'desc'))],
  ['Stock Transfers', (after) => listTransfers(db, readListParams({ after }, ['number'] as const, 'number', 'desc'))],
  ['Stocktakes', (after) => listStocktakes(db, readListParams({ after }, ['number'] as const, 'number', 'desc'))],
  ['Stocktake lines', (after) => listStocktakeLines(db, stocktakeId, { after: decodeCursor(after) })],
  ['Job Runs', (after) => listJobRuns(db, { after: decodeCursor(after) })],
  ['Audit Log changes', (after) => listChanges(db, { after: decodeCursor(after) })],
  ['Webhook deliveries', (after) => listDeliveries(db, endpointId, { after: decodeCursor(after) })],
];

describe('a hand-edited paging cursor never makes a list fail', () => {
  it('the lists the test runs over hold rows, so their WHERE is evaluated', async () => {
    const counts = await Promise.all(cases().map(async ([name, run]) => [name, (await run(undefined)).rows.length] as const));
    expect(counts.filter(([, n]) => n === 0).map(([name]) => name)).toEqual(EMPTY);
  });

  for (const [what, cursor] of TAMPERED) {
    it(`${what}: every list answers a page`, async () => {
      for (const [name, run] of cases()) {
        const got = await run(cursor).then(
          (page) => ({ name, ok: Array.isArray(page.rows) }),
          (e: unknown) => ({ name, failed: String(e) }),
        );
        expect(got).toEqual({ name, ok: true });
      }
    });
  }

  it('a cursor that cannot belong to the list gives its first page', async () => {
    for (const [name, run] of cases()) {
      const first = (await run(undefined)).rows.map((r) => r.id);
      for (const cursor of [text('A', 'not-a-uuid'), text(1.5, UUID), text({ sql: 1 }, UUID), 'not base64 json']) {
        expect({ name, rows: (await run(cursor)).rows.map((r) => r.id) }).toEqual({ name, rows: first });
      }
    }
    // A moment list's cursor whose time is not a moment, or a number list's cursor holding text.
    const fo = cases().find(([name]) => name === 'Fulfilment Orders by date')![1];
    expect((await fo(text('yesterday', UUID))).rows).toEqual((await fo(undefined)).rows);
    const catalog = cases().find(([name]) => name === 'Catalog by fulfillable')![1];
    expect((await catalog(text('twelve', UUID))).rows).toEqual((await catalog(undefined)).rows);
  });

  it('a cursor the list gave still pages on', async () => {
    const all = await listProducts(db, readListParams({}, PRODUCT_SORTS, 'sku'));
    const page1 = await listProducts(db, { ...readListParams({}, PRODUCT_SORTS, 'sku'), limit: 2 });
    const page2 = await listProducts(db, { ...readListParams({ after: page1.next! }, PRODUCT_SORTS, 'sku'), limit: 2 });
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(2, 4).map((r) => r.id));
    const changes = await listChanges(db, { after: null }, 3);
    const more = await listChanges(db, { after: decodeCursor(changes.next) }, 3);
    expect(more.rows[0]!.id).not.toEqual(changes.rows[0]!.id);
    expect(Number(more.rows[0]!.id)).toBeLessThan(Number(changes.rows[2]!.id));
  });
});
