import { eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeys, signInLimits } from '@/db/schema';
import { createApiKey, revokeApiKey } from '@/lib/api/keys';
import { rateLimit } from '@/lib/api/route';
import { encodeCursor } from '@/lib/paging';
import { PERMISSION } from '@/lib/auth/permissions';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { testSession } from '@/test/session';
import { GET as getLocations } from './locations/route';
import { GET as getProduct, PATCH as patchProduct } from './products/[id]/route';
import { GET as listProducts, POST as createProduct } from './products/route';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { GET as getFo } from './fulfilment-orders/[id]/route';
import { GET as listFos } from './fulfilment-orders/route';
import { GET as getAdjustment } from './stock-adjustments/[id]/route';
import { GET as listAdjustments, POST as createAdjustmentApi } from './stock-adjustments/route';
import { GET as getSaleApi } from './sales/[id]/route';
import { GET as listSalesApi } from './sales/route';
import { GET as getStock } from './stock/route';
import { GET as getTransfer } from './stock-transfers/[id]/route';
import { GET as listTransfers, POST as createTransferApi } from './stock-transfers/route';

// The public API as another system calls it: a bearer key, JSON in and out, problem details on refusal.
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

let productsKey: string;
let readOnlyKey: string;
let ownerId: string;

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 4).toString('base64');
  const db = (await createTestDb()).db;
  testSession.db = db;
  const admin = await makeUser(db, [], true);
  const owner = await makeUser(db, [PERMISSION.products, PERMISSION.referenceBooks, PERMISSION.stockAdjustment]);
  ownerId = owner.id;
  productsKey = (await createApiKey(db, admin.id, { name: 'Shop', ownerId: owner.id, permissions: [PERMISSION.products, PERMISSION.referenceBooks, PERMISSION.stockAdjustment] })).key;
  readOnlyKey = (await createApiKey(db, admin.id, { name: 'Locations only', ownerId: owner.id, permissions: [PERMISSION.referenceBooks] })).key;
});

type Init = { method?: string; key?: string | null; body?: unknown; headers?: Record<string, string> };
function req(path: string, { method = 'GET', key = productsKey, body, headers = {} }: Init = {}) {
  const h: Record<string, string> = { ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  if (body !== undefined) h['content-type'] ??= 'application/json';
  return new NextRequest(`http://localhost${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const json = async (r: Response) => ({ status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as Record<string, unknown> });

describe('/api/v1 with a bearer key', () => {
  it('refuses a request without a key, with a wrong or revoked key, and a key without the permission', async () => {
    const none = await json(await listProducts(req('/api/v1/products', { key: null })));
    expect(none.status).toBe(401);
    expect(none.type).toBe('application/problem+json');
    expect(none.body).toMatchObject({ status: 401, title: 'Unauthorised' });
    expect((await listProducts(req('/api/v1/products', { key: 'fbak_' + 'x'.repeat(43) }))).status).toBe(401);

    const forbidden = await json(await listProducts(req('/api/v1/products', { key: readOnlyKey })));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.detail).toContain('Products');
    expect((await getLocations(req('/api/v1/locations', { key: readOnlyKey }))).status).toBe(200);

    const db = testSession.db!;
    const spare = await createApiKey(db, ownerId, { name: 'Spare', ownerId, permissions: [PERMISSION.products] });
    expect((await listProducts(req('/api/v1/products', { key: spare.key }))).status).toBe(200);
    await revokeApiKey(db, spare.id);
    expect((await listProducts(req('/api/v1/products', { key: spare.key }))).status).toBe(401);
  });

  it('takes a permission away from a key the moment its owner loses it', async () => {
    const db = testSession.db!;
    const user = await makeUser(db, [PERMISSION.products]);
    const { key } = await createApiKey(db, user.id, { name: 'Mine', ownerId: user.id, permissions: [PERMISSION.products] });
    expect((await listProducts(req('/api/v1/products', { key }))).status).toBe(200);
    await db.execute(sql`UPDATE users SET permissions = '{}' WHERE id = ${user.id}`);
    expect((await listProducts(req('/api/v1/products', { key }))).status).toBe(403);
    await db.execute(sql`UPDATE users SET active = false WHERE id = ${user.id}`);
    expect((await listProducts(req('/api/v1/products', { key }))).status).toBe(401);
  });

  it('creates a product with the form’s rules, reads it back, updates part of it', async () => {
    const loc = await makeLocation(testSession.db!);
    const created = await json(
      await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: 'API-MUG', name: 'Mug from the API', unitCost: '3.5', prices: { '1': '9.99', '2': '8.50' }, defaultLocationId: loc.id } })),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku: 'API-MUG', unitCost: '3.5000', prices: { '1': '9.99', '2': '8.50' }, defaultLocationId: loc.id, fbaBarcode: 'FNSKU' });
    const id = created.body.id as string;

    const read = await json(await getProduct(req(`/api/v1/products/${id}`), withId(id)));
    expect(read.body).toEqual(created.body);

    const patched = await json(await patchProduct(req(`/api/v1/products/${id}`, { method: 'PATCH', body: { name: 'Big mug', prices: { '1': '10.00' } } }), withId(id)));
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ sku: 'API-MUG', name: 'Big mug', unitCost: '3.5000', prices: { '1': '10.00' } });

    const dup = await json(await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: 'api-mug', name: 'Twin' } })));
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([{ detail: expect.stringContaining('SKU'), pointer: '/sku' }]);

    expect((await getProduct(req('/api/v1/products/not-a-uuid'), withId('not-a-uuid'))).status).toBe(404);
    const missing = '00000000-0000-4000-8000-000000000009';
    expect((await getProduct(req(`/api/v1/products/${missing}`), withId(missing))).status).toBe(404);
  });

  it('answers bad input with problem details naming each field, and writes nothing', async () => {
    const count = async () => Number(((await testSession.db!.execute(sql`SELECT count(*)::int AS n FROM products`)) as unknown as { rows?: { n: number }[] } & { n: number }[]).rows?.[0]?.n ?? 0);
    const before = await count();
    const bad = await json(
      await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: '', name: 'x'.repeat(201), unitCost: '-1', prices: { '11': '1.00', '3': 'abc' }, barcode: '123', colour: 'red' } })),
    );
    expect(bad.status).toBe(422);
    const pointers = (bad.body.errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['', '/sku', '/name', '/unitCost', '/prices/11', '/prices/3']));
    const unknownKey = await json(await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: 'A', name: 'B', colour: 'red' } })));
    expect(unknownKey.status).toBe(422);
    const fields = await json(await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: '', name: 'x'.repeat(201), unitCost: '-1', prices: { '11': '1.00', '3': 'abc' } } })));
    expect((fields.body.errors as { pointer: string }[]).map((e) => e.pointer).sort()).toEqual(['/name', '/prices/11', '/prices/3', '/sku', '/unitCost']);

    expect((await createProduct(req('/api/v1/products', { method: 'POST', body: '{"sku":' }))).status).toBe(400);
    expect((await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: 'A', name: 'B' }, headers: { 'content-type': 'text/plain' } }))).status).toBe(415);
    const nul = await json(await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: 'A\u0000', name: 'B' } })));
    expect(nul.status).toBe(422);
    expect(nul.body.errors).toEqual([{ detail: expect.stringContaining('NUL'), pointer: '/sku' }]);
    const query = await json(await listProducts(req('/api/v1/products?limit=0&sort=price&cursor=zzz')));
    expect(query.status).toBe(400);
    expect((query.body.errors as { parameter: string }[]).map((e) => e.parameter).sort()).toEqual(['cursor', 'limit', 'sort']);
    // A cursor of the right shape whose id no key could hold was a 500 (the query's uuid cast failed).
    const forged = encodeCursor({ v: 'A', id: 'not-a-uuid' });
    const refused = await json(await listProducts(req(`/api/v1/products?cursor=${forged}`)));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ parameter: 'cursor' })]);
    expect(await count()).toBe(before);
  });

  it('pages products by cursor, searches, and lists locations and stock', async () => {
    const db = testSession.db!;
    for (let i = 0; i < 5; i++) await makeProduct(db, { sku: `PAGE-${i}`, name: `Paged widget ${i}` });
    const first = await json(await listProducts(req('/api/v1/products?q=Paged%20widget&limit=2')));
    expect((first.body.data as { sku: string }[]).map((p) => p.sku)).toEqual(['PAGE-0', 'PAGE-1']);
    const second = await json(await listProducts(req(`/api/v1/products?q=Paged%20widget&limit=2&cursor=${first.body.nextCursor as string}`)));
    expect((second.body.data as { sku: string }[]).map((p) => p.sku)).toEqual(['PAGE-2', 'PAGE-3']);
    const third = await json(await listProducts(req(`/api/v1/products?q=Paged%20widget&limit=2&cursor=${second.body.nextCursor as string}`)));
    expect(third.body).toMatchObject({ data: [{ sku: 'PAGE-4' }], nextCursor: null });

    const shelf = await makeLocation(db);
    const held = await makeProduct(db, { sku: 'STOCK-API', name: 'Counted' });
    await createAdjustment(db, { reason: 'Opening stock', lines: [{ sku: held.sku, locationId: shelf.id, binId: null, quantity: 7, unitCost: 12_500 }] }, null);
    const stock = await json(await getStock(req(`/api/v1/stock?productId=${held.id}`)));
    expect(stock.body).toEqual({
      data: [{ productId: held.id, sku: 'STOCK-API', name: 'Counted', locationId: shelf.id, location: shelf.name, binId: null, bin: null, onHand: 7, allocated: 0, available: 7, averageCost: '1.2500' }],
      nextCursor: null,
    });
    const here = await json(await getLocations(req('/api/v1/locations')));
    expect(here.body.data).toContainEqual({ id: shelf.id, name: shelf.name, fbaConnectionId: null, onHand: 7, bins: [] });
  });

  it('replays a POST with the same Idempotency-Key instead of creating twice, and refuses the key for another request', async () => {
    const body = { sku: 'IDEM-1', name: 'Once only' };
    const headers = { 'idempotency-key': 'order-7781-create' };
    const [a, b] = await Promise.all([createProduct(req('/api/v1/products', { method: 'POST', body, headers })), createProduct(req('/api/v1/products', { method: 'POST', body, headers }))]);
    const [ja, jb] = [await json(a), await json(b)];
    expect(ja.status).toBe(201);
    expect(jb).toEqual(ja);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')]).toContain('true');
    const rows = await testSession.db!.execute(sql`SELECT count(*)::int AS n FROM products WHERE sku = 'IDEM-1'`);
    expect(JSON.stringify(rows)).toContain('"n":1');
    const other = await json(await createProduct(req('/api/v1/products', { method: 'POST', body: { ...body, name: 'Changed' }, headers })));
    expect(other.status).toBe(422);
    expect(other.body.detail).toContain('different request');
    // A refused request keeps no answer: fixed, it goes through with the same key.
    const refusedKey = { 'idempotency-key': 'retry-after-fix' };
    expect((await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: '', name: 'Fixed later' }, headers: refusedKey }))).status).toBe(422);
    expect((await createProduct(req('/api/v1/products', { method: 'POST', body: { sku: 'FIXED-1', name: 'Fixed later' }, headers: refusedKey }))).status).toBe(201);
  });

  it('limits each key’s requests per minute and says so in RateLimit headers', async () => {
    const db = testSession.db!;
    process.env.API_RATE_LIMIT_PER_MINUTE = '20';
    const RATE_LIMIT = rateLimit();
    const { key } = await createApiKey(db, ownerId, { name: 'Busy', ownerId, permissions: [PERMISSION.referenceBooks] });
    const first = await getLocations(req('/api/v1/locations', { key }));
    expect(first.headers.get('ratelimit-policy')).toBe(`"default";q=${RATE_LIMIT.points};w=${RATE_LIMIT.windowSeconds}`);
    expect(first.headers.get('ratelimit')).toMatch(new RegExp(`^"default";r=${RATE_LIMIT.points - 1};t=\\d+$`));
    let last: Response = first;
    for (let i = 1; i <= RATE_LIMIT.points; i++) last = await getLocations(req('/api/v1/locations', { key }));
    expect(last.status).toBe(429);
    // Counted in the database, not in this process: every web process of a deployment sees the same count.
    const keyId = (await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.name, 'Busy')))[0].id;
    const [counted] = await db.select({ points: signInLimits.points }).from(signInLimits).where(eq(signInLimits.key, `api:${keyId}`));
    expect(counted?.points).toBe(RATE_LIMIT.points + 1);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key is not slowed by this one.
    expect((await getLocations(req('/api/v1/locations', { key: readOnlyKey }))).status).toBe(200);
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
  });

  it('posts a stock adjustment with the screen’s rules: stock moves, refusals point at the line, a repeat posts nothing twice', async () => {
    const db = testSession.db!;
    const shelf = await makeLocation(db);
    const jar = await makeProduct(db, { sku: 'ADJ-JAR', name: 'Jar' });
    const post = (body: unknown, headers: Record<string, string> = {}) => createAdjustmentApi(req('/api/v1/stock-adjustments', { method: 'POST', body, headers }));
    const onHand = async () => (await json(await getStock(req(`/api/v1/stock?productId=${jar.id}`)))).body.data as { onHand: number }[];

    const bad = await json(await post({ reason: 'Count', lines: [{ sku: 'ADJ-JAR', locationId: shelf.id, quantity: 5 }, { sku: '', locationId: 'nowhere', quantity: 1.5, unitCost: '1.00' }] }));
    expect(bad.status).toBe(422);
    expect((bad.body.errors as { pointer: string }[]).map((e) => e.pointer).sort()).toEqual(['/lines/0/unitCost', '/lines/1/locationId', '/lines/1/quantity', '/lines/1/sku']);

    const key = { 'idempotency-key': 'opening-stock-jar' };
    const made = await json(await post({ reason: 'Jars received', lines: [{ sku: 'adj-jar', locationId: shelf.id, quantity: 12, unitCost: '2.5' }] }, key));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ reason: 'Jars received', status: 'Completed', lines: [{ lineNo: 1, sku: 'ADJ-JAR', quantity: 12, unitCost: '2.5000', location: shelf.name }] });
    const again = await json(await post({ reason: 'Jars received', lines: [{ sku: 'adj-jar', locationId: shelf.id, quantity: 12, unitCost: '2.5' }] }, key));
    expect(again).toEqual(made);
    expect((await onHand()).map((r) => r.onHand)).toEqual([12]);

    const tooMany = await json(await post({ reason: 'Breakage', lines: [{ sku: 'ADJ-JAR', locationId: shelf.id, quantity: -13 }] }));
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.detail).toContain('ADJ-JAR');
    expect((await onHand()).map((r) => r.onHand)).toEqual([12]);

    const id = made.body.id as string;
    expect(await json(await getAdjustment(req(`/api/v1/stock-adjustments/${id}`), withId(id)))).toMatchObject({ status: 200, body: made.body });
    const listed = await json(await listAdjustments(req('/api/v1/stock-adjustments?q=Jars')));
    expect(listed.body.data).toEqual([expect.objectContaining({ id, number: made.body.number, lines: 1 })]);
    const missing = '00000000-0000-4000-8000-000000000019';
    expect((await getAdjustment(req(`/api/v1/stock-adjustments/${missing}`), withId(missing))).status).toBe(404);
  });

  it('lists fulfilment orders by the screen’s filters and gives one with its items and packages, to a key with the FBA permission', async () => {
    const db = testSession.db!;
    const fbaKey = (await createApiKey(db, ownerId, { name: 'FBA reader', ownerId, permissions: [PERMISSION.products] })).key;
    expect((await listFos(req('/api/v1/fulfilment-orders', { key: fbaKey }))).status).toBe(403);
    const admin = await makeUser(db, [], true);
    const key = (await createApiKey(db, admin.id, { name: 'FBA', ownerId: admin.id, permissions: [PERMISSION.fba] })).key;
    const { conn } = await makeFbaConnection(db);
    const queued = await makeQueuedFulfilmentOrder(db, conn, { items: [{ sku: 'FO-API-MUG', quantity: 2 }] });
    const shipped = await makeQueuedFulfilmentOrder(db, conn, { over: { status: 'Shipped' } });

    const list = await json(await listFos(req(`/api/v1/fulfilment-orders?status=Queued&connectionId=${conn.id}`, { key })));
    expect(list.status).toBe(200);
    expect((list.body.data as { id: string }[]).map((o) => o.id)).toEqual([queued.fo.id]);
    const bySku = await json(await listFos(req('/api/v1/fulfilment-orders?q=FO-API-MUG', { key })));
    expect(bySku.body.data).toEqual([expect.objectContaining({ id: queued.fo.id, number: queued.fo.number, saleNumber: queued.sale.number, units: 2, status: 'Queued' })]);
    expect(((await json(await listFos(req(`/api/v1/fulfilment-orders?status=Shipped&connectionId=${conn.id}`, { key })))).body.data as { id: string }[]).map((o) => o.id)).toEqual([shipped.fo.id]);

    const one = await json(await getFo(req(`/api/v1/fulfilment-orders/${queued.fo.id}`, { key }), withId(queued.fo.id)));
    expect(one.body).toMatchObject({ id: queued.fo.id, status: 'Queued', sale: { id: queued.sale.id }, items: [{ lineNo: 1, sellerSku: 'FO-API-MUG', quantity: 2, shipped: 0 }], packages: [] });
    const missing = '00000000-0000-4000-8000-000000000029';
    expect((await getFo(req(`/api/v1/fulfilment-orders/${missing}`, { key }), withId(missing))).status).toBe(404);
    const bad = await json(await listFos(req('/api/v1/fulfilment-orders?status=Lost&from=2026-02-30', { key })));
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { parameter: string }[]).map((e) => e.parameter).sort()).toEqual(['from', 'status']);
  });

  it('creates a Draft stock transfer with the screen’s rules; refusals point into the body; nothing moves yet', async () => {
    const db = testSession.db!;
    const admin = await makeUser(db, [], true);
    const key = (await createApiKey(db, admin.id, { name: 'Mover', ownerId: admin.id, permissions: [PERMISSION.stockTransfer, PERMISSION.products] })).key;
    const [a, b] = [await makeLocation(db), await makeLocation(db)];
    const cup = await makeProduct(db, { sku: 'TR-CUP', name: 'Cup' });
    const post = (body: unknown) => createTransferApi(req('/api/v1/stock-transfers', { method: 'POST', body, key }));

    const same = await json(await post({ from: { locationId: a.id }, to: { locationId: a.id }, lines: [{ sku: 'TR-CUP', quantity: 0 }, { sku: '', quantity: 2 }] }));
    expect(same.status).toBe(422);
    expect((same.body.errors as { pointer: string }[]).map((e) => e.pointer).sort()).toEqual(['/lines/0/quantity', '/lines/1/sku', '/to/locationId']);
    const unknown = await json(await post({ from: { locationId: a.id }, to: { locationId: b.id }, lines: [{ sku: 'NO-SUCH', quantity: 1 }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ detail: 'No product has this SKU.', pointer: '/lines/0/sku' }]);

    const made = await json(await post({ from: { locationId: a.id }, to: { locationId: b.id }, note: 'Restock B', lines: [{ sku: 'tr-cup', quantity: 3 }] }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'Draft', note: 'Restock B', from: a.name, to: b.name, shippedAt: null, lines: [{ lineNo: 1, sku: 'TR-CUP', quantity: 3, received: 0 }] });
    const id = made.body.id as string;
    expect((await json(await getTransfer(req(`/api/v1/stock-transfers/${id}`, { key }), withId(id)))).body).toEqual(made.body);
    expect(((await json(await listTransfers(req('/api/v1/stock-transfers?limit=1', { key })))).body.data as { id: string }[]).map((t) => t.id)).toEqual([id]);
    expect((await json(await getStock(req(`/api/v1/stock?productId=${cup.id}`, { key })))).body.data).toEqual([]);
  });

  it('lists sales by stage and gives one with its stages, lines and fulfilment orders', async () => {
    const db = testSession.db!;
    const admin = await makeUser(db, [], true);
    const key = (await createApiKey(db, admin.id, { name: 'Sales reader', ownerId: admin.id, permissions: [PERMISSION.sale] })).key;
    const { conn } = await makeFbaConnection(db);
    const { fo, sale } = await makeQueuedFulfilmentOrder(db, conn, { items: [{ sku: 'SALE-API', quantity: 1 }] });
    const shippedSales = await json(await listSalesApi(req(`/api/v1/sales?ship=Authorised&q=${sale.number}`, { key })));
    expect(shippedSales.body.data).toEqual([expect.objectContaining({ id: sale.id, number: sale.number, stages: { order: 'Authorised', pick: 'Not Started', pack: 'Not Started', ship: 'Authorised', invoice: 'Not Started' } })]);
    expect((await json(await listSalesApi(req(`/api/v1/sales?ship=Draft&q=${sale.number}`, { key })))).body.data).toEqual([]);
    const one = await json(await getSaleApi(req(`/api/v1/sales/${sale.id}`, { key }), withId(sale.id)));
    expect(one.body).toMatchObject({ id: sale.id, stages: { ship: 'Authorised' }, fulfilmentOrders: [{ id: fo.id, number: fo.number, status: 'Queued' }] });
    const bad = await json(await listSalesApi(req('/api/v1/sales?pick=Shipped', { key })));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ detail: 'pick is one of Not Started, Draft, Authorised.', parameter: 'pick' }]);
  });
});
