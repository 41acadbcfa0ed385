import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/driver';
import { customers, saleShipments } from '@/db/schema';
import { createApiKey } from '@/lib/api/keys';
import { PERMISSION } from '@/lib/auth/permissions';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { authoriseOrder } from '@/lib/sale/order';
import { authorisePick } from '@/lib/sale/pick';
import { getSale } from '@/lib/sale/queries';
import { createSale } from '@/lib/sale/sales';
import { threePlRows } from '@/lib/sale/three-pl';
import { createAdjustment } from '@/lib/stock/adjustments';
import { drainWebhooksUntilIdle } from '@/lib/webhooks/drain';
import { createWebhookEndpoint } from '@/lib/webhooks/endpoints';
import { verifyWebhookSignature } from '@/lib/webhooks/signature';
import { inProcessFetch } from '@/test/api-fetch';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { testSession } from '@/test/session';
import { salesReadyAt, shipReadyFrom } from './three-pl';

// The outside warehouse of issue 14, played by scripts/three-pl.ts through the HTTP API only; here
// its fetch reaches the route handlers in this process (test/api-fetch.ts).
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

const BASE = 'http://inventory.test';
let key: string;
let warehouse: { id: string; name: string };
let other: { id: string; name: string };
const atWarehouse: string[] = [];
const atOther: string[] = [];
let notPicked: string;
let mixed: string;

// The merchant's webhook receiver (issue 14): it hears the warehouse's shipments as events, checks
// each signature and counts every event id it accepts.
let hook: { url: string; secret: string };
const accepted = new Map<string, { type: string; data: Record<string, unknown> }>();
let repeats = 0;
let refusedSignatures = 0;
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    if (!verifyWebhookSignature(hook.secret, req.headers, body).ok) {
      refusedSignatures += 1;
      res.statusCode = 400;
      return res.end();
    }
    const event = JSON.parse(body) as { id: string; type: string; data: Record<string, unknown> };
    if (accepted.has(event.id)) repeats += 1;
    accepted.set(event.id, event);
    res.end();
  });
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 4).toString('base64');
  const db = (await createTestDb()).db;
  testSession.db = db;
  await ensurePriceTiers(db);
  const admin = await makeUser(db, [], true);
  const clerk = await makeUser(db, [PERMISSION.sale]);
  key = (await createApiKey(db, admin.id, { name: 'Acme 3PL', ownerId: clerk.id, permissions: [PERMISSION.sale] })).key;
  [warehouse, other] = [await makeLocation(db, 'Acme 3PL Auckland'), await makeLocation(db, 'Own shelf')];
  const [c] = await db.insert(customers).values({ name: 'Kiwi Kitchens', shippingLine1: '9 Dock Rd', shippingCity: 'Auckland', shippingPostalCode: '1011', shippingCountry: 'NZ' }).returning();
  const shipTo = { shipToName: 'Kiwi Kitchens', shipToLine1: '9 Dock Rd', shipToLine2: null, shipToCity: 'Auckland', shipToState: null, shipToPostalCode: '1011', shipToCountry: 'NZ', shipToPhone: null };
  const pan = await makeProduct(db, { sku: '3PL-PAN', name: 'Pan' });
  const lid = await makeProduct(db, { sku: '3PL-LID', name: 'Lid' });
  for (const loc of [warehouse, other])
    await createAdjustment(db, { reason: 'Opening', lines: [pan, lid].map((p) => ({ sku: p.sku, locationId: loc.id, binId: null, quantity: 100, unitCost: 10_000 })) }, clerk.id);
  const sell = async (locationId: string, lines: number) => {
    const sale = await createSale(db, { customerId: c.id, priceTier: 1, ...shipTo, customerReference: null, comment: null, lines: [pan, lid].slice(0, lines).map((p, i) => ({ index: i, sku: p.sku, quantity: i + 1, price: 2500, locationId })) }, clerk.id);
    await authoriseOrder(db, sale.id, clerk.id);
    return sale.id;
  };
  for (let i = 0; i < 3; i++) {
    const id = await sell(warehouse.id, i === 0 ? 2 : 1);
    await authorisePick(db, id, {}, clerk.id);
    atWarehouse.push(id);
  }
  for (let i = 0; i < 2; i++) {
    const id = await sell(other.id, 1);
    await authorisePick(db, id, {}, clerk.id);
    atOther.push(id);
  }
  // Ordered but not picked: not ready, so the warehouse leaves it.
  notPicked = await sell(warehouse.id, 1);
  // Picked at both places: listed (a line is at the warehouse) but left for the merchant to ship whole.
  const both = await createSale(db, { customerId: c.id, priceTier: 1, ...shipTo, customerReference: null, comment: null, lines: [{ index: 0, sku: pan.sku, quantity: 1, price: 2500, locationId: warehouse.id }, { index: 1, sku: lid.sku, quantity: 1, price: 2500, locationId: other.id }] }, clerk.id);
  await authoriseOrder(db, both.id, clerk.id);
  await authorisePick(db, both.id, {}, clerk.id);
  mixed = both.id;
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/inventory-events`;
  hook = await db.transaction((tx) => createWebhookEndpoint(tx, admin.id, { url, description: 'Merchant receiver', events: ['sale.stage_changed', 'tracking.added'] }));
});

const eventsOf = (type: string) => [...accepted.values()].filter((e) => e.type === type).map((e) => e.data);

const shipmentCount = async () => rowsOf<{ n: number }>(await testSession.db!.execute(sql`SELECT count(*)::int AS n FROM sale_shipments`))[0]!.n;

describe('scripts/three-pl.ts: an outside warehouse through the API', () => {
  it('ships every sale ready at its location (all pages) with a tracking number, and nothing else', async () => {
    const fetchFn = inProcessFetch();
    // The API's list and the 3PL Shipment List (CSV) agree on what is ready there.
    const csvOrders = new Set((await threePlRows(testSession.db!, warehouse.id)).map((r) => r[0]));
    expect((await salesReadyAt(BASE, key, warehouse.id, fetchFn)).map((s) => s.number).sort()).toEqual([...csvOrders].sort());
    const log: string[] = [];
    const done = await shipReadyFrom(BASE, key, warehouse.id, fetchFn, { carrier: 'Acme Freight', pageSize: 2, log: (l) => log.push(l) });
    const left = done.filter((d) => !d.shipped);
    expect(left.map((d) => d.saleId)).toEqual([mixed]);
    expect(left[0]!.detail).toMatch(/some of its lines are picked at another location; the merchant ships it\.$/);
    const shipped = done.filter((d) => d.shipped);
    expect(shipped.map((d) => d.saleId).sort()).toEqual([...atWarehouse].sort());
    expect(shipped.every((d) => /^3PL[A-Z0-9]{12}$/.test(d.trackingNumber ?? ''))).toBe(true);
    expect(new Set(shipped.map((d) => d.trackingNumber)).size).toBe(3);
    expect(log[0]).toBe(`4 sales ready to ship from location ${warehouse.id}.`);
    expect(log).toContainEqual(expect.stringMatching(/^Shipped SO-\d+: 2 lines, 3 units, tracking 3PL/));

    for (const d of shipped) {
      // As another system sees it, through GET /sales/{id} …
      const api = (await (await fetchFn(`${BASE}/api/v1/sales/${d.saleId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as Record<string, unknown>;
      expect(api).toMatchObject({ stages: { ship: 'Authorised' }, carrier: 'Acme Freight', trackingNumber: d.trackingNumber, shippedAt: expect.any(String) });
      // … and as the sale page reads it.
      const sale = (await getSale(testSession.db!, d.saleId))!;
      expect(sale).toMatchObject({ shipStatus: 'Authorised', carrier: 'Acme Freight', trackingNumber: d.trackingNumber });
      expect(sale.shipments.filter((s) => !s.undoneAt)).toHaveLength(1);
      expect(sale.ship.reduce((n, l) => n + l.quantity, 0)).toBe(sale.picked.reduce((n, l) => n + l.quantity, 0));
    }
    for (const id of [...atOther, notPicked, mixed]) expect((await getSale(testSession.db!, id))!).toMatchObject({ shipStatus: 'Not Started', trackingNumber: null });
    expect((await salesReadyAt(BASE, key, other.id, fetchFn, 1)).map((s) => s.id).sort()).toEqual([...atOther, mixed].sort());
    expect((await threePlRows(testSession.db!, warehouse.id)).map((r) => r[0])).toEqual([(await getSale(testSession.db!, mixed))!.number]);

    // The merchant's receiver heard each shipment exactly once, signed: Ship authorised and its tracking number.
    await drainWebhooksUntilIdle(testSession.db!);
    await drainWebhooksUntilIdle(testSession.db!);
    expect({ refusedSignatures, repeats }).toEqual({ refusedSignatures: 0, repeats: 0 });
    const tracked = eventsOf('tracking.added');
    expect(tracked.map((t) => t.saleId).sort()).toEqual([...atWarehouse].sort());
    expect(tracked.map((t) => t.trackingNumber).sort()).toEqual(shipped.map((d) => d.trackingNumber).sort());
    expect(tracked.every((t) => t.carrier === 'Acme Freight' && t.source === 'sale')).toBe(true);
    const shipEvents = eventsOf('sale.stage_changed').filter((e) => e.stage === 'Ship');
    expect(shipEvents.map((e) => e.saleId).sort()).toEqual([...atWarehouse].sort());
    expect(shipEvents.every((e) => e.from === 'Not Started' && e.to === 'Authorised')).toBe(true);
  });

  it('ships nothing twice when run again', async () => {
    const before = await shipmentCount();
    const again = await shipReadyFrom(BASE, key, warehouse.id, inProcessFetch());
    expect(again.filter((d) => d.shipped)).toEqual([]);
    expect(await shipmentCount()).toBe(before);
    const heard = accepted.size;
    await drainWebhooksUntilIdle(testSession.db!);
    expect(accepted.size).toBe(heard);
    const rows = await testSession.db!.select().from(saleShipments).where(eq(saleShipments.saleId, atWarehouse[0]!));
    expect(rows).toHaveLength(1);
  });

  it('stops with the API’s words when the key is refused', async () => {
    await expect(shipReadyFrom(BASE, 'fbak_' + 'x'.repeat(43), warehouse.id, inProcessFetch())).rejects.toThrow(/^The API answered 401: Send a valid API key/);
  });
});
