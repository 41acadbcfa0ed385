import { and, desc, eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/driver';
import { customers, productPrices, sales, stockLevels } from '@/db/schema';
import { createApiKey } from '@/lib/api/keys';
import { PERMISSION } from '@/lib/auth/permissions';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { getSale } from '@/lib/sale/queries';
import { readyToShipFrom } from '@/lib/sale/three-pl';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { testSession } from '@/test/session';
import { onHand } from '@/test/stock';
import { POST as invoiceApi } from './sales/[id]/invoice/route';
import { POST as orderApi } from './sales/[id]/order/route';
import { POST as packApi } from './sales/[id]/pack/route';
import { POST as pickApi } from './sales/[id]/pick/route';
import { GET as getSaleApi } from './sales/[id]/route';
import { POST as shipApi } from './sales/[id]/ship/route';
import { GET as listSalesApi, POST as createSaleApi } from './sales/route';

// Sales through the public API: created and taken through every stage by the screens' own rules.
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

let key: string;
let productsOnlyKey: string;
let userId: string;
let customerId: string;
let shelf: { id: string; name: string };
let mug: { id: string; sku: string };
let plate: { id: string; sku: string };

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 4).toString('base64');
  const db = (await createTestDb()).db;
  testSession.db = db;
  await ensurePriceTiers(db);
  const admin = await makeUser(db, [], true);
  const owner = await makeUser(db, [PERMISSION.sale, PERMISSION.products]);
  userId = owner.id;
  key = (await createApiKey(db, admin.id, { name: 'Shop', ownerId: owner.id, permissions: [PERMISSION.sale] })).key;
  productsOnlyKey = (await createApiKey(db, admin.id, { name: 'Catalogue', ownerId: owner.id, permissions: [PERMISSION.products] })).key;
  const [c] = await db
    .insert(customers)
    .values({ name: 'Harbour Cafe', contactName: 'Ana Ruiz', shippingLine1: '4 Quay St', shippingCity: 'Auckland', shippingPostalCode: '1010', shippingCountry: 'NZ', phone: '+64 9 555 0101', priceTier: 2 })
    .returning();
  customerId = c.id;
  shelf = await makeLocation(db);
  mug = await makeProduct(db, { sku: 'SAPI-MUG', name: 'Mug', defaultLocationId: shelf.id });
  plate = await makeProduct(db, { sku: 'SAPI-PLATE', name: 'Plate', defaultLocationId: shelf.id });
  await db.insert(productPrices).values([
    { productId: mug.id, tier: 1, price: 1200 },
    { productId: mug.id, tier: 2, price: 999 },
  ]);
  await createAdjustment(db, { reason: 'Opening', lines: [{ sku: mug.sku, locationId: shelf.id, binId: null, quantity: 20, unitCost: 40_000 }, { sku: plate.sku, locationId: shelf.id, binId: null, quantity: 3, unitCost: 20_000 }] }, owner.id);
});

type Init = { method?: string; key?: string; body?: unknown; headers?: Record<string, string> };
function req(path: string, { method = 'GET', key: k = key, body, headers = {} }: Init = {}) {
  const h: Record<string, string> = { authorization: `Bearer ${k}`, ...headers };
  if (body !== undefined) h['content-type'] ??= 'application/json';
  return new NextRequest(`http://localhost${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
}
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> & { detail?: string; errors?: { pointer: string; detail: string }[] } });
const create = (body: unknown, headers: Record<string, string> = {}) => createSaleApi(req('/api/v1/sales', { method: 'POST', body, headers }));
const stage = (name: 'order' | 'pick' | 'pack' | 'ship' | 'invoice', id: string, body?: unknown, k = key) =>
  ({ order: orderApi, pick: pickApi, pack: packApi, ship: shipApi, invoice: invoiceApi })[name](req(`/api/v1/sales/${id}/${name}`, { method: 'POST', body, key: k }), withId(id));
const saleCount = async () => rowsOf<{ n: number }>(await testSession.db!.execute(sql`SELECT count(*)::int AS n FROM sales`))[0]!.n;

describe('POST /api/v1/sales', () => {
  it('creates a Draft sale as Sale → New does: the customer’s tier and address fill what is left out', async () => {
    const made = await json(await create({ customerId, customerReference: 'PO-77', shippingOption: 'Expedited', lines: [{ productId: mug.id, quantity: 2 }, { sku: 'sapi-plate', quantity: 1, price: '4.50' }] }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      customer: 'Harbour Cafe',
      stages: { order: 'Draft', pick: 'Not Started', pack: 'Not Started', ship: 'Not Started', invoice: 'Not Started' },
      shippingOption: 'Expedited',
      shipTo: { name: 'Ana Ruiz', line1: '4 Quay St', line2: null, city: 'Auckland', postalCode: '1010', country: 'NZ', phone: '+64 9 555 0101' },
      lines: [
        { lineNo: 1, productId: mug.id, sku: 'SAPI-MUG', quantity: 2, price: '9.99', locationId: shelf.id, location: shelf.name },
        { lineNo: 2, productId: plate.id, sku: 'SAPI-PLATE', quantity: 1, price: '4.50', locationId: shelf.id },
      ],
      picked: [],
    });
    const id = made.body.id as string;
    expect((await json(await getSaleApi(req(`/api/v1/sales/${id}`), withId(id)))).body).toEqual(made.body);
    expect(await getSale(testSession.db!, id)).toMatchObject({ customerReference: 'PO-77', orderStatus: 'Draft', shipToCountry: 'NZ' });
  });

  it('refuses bad fields with the form’s words at JSON pointers, an unknown product or customer by name, and writes nothing', async () => {
    const before = await saleCount();
    const bad = await json(
      await create({
        customerId,
        shipTo: { name: '', line1: '1 Road', city: 'Town', postalCode: '1', country: 'XX' },
        lines: [{ productId: mug.id, quantity: 0 }, { sku: 'SAPI-MUG', quantity: 1, price: 'abc', locationId: 'nowhere' }, { quantity: 1 }],
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors!.map((e) => e.pointer).sort()).toEqual(['/lines/0/quantity', '/lines/1/locationId', '/lines/1/price', '/lines/2', '/shipTo/country', '/shipTo/name']);
    expect(bad.body.errors).toContainEqual({ pointer: '/lines/0/quantity', detail: 'Enter a whole number above 0.' });

    const unknown = await json(await create({ customerId: '00000000-0000-4000-8000-000000000077', lines: [{ productId: '00000000-0000-4000-8000-000000000078', quantity: 1 }, { sku: 'NO-SUCH', quantity: 1 }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { pointer: '/customerId', detail: 'No customer has this id.' },
      { pointer: '/lines/0/productId', detail: 'No product has this id.' },
    ]);
    // A SKU nobody has is refused by the sale's own rule (createSale), pointing at the line.
    const noSku = await json(await create({ customerId, lines: [{ sku: 'NO-SUCH', quantity: 1 }] }));
    expect(noSku).toMatchObject({ status: 422, body: { errors: [{ pointer: '/lines/0/sku', detail: 'No product has this SKU.' }] } });
    expect((await json(await create({ customerId, lines: [] }))).body.errors).toEqual([{ pointer: '/lines', detail: 'Add at least one line.' }]);
    expect((await json(await create({ customerId, lines: [{ productId: mug.id, quantity: 1 }], colour: 'red' }))).status).toBe(422);
    expect(await saleCount()).toBe(before);
  });

  it('creates one sale for a repeated request with the same Idempotency-Key, even sent twice at once', async () => {
    const before = await saleCount();
    const body = { customerId, lines: [{ productId: mug.id, quantity: 1 }] };
    const headers = { 'idempotency-key': 'shop-order-5521' };
    const [a, b] = await Promise.all([create(body, headers), create(body, headers)]);
    const [ja, jb] = [await json(a), await json(b)];
    expect(ja.status).toBe(201);
    expect(jb).toEqual(ja);
    expect((await json(await create(body, headers))).body.id).toBe(ja.body.id);
    expect(await saleCount()).toBe(before + 1);
  });

  it('is refused to a key without the Sale permission', async () => {
    const before = await saleCount();
    const r = await json(await createSaleApi(req('/api/v1/sales', { method: 'POST', key: productsOnlyKey, body: { customerId, lines: [{ productId: mug.id, quantity: 1 }] } })));
    expect(r.status).toBe(403);
    expect(r.body.detail).toContain('Sale');
    expect(await saleCount()).toBe(before);
  });
});

describe('authorising a sale’s stages through the API', () => {
  const newSale = async (quantity = 2, sku = mug.sku) => (await json(await create({ customerId, lines: [{ sku, quantity }] }))).body.id as string;

  it('takes a sale through Order, Pick, Pack, Ship and Invoice, each answer the sale after the change', async () => {
    const db = testSession.db!;
    const id = await newSale(3);
    const ordered = await json(await stage('order', id));
    expect(ordered).toMatchObject({ status: 200, body: { stages: { order: 'Authorised', pick: 'Draft' }, picked: [{ lineNo: 1, saleLineNo: 1, productId: mug.id, locationId: shelf.id, binId: null, quantity: 3, fba: false }] } });
    const [level] = await db.select().from(stockLevels).where(and(eq(stockLevels.productId, mug.id), eq(stockLevels.locationId, shelf.id)));
    expect(level!.allocated).toBeGreaterThanOrEqual(3);

    const mugsBefore = await onHand(db, mug.id, shelf.id);
    expect((await json(await stage('pick', id))).body.stages).toMatchObject({ pick: 'Authorised' });
    expect(await onHand(db, mug.id, shelf.id)).toBe(mugsBefore - 3);
    expect((await json(await stage('pack', id))).body.stages).toMatchObject({ pack: 'Authorised' });

    const shippedAt = new Date().toISOString();
    const shipBody = { carrier: 'NZ Post', trackingNumber: 'NZP-0001', shippedAt };
    const shipOnce = () => shipApi(req(`/api/v1/sales/${id}/ship`, { method: 'POST', body: shipBody, headers: { 'idempotency-key': `ship-${id}` } }), withId(id));
    const shipped = await json(await shipOnce());
    expect(shipped.body).toMatchObject({ stages: { ship: 'Authorised' }, carrier: 'NZ Post', trackingNumber: 'NZP-0001', shippedAt, fulfilmentOrders: [] });
    // A warehouse that lost the answer sends the same request again: the first answer, not a 409, and one shipment.
    expect(await json(await shipOnce())).toEqual(shipped);
    expect((await json(await stage('ship', id, shipBody))).status).toBe(409);
    expect((await getSale(db, id))!.shipments).toHaveLength(1);
    const invoiced = await json(await stage('invoice', id));
    expect(invoiced.body.stages).toEqual({ order: 'Authorised', pick: 'Authorised', pack: 'Authorised', ship: 'Authorised', invoice: 'Authorised' });
    const stored = (await getSale(db, id))!;
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(stored.invoiceDueAt?.toISOString().slice(0, 10)).toBe(due);
    expect(stored.log.map((l) => l.message)).toContainEqual(expect.stringContaining('tracking NZ Post NZP-0001'));
  });

  it('answers 409 with the screen’s words for a stage out of order, done twice, or short of stock, and changes nothing', async () => {
    const id = await newSale(1);
    const early = await json(await stage('pick', id));
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/is Draft: authorise the order first/);
    expect((await json(await stage('ship', id, { trackingNumber: 'T-1' }))).body.detail).toMatch(/Authorise Pick of sale SO-\d+ before shipping/);
    expect((await json(await stage('pack', id))).status).toBe(409);
    expect((await json(await stage('invoice', id))).status).toBe(409);

    expect((await json(await stage('order', id))).status).toBe(200);
    const twice = await json(await stage('order', id));
    expect(twice.status).toBe(409);
    expect((await json(await stage('pick', id))).status).toBe(200);
    const pickedTwice = await json(await stage('pick', id));
    expect(pickedTwice).toMatchObject({ status: 409, body: { detail: expect.stringMatching(/Pick of sale SO-\d+ is already authorised/) } });
    expect((await getSale(testSession.db!, id))!.shipStatus).toBe('Not Started');

    const greedy = await newSale(50, plate.sku);
    const short = await json(await stage('order', greedy));
    expect(short.status).toBe(409);
    expect(short.body.detail).toBe('Only 3 of SKU SAPI-PLATE are available at ' + shelf.name + ': 50 units needed.');
    expect((await getSale(testSession.db!, greedy))!.orderStatus).toBe('Draft');

    const missing = '00000000-0000-4000-8000-000000000099';
    expect((await json(await stage('order', missing))).status).toBe(404);
  });

  it('refuses bad stage bodies at JSON pointers, and every stage to a key without the Sale permission', async () => {
    const id = await newSale(1);
    await stage('order', id);
    const badPick = await json(await stage('pick', id, { places: [{ pickLineNo: 1, locationId: 'nowhere' }] }));
    expect(badPick).toMatchObject({ status: 422, body: { errors: [{ pointer: '/places/0/locationId', detail: 'Choose a location.' }] } });
    await stage('pick', id);
    const badPack = await json(await stage('pack', id, { boxes: [{ pickLineNo: 1, boxNo: 0 }] }));
    expect(badPack).toMatchObject({ status: 422, body: { errors: [{ pointer: '/boxes/0/boxNo', detail: 'Enter a box number from 1 to 999.' }] } });
    const badShip = await json(await stage('ship', id, { trackingNumber: 'x'.repeat(101), shippedAt: '2999-01-01T00:00:00Z', lines: [{ pickLineNo: 1, quantity: 2 }] }));
    expect(badShip).toMatchObject({ status: 422, body: { errors: [{ pointer: '/shippedAt', detail: 'shippedAt is in the future.' }] } });
    const noSuchLine = await json(await stage('ship', id, { lines: [{ pickLineNo: 1, quantity: 1 }, { pickLineNo: 7, quantity: 1 }] }));
    expect(noSuchLine).toMatchObject({ status: 422, body: { errors: [{ pointer: '/lines/1/pickLineNo', detail: 'The sale has no pick line 7 (see picked[].lineNo).' }] } });
    const tooMany = await json(await stage('ship', id, { lines: [{ pickLineNo: 1, quantity: 2 }] }));
    expect(tooMany).toMatchObject({ status: 422, body: { detail: 'A line ships at most what was picked.', errors: [{ pointer: '/lines/0/quantity', detail: 'At most 1 (picked).' }] } });
    expect((await json(await stage('invoice', id, { dueDate: '2026-02-30' }))).body.errors).toEqual([{ pointer: '/dueDate', detail: 'Enter a real date between 1900 and 2999.' }]);

    for (const name of ['order', 'pick', 'pack', 'ship', 'invoice'] as const) {
      const r = await json(await stage(name, id, name === 'order' ? undefined : {}, productsOnlyKey));
      expect(r.status, name).toBe(403);
    }
    expect((await getSale(testSession.db!, id))!).toMatchObject({ packStatus: 'Not Started', shipStatus: 'Not Started', invoiceStatus: 'Not Started' });
  });
});

describe('GET /api/v1/sales?readyToShipFrom=', () => {
  it('lists the sales picked at the location and waiting to ship (the 3PL list’s rule), page by page', async () => {
    const db = testSession.db!;
    const away = await makeLocation(db);
    const cup = await makeProduct(db, { sku: 'SAPI-CUP', name: 'Cup', defaultLocationId: away.id });
    await createAdjustment(db, { reason: 'Opening', lines: [{ sku: cup.sku, locationId: away.id, binId: null, quantity: 10, unitCost: 10_000 }] }, userId);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = (await json(await create({ customerId, lines: [{ sku: cup.sku, quantity: 1 }] }))).body.id as string;
      await stage('order', id);
      await stage('pick', id);
      ids.push(id);
    }
    const orderedOnly = (await json(await create({ customerId, lines: [{ sku: cup.sku, quantity: 1 }] }))).body.id as string;
    await stage('order', orderedOnly);
    await stage('ship', ids[0]!, { trackingNumber: 'GONE-1' });

    const first = await json(await listSalesApi(req(`/api/v1/sales?readyToShipFrom=${away.id}&limit=1`)));
    const second = await json(await listSalesApi(req(`/api/v1/sales?readyToShipFrom=${away.id}&limit=1&cursor=${first.body.nextCursor as string}`)));
    expect(second.body.nextCursor).toBeNull();
    expect([...(first.body.data as { id: string }[]), ...(second.body.data as { id: string }[])].map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect((await json(await listSalesApi(req(`/api/v1/sales?readyToShipFrom=${shelf.id}&q=SAPI-CUP`)))).body.data).toEqual([]);
    expect((await json(await listSalesApi(req('/api/v1/sales?readyToShipFrom=shelf')))).body.errors).toEqual([{ parameter: 'readyToShipFrom', detail: 'readyToShipFrom is a location id.' }]);
  });

  it('can be answered from the pick lines’ location index, not by reading every pick line', async () => {
    const db = testSession.db!;
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const page = tx.select({ id: sales.id }).from(sales).where(readyToShipFrom(shelf.id)).orderBy(desc(sales.number), desc(sales.id)).limit(51);
      return rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`EXPLAIN ${page}`))
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(plan).toContain('sale_pick_lines_location_idx');
    expect(plan).not.toMatch(/Seq Scan on sale_pick_lines/);
  });
});
