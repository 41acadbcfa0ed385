import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { inboundShipments, outbox, stockTransfers, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { moveFo } from '@/lib/fulfilment/fo-write';
import { moveInbound } from '@/lib/inbound/inbound-write';
import { lockSale, moveStage } from '@/lib/sale/sale-write';
import { postMovements } from '@/lib/stock/ledger';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { makeFulfilmentOrder, makeSaleWithLines } from '@/test/fulfilment-fixtures';
import { postSigned } from './deliver';
import { drainWebhooks } from './drain';
import { createWebhookEndpoint, deleteWebhookEndpoint, listDeliveries, listWebhookEndpoints, rotateWebhookSecret, sendTestEvent, setWebhookEndpointActive } from './endpoints';
import type { WebhookEventType } from './events';
import { verifyWebhookSignature } from './signature';

let db: Db;
let adminId: string;

/** A receiver on 127.0.0.1 (port 0): answers each request with the next status of `answers` (then 200), keeps what it got. */
type Received = { headers: http.IncomingHttpHeaders; body: string };
let received: Received[] = [];
let answers: number[] = [];
let server: http.Server;
let receiverUrl = '';

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
  db = (await createTestDb()).db;
  adminId = (await makeUser(db, [], true)).id;
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(async () => {
  // Each test starts with no endpoints (their deliveries cascade) and no waiting outbox rows.
  await db.delete(webhookEndpoints);
  await db.delete(outbox);
  received = [];
  answers = [];
});

const endpoint = (events: WebhookEventType[], url = receiverUrl) => db.transaction((tx) => createWebhookEndpoint(tx, adminId, { url, description: null, events }));

async function deliveriesOf(endpointId: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.seq);
}

describe('events', () => {
  it('a sale stage change, an FO status change and a stock posting reach only the endpoints subscribed to them, once each, in the same transaction', async () => {
    const sales = await endpoint(['sale.stage_changed']);
    const stock = await endpoint(['stock.level_changed', 'fulfilment_order.status_changed']);
    const off = await endpoint(['sale.stage_changed', 'stock.level_changed', 'fulfilment_order.status_changed']);
    await setWebhookEndpointActive(db, off.id, false);

    const location = await makeLocation(db);
    const product = await makeProduct(db);
    const sale = await makeSaleWithLines(db, { lines: [{ productId: product.id, locationId: location.id, quantity: 1 }] });
    await db.transaction(async (tx) => moveStage(tx, await lockSale(tx, sale.id), 'Invoice', 'Authorised', 'Authorised.', adminId));
    // A change rolled back emits nothing: the event is part of the change's transaction.
    await expect(
      db.transaction(async (tx) => {
        await moveStage(tx, await lockSale(tx, sale.id), 'Pack', 'Authorised', 'Authorised.', adminId);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    const fo = await makeFulfilmentOrder(db, { status: 'Queued' });
    await db.transaction((tx) => moveFo(tx, fo.fo.id, 'Queued', 'Cancelled', { message: 'Voided.', userId: adminId }));

    const bin = null;
    await db.transaction((tx) =>
      postMovements(tx, [{ productId: product.id, locationId: location.id, binId: bin, quantity: 5, valued: true, unitCost: 100, sourceType: 'adjustment', sourceId: sale.id, sourceLine: 1 }], adminId),
    );

    const toSales = await deliveriesOf(sales.id);
    expect(toSales.map((d) => d.eventType)).toEqual(['sale.stage_changed']);
    expect(toSales[0]!.payload).toMatchObject({ type: 'sale.stage_changed', data: { saleId: sale.id, number: sale.number, stage: 'Invoice', from: 'Not Started', to: 'Authorised' } });
    expect(toSales[0]!.payload.id).toBe(toSales[0]!.eventId);

    const toStock = await deliveriesOf(stock.id);
    expect(toStock.map((d) => d.eventType)).toEqual(['fulfilment_order.status_changed', 'stock.level_changed']);
    expect(toStock[0]!.payload).toMatchObject({ data: { fulfilmentOrderId: fo.fo.id, from: 'Queued', to: 'Cancelled' } });
    expect(toStock[1]!.payload).toMatchObject({ data: { levels: [{ productId: product.id, locationId: location.id, binId: null, onHand: 5 }] } });
    expect(await deliveriesOf(off.id)).toEqual([]);
    // One outbox row per delivery, nothing else.
    const queued = await db.select({ kind: outbox.kind, subjectId: outbox.subjectId }).from(outbox);
    expect(queued.map((q) => q.subjectId).sort()).toEqual([...toSales, ...toStock].map((d) => d.id).sort());
    expect(new Set(queued.map((q) => q.kind))).toEqual(new Set(['webhook.deliver']));
  });

  it('coalesces a large posting: 1,201 levels make 3 stock.level_changed events, each event one row per endpoint', async () => {
    const a = await endpoint(['stock.level_changed']);
    const b = await endpoint(['stock.level_changed']);
    const location = await makeLocation(db);
    const ids = rowsOf<{ id: string }>(await db.execute(sql`INSERT INTO products (sku, name) SELECT 'BULK-' || g || '-' || ${location.id}, 'Bulk ' || g FROM generate_series(1, 1201) g RETURNING id`)).map((r) => r.id);
    await db.transaction((tx) =>
      postMovements(
        tx,
        ids.map((productId, i) => ({ productId, locationId: location.id, binId: null, quantity: 2, valued: true, unitCost: 10, sourceType: 'adjustment', sourceId: location.id, sourceLine: i + 1 })),
        adminId,
      ),
    );
    for (const e of [a, b]) {
      const rows = await deliveriesOf(e.id);
      expect(rows).toHaveLength(3);
      const sizes = rows.map((r) => (r.payload.data as { levels: unknown[] }).levels.length).sort((x, y) => y - x);
      expect(sizes).toEqual([500, 500, 201]);
      const all = new Set(rows.flatMap((r) => (r.payload.data as { levels: { productId: string }[] }).levels.map((l) => l.productId)));
      expect(all.size).toBe(1201);
    }
    // The same three events (ids) went to both endpoints.
    expect((await deliveriesOf(a.id)).map((r) => r.eventId).sort()).toEqual((await deliveriesOf(b.id)).map((r) => r.eventId).sort());
  });

  it('a sale shipped with a tracking number emits tracking.added; an inbound shipment status change its own event', async () => {
    const tracking = await endpoint(['tracking.added']);
    const inbound = await endpoint(['inbound_shipment.status_changed']);
    const location = await makeLocation(db);
    const product = await makeProduct(db);
    const sale = await makeSaleWithLines(db, { lines: [{ productId: product.id, locationId: location.id, quantity: 1 }] });
    await db.transaction(async (tx) => moveStage(tx, await lockSale(tx, sale.id), 'Ship', 'Authorised', 'Authorised.', adminId, { carrier: 'UPS', trackingNumber: '1Z999' }));
    // Another stage change carries no tracking event.
    await db.transaction(async (tx) => moveStage(tx, await lockSale(tx, sale.id), 'Invoice', 'Authorised', 'Authorised.', adminId));
    const [t] = await deliveriesOf(tracking.id);
    expect((await deliveriesOf(tracking.id)).length).toBe(1);
    expect(t!.payload).toMatchObject({ type: 'tracking.added', data: { source: 'sale', saleId: sale.id, carrier: 'UPS', trackingNumber: '1Z999' } });

    const { conn } = await makeFbaConnection(db);
    const [transfer] = await db.insert(stockTransfers).values({ number: `TR-WH-${Date.now()}`, fromLocationId: location.id, toLocationId: conn.locationId }).returning();
    const [shipment] = await db.insert(inboundShipments).values({ connectionId: conn.id, transferId: transfer!.id, name: 'Inbound WH', shipFrom: {} }).returning();
    await db.transaction((tx) => moveInbound(tx, shipment!.id, 'Draft', 'Working', { message: 'Placed.', userId: null }));
    const rows = await deliveriesOf(inbound.id);
    expect(rows.map((r) => r.payload)).toMatchObject([{ type: 'inbound_shipment.status_changed', data: { inboundShipmentId: shipment!.id, name: 'Inbound WH', from: 'Draft', to: 'Working' } }]);
    expect(await deliveriesOf(tracking.id)).toHaveLength(1);
  });

  it('with no endpoint subscribed, a change emits nothing', async () => {
    await endpoint(['inbound_shipment.status_changed']);
    const location = await makeLocation(db);
    const product = await makeProduct(db);
    await db.transaction((tx) => postMovements(tx, [{ productId: product.id, locationId: location.id, binId: null, quantity: 1, valued: true, unitCost: 1, sourceType: 'adjustment', sourceId: location.id, sourceLine: 1 }], adminId));
    expect(await db.select().from(webhookDeliveries)).toEqual([]);
    expect(await db.select().from(outbox)).toEqual([]);
  });
});

describe('delivery', () => {
  it('signs each delivery so the receiver verifies it, and logs status, attempts and duration', async () => {
    const made = await endpoint(['sale.stage_changed']);
    const { deliveryId } = await db.transaction((tx) => sendTestEvent(tx, made.id));
    const summary = await drainWebhooks(db);
    expect(summary).toMatchObject({ claimed: 1, done: 1 });
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(verifyWebhookSignature(made.secret, got.headers, got.body)).toMatchObject({ ok: true });
    expect(verifyWebhookSignature('whsec_wrong', got.headers, got.body)).toMatchObject({ ok: false });
    const event = JSON.parse(got.body) as { id: string; type: string; createdAt: string; data: unknown };
    expect(event).toMatchObject({ type: 'ping', data: { endpointId: made.id } });
    expect(got.headers['webhook-id']).toBe(event.id);
    expect(got.headers['content-type']).toBe('application/json');

    const [row] = await listDeliveries(db, made.id, { after: null }).then((p) => p.rows);
    expect(row).toMatchObject({ id: deliveryId, eventType: 'ping', status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null });
    expect(row!.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect((await listWebhookEndpoints(db)).find((e) => e.id === made.id)!.last).toMatchObject({ id: deliveryId, status: 'delivered', statusCode: 200 });

    // After Rotate secret, deliveries are signed with the new one only.
    const rotated = await rotateWebhookSecret(db, made.id);
    await db.transaction((tx) => sendTestEvent(tx, made.id));
    await drainWebhooks(db);
    expect(verifyWebhookSignature(rotated.secret, received[1]!.headers, received[1]!.body)).toMatchObject({ ok: true });
    expect(verifyWebhookSignature(made.secret, received[1]!.headers, received[1]!.body)).toMatchObject({ ok: false });
  });

  it('retries after a 500 with backoff, then delivers: the receiver counts the event once delivered, with the same id each attempt', async () => {
    const made = await endpoint(['sale.stage_changed']);
    answers = [500];
    await db.transaction((tx) => sendTestEvent(tx, made.id));
    const t0 = new Date();
    expect(await drainWebhooks(db, { now: () => t0 })).toMatchObject({ retried: 1 });
    let [row] = await deliveriesOf(made.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'Answered 500.' });
    expect(row!.nextAttemptAt!.getTime()).toBeGreaterThan(t0.getTime());
    // Not due yet: nothing sent.
    expect(await drainWebhooks(db, { now: () => t0 })).toMatchObject({ claimed: 0 });
    expect(await drainWebhooks(db, { now: () => new Date(t0.getTime() + 60 * 60_000) })).toMatchObject({ done: 1 });
    [row] = await deliveriesOf(made.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([row!.eventId, row!.eventId]);
    expect(received.filter((_, i) => i > 0)).toHaveLength(1);
  });

  it('several lanes drain side by side and never send a delivery twice', async () => {
    const made = await endpoint(['sale.stage_changed']);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await db.transaction((tx) => sendTestEvent(tx, made.id))).deliveryId);
    expect(await drainWebhooks(db, { lanes: 3, limit: 3 })).toMatchObject({ claimed: 7, done: 7, dropped: 0 });
    expect(received.map((r) => r.headers['webhook-id']).sort()).toEqual((await deliveriesOf(made.id)).map((d) => d.eventId).sort());
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(7);
  });

  it('gives up after the last attempt and says so', async () => {
    const made = await endpoint(['sale.stage_changed']);
    answers = [503, 503, 503];
    await db.transaction((tx) => sendTestEvent(tx, made.id));
    let at = Date.now();
    for (let i = 0; i < 3; i++) {
      await drainWebhooks(db, { maxAttempts: 3, now: () => new Date(at) });
      at += 24 * 60 * 60_000;
    }
    const [row] = await deliveriesOf(made.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503 });
    expect(row!.lastError).toBe('Gave up after 3 attempts to reach the endpoint. Answered 503.');
    expect(received).toHaveLength(3);
  });

  it('a 410 Gone disables the endpoint: later events are not sent to it', async () => {
    const made = await endpoint(['sale.stage_changed']);
    answers = [410];
    await db.transaction((tx) => sendTestEvent(tx, made.id));
    expect(await drainWebhooks(db)).toMatchObject({ refused: 1 });
    const [row] = await deliveriesOf(made.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });
    const [ep] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, made.id));
    expect(ep).toMatchObject({ active: false, disabledReason: expect.stringContaining('410 Gone') });
    await expect(db.transaction((tx) => sendTestEvent(tx, made.id))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('no answer (connection refused) is retried with our words; a deleted endpoint leaves nothing to send', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const made = await endpoint(['sale.stage_changed'], `http://127.0.0.1:${port}/gone`);
    await db.transaction((tx) => sendTestEvent(tx, made.id));
    expect(await drainWebhooks(db)).toMatchObject({ retried: 1 });
    const [row] = await deliveriesOf(made.id);
    expect(row).toMatchObject({ status: 'pending', lastStatusCode: 0, lastError: 'Connection refused.' });
    await deleteWebhookEndpoint(db, made.id);
    expect(await drainWebhooks(db, { now: () => new Date(Date.now() + 3600_000) })).toMatchObject({ done: 1 });
  });

  it('in production refuses a host name that resolves to a private address, at the connection, before sending anything', async () => {
    const local = receiverUrl.replace('127.0.0.1', 'localhost');
    expect(await postSigned(local, '{}', {}, { allowPrivate: false })).toMatchObject({ statusCode: 0, error: 'The host resolves to a private address: refused.' });
    expect(received).toHaveLength(0);
    expect(await postSigned(local, '{}', {}, { allowPrivate: true })).toMatchObject({ statusCode: 200, error: null });
    expect(received).toHaveLength(1);
  });

  it('keeps the secret encrypted at rest and out of the audit trail', async () => {
    const made = await endpoint(['tracking.added']);
    const everything = JSON.stringify(rowsOf(await db.execute(sql`SELECT e.*, (SELECT json_agg(a) FROM audit_log a WHERE a.table_name = 'webhook_endpoints') AS audit FROM webhook_endpoints e`)));
    expect(everything).not.toContain(made.secret);
    expect(everything).not.toContain(made.secret.slice(6));
    expect(everything).toContain(made.url);
    const audited = JSON.stringify(rowsOf(await db.execute(sql`SELECT before, after FROM audit_log WHERE table_name = 'webhook_endpoints'`)));
    expect(audited).toContain('tracking.added');
    expect(audited).not.toContain('secret_enc');
  });
});
