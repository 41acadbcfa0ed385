import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, fulfilmentOrderItems, fulfilmentOrderLog, fulfilmentOrders, outbox, saleLog } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { createOrderBody } from './amazon-order';
import { cancelFo, editFo, processFo, refreshFo, shipFo } from './fo-actions';
import { claimOutbox, drainOutbox, drainOutboxUntilIdle, type DrainOptions } from './outbox-drain';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let conn: typeof fbaConnections.$inferSelect;
let opts: DrainOptions;

beforeAll(async () => {
  env = await startFulfilmentSandbox();
  db = (await createTestDb()).db;
  conn = (await makeFbaConnection(db)).conn;
  opts = { workerId: 'test-worker', clientFor: env.clientFor, backoffBaseMs: 1_000, maxAttempts: 3 };
});
afterAll(() => env?.sandbox.close());
beforeEach(() => env.clearFaults());

const fo = async (id: string) => (await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, id)))[0];
const log = async (id: string) => (await db.select().from(fulfilmentOrderLog).where(eq(fulfilmentOrderLog.orderId, id)).orderBy(asc(fulfilmentOrderLog.id))).map((r) => r.message);
const saleMessages = async (saleId: string) => (await db.select().from(saleLog).where(eq(saleLog.saleId, saleId)).orderBy(asc(saleLog.id))).map((r) => `${r.stage}: ${r.message}`);
const rows = (id: string) => db.select().from(outbox).where(eq(outbox.subjectId, id)).orderBy(asc(outbox.id));
const atAmazon = async (number: string) => (await env.orders()).find((o) => o.sellerFulfillmentOrderId === number);
const act = (f: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<unknown>) => db.transaction(f);
const setCreateStatus = (s: 'On Hold' | 'Shipped') => db.update(fbaConnections).set({ foCreateStatus: s }).where(eq(fbaConnections.id, conn.id));

describe('outbox drain: sending fulfilment orders to the sandbox', () => {
  it('Process sends the order once: Queued → Shipped, with the send in both logs', async () => {
    const { fo: order, sale } = await makeQueuedFulfilmentOrder(db, conn, { items: [{ sku: 'DEMO-001', quantity: 2 }, { sku: 'DEMO-002', quantity: 1 }] });
    await act((tx) => processFo(tx, order.id, null));
    expect((await fo(order.id)).status).toBe('Queued');
    const s = await drainOutbox(db, opts);
    expect(s).toMatchObject({ claimed: 1, done: 1 });
    const after = await fo(order.id);
    expect(after).toMatchObject({ status: 'Shipped', amazonStatus: 'New', lastError: null, amazonOrderId: order.number });
    expect(after.sentAt).toBeInstanceOf(Date);
    expect(after.shippedAt).toBeInstanceOf(Date);
    expect(await log(order.id)).toEqual(['Process: sending to Amazon (to ship).', 'Amazon accepted the order to ship it.']);
    expect(await saleMessages(sale.id)).toEqual([`Ship: Fulfilment order ${order.number} sent to Amazon: Shipped.`]);
    expect(await atAmazon(order.number)).toMatchObject({ status: 'New', fulfillmentAction: 'Ship', createRequests: 1 });
    expect((await rows(order.id))[0]).toMatchObject({ status: 'done', attempts: 1 });
    // Nothing more to send.
    expect((await drainOutbox(db, opts)).claimed).toBe(0);
  });

  it('On Hold per the Setup, then Ship releases it at Amazon', async () => {
    await setCreateStatus('On Hold');
    const { fo: order } = await makeQueuedFulfilmentOrder(db, conn);
    await act((tx) => processFo(tx, order.id, null));
    await drainOutbox(db, opts);
    expect((await fo(order.id)).status).toBe('On Hold');
    expect(await atAmazon(order.number)).toMatchObject({ fulfillmentAction: 'Hold' });
    // Edit/Save while held goes to Amazon too.
    const cur = await fo(order.id);
    await act((tx) => editFo(tx, order.id, { ...cur, comment: 'Leave at the door' }, null));
    await drainOutbox(db, opts);
    expect((await log(order.id)).at(-1)).toBe('Amazon accepted the change.');
    await act((tx) => shipFo(tx, order.id, null));
    await drainOutbox(db, opts);
    expect((await fo(order.id)).status).toBe('Shipped');
    expect(await atAmazon(order.number)).toMatchObject({ fulfillmentAction: 'Ship', createRequests: 1 });
    await setCreateStatus('Shipped');
  });

  it('an address Amazon refuses → Failed with Amazon’s message, not retried; fixed and processed again', async () => {
    await env.faults({ refusedAddresses: ['NOWHERE LANE'] });
    const { fo: order, sale } = await makeQueuedFulfilmentOrder(db, conn, { over: { shipToLine1: '1 Nowhere Lane' } });
    await act((tx) => processFo(tx, order.id, null));
    expect(await drainOutbox(db, opts)).toMatchObject({ claimed: 1, refused: 1 });
    const failed = await fo(order.id);
    expect(failed.status).toBe('Failed');
    expect(failed.lastError).toContain('The destination address is invalid.');
    expect((await log(order.id)).at(-1)).toMatch(/^Amazon refused the order\. Amazon said: The destination address is invalid\./);
    expect((await saleMessages(sale.id)).at(-1)).toContain(`Fulfilment order ${order.number} is Failed`);
    expect((await rows(order.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await atAmazon(order.number)).toBeUndefined();
    // Edit the address, Process again: Amazon takes it.
    await act((tx) => editFo(tx, order.id, { ...failed, shipToLine1: '410 Terry Ave N' }, null));
    await act((tx) => processFo(tx, order.id, null));
    await drainOutbox(db, opts);
    expect(await fo(order.id)).toMatchObject({ status: 'Shipped', lastError: null });
  });

  it('an address Amazon later marks Invalid → Failed on Refresh status; fixed, it is sent again under a new id', async () => {
    const { fo: order } = await makeQueuedFulfilmentOrder(db, conn, { over: { shipToLine1: '1 Undeliverable Road' } });
    await act((tx) => processFo(tx, order.id, null));
    await drainOutbox(db, opts);
    expect((await fo(order.id)).status).toBe('Shipped');
    await env.sandbox.advance(60);
    await act((tx) => refreshFo(tx, order.id, null));
    await drainOutbox(db, opts);
    const after = await fo(order.id);
    expect(after).toMatchObject({ status: 'Failed', amazonStatus: 'Invalid' });
    expect(after.lastError).toContain('Invalid');
    // Fixed and processed again: Amazon keeps the Invalid order under its id, so it goes under a new one.
    await act((tx) => editFo(tx, order.id, { ...after, shipToLine1: '410 Terry Ave N' }, null));
    await act((tx) => processFo(tx, order.id, null));
    await drainOutbox(db, opts);
    expect(await fo(order.id)).toMatchObject({ status: 'Shipped', amazonOrderId: `${order.number}-R2`, lastError: null });
    expect(await atAmazon(order.number)).toMatchObject({ status: 'Invalid' });
    expect(await atAmazon(`${order.number}-R2`)).toMatchObject({ status: 'New', createRequests: 1 });
    expect((await log(order.id)).at(-1)).toBe(`Amazon accepted the order to ship it. Amazon's order id: ${order.number}-R2.`);
    // Refresh and cancel now speak of the new id.
    await env.sandbox.advance(60);
    await act((tx) => cancelFo(tx, order.id, null));
    await drainOutbox(db, opts);
    expect(await fo(order.id)).toMatchObject({ status: 'Cancelled' });
    expect(await atAmazon(`${order.number}-R2`)).toMatchObject({ status: 'Cancelled' });
  });

  it('5xx and 429 go back to wait with backoff, then send once; after the last attempt the row fails and the log says so', async () => {
    const { fo: order } = await makeQueuedFulfilmentOrder(db, conn);
    await act((tx) => processFo(tx, order.id, null));
    await env.faults({ errorShare: 1 });
    const t0 = new Date();
    expect(await drainOutbox(db, { ...opts, now: () => t0 })).toMatchObject({ claimed: 1, retried: 1 });
    let [row] = await rows(order.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimedBy: null });
    expect(row.lastError).toMatch(/InternalFailure|ServiceUnavailable/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 500);
    // Not due yet: nothing is claimed.
    expect((await drainOutbox(db, { ...opts, now: () => t0 })).claimed).toBe(0);
    // A 429 storm: retried the same way.
    await env.clearFaults();
    await env.faults({ throttleStormSeconds: 5 });
    const t1 = new Date(t0.getTime() + 5_000);
    expect(await drainOutbox(db, { ...opts, now: () => t1 })).toMatchObject({ retried: 1 });
    [row] = await rows(order.id);
    expect(row.lastError).toContain('QuotaExceeded');
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(t1.getTime());
    await env.clearFaults();
    expect(await drainOutbox(db, { ...opts, now: () => new Date(t1.getTime() + 60_000) })).toMatchObject({ done: 1 });
    expect((await fo(order.id)).status).toBe('Shipped');
    expect(await atAmazon(order.number)).toMatchObject({ createRequests: 1 });

    const { fo: doomed } = await makeQueuedFulfilmentOrder(db, conn);
    await act((tx) => processFo(tx, doomed.id, null));
    await env.faults({ errorShare: 1 });
    let t = Date.now();
    for (let i = 0; i < 3; i++, t += 3_600_000) await drainOutbox(db, { ...opts, now: () => new Date(t) });
    expect((await rows(doomed.id))[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await log(doomed.id)).at(-1)).toMatch(/^Gave up after 3 attempts to reach Amazon\./);
    expect(await fo(doomed.id)).toMatchObject({ status: 'Queued', lastError: expect.stringMatching(/^Gave up after 3 attempts/) });
    // Nothing waits any more: a person may Process it again.
    await env.clearFaults();
    await act((tx) => processFo(tx, doomed.id, null));
    await drainOutbox(db, { ...opts, now: () => new Date(t) });
    expect((await fo(doomed.id)).status).toBe('Shipped');
  });

  it('a throttle storm longer than every attempt allows is waited out: 429 is not an attempt, the order is sent once when it ends', async () => {
    const { fo: order } = await makeQueuedFulfilmentOrder(db, conn);
    await act((tx) => processFo(tx, order.id, null));
    await env.faults({ throttleStormSeconds: 3_600 });
    let t = Date.now();
    // Twice the attempts after which a 5xx would have failed it.
    for (let i = 0; i < 2 * opts.maxAttempts!; i++, t += 60_000) expect(await drainOutbox(db, { ...opts, now: () => new Date(t) })).toMatchObject({ claimed: 1, retried: 1, failed: 0 });
    const [row] = await rows(order.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row.lastError).toContain('QuotaExceeded');
    expect((await fo(order.id)).status).toBe('Queued');
    await env.clearFaults();
    expect(await drainOutbox(db, { ...opts, now: () => new Date(t) })).toMatchObject({ done: 1 });
    expect((await fo(order.id)).status).toBe('Shipped');
    expect(await atAmazon(order.number)).toMatchObject({ createRequests: 1 });
  });

  it('a worker that died after its call: the row is taken again after the lease and Amazon is asked, not sent twice', async () => {
    const { fo: order } = await makeQueuedFulfilmentOrder(db, conn);
    await act((tx) => processFo(tx, order.id, null));
    const t0 = new Date();
    const [claimed] = await claimOutbox(db, { workerId: 'dead-worker', now: t0, limit: 10, leaseMs: 60_000 });
    expect(claimed.subjectId).toBe(order.id);
    // The dead worker's call reached Amazon; its answer was lost with the process.
    const client = env.clientFor(conn);
    const items = await db.select().from(fulfilmentOrderItems).where(eq(fulfilmentOrderItems.orderId, order.id));
    await client.createFulfillmentOrder(createOrderBody(await fo(order.id), items, conn.marketplaceId, 'Ship'));
    // Within the lease nobody else takes it.
    expect((await drainOutbox(db, { ...opts, now: () => new Date(t0.getTime() + 30_000), leaseMs: 60_000 })).claimed).toBe(0);
    const creates = env.count('createFulfillmentOrder');
    expect(await drainOutbox(db, { ...opts, now: () => new Date(t0.getTime() + 61_000), leaseMs: 60_000 })).toMatchObject({ claimed: 1, done: 1 });
    expect(env.count('createFulfillmentOrder')).toBe(creates);
    expect((await rows(order.id))[0]).toMatchObject({ status: 'done', attempts: 2, claimedBy: 'test-worker' });
    expect((await fo(order.id)).status).toBe('Shipped');
    expect(await atAmazon(order.number)).toMatchObject({ createRequests: 1 });
    // The dead worker, were it to come back, could not record anything: the claim is not its own.
    const stale = await db.select().from(outbox).where(and(eq(outbox.subjectId, order.id), eq(outbox.claimedBy, 'dead-worker')));
    expect(stale).toHaveLength(0);
  });

  it('Cancel: Amazon agrees in Planning; refuses in Processing, and the refusal is shown', async () => {
    const { fo: early, sale } = await makeQueuedFulfilmentOrder(db, conn);
    const { fo: late } = await makeQueuedFulfilmentOrder(db, conn);
    for (const o of [early, late]) await act((tx) => processFo(tx, o.id, null));
    await drainOutboxUntilIdle(db, opts);
    await env.sandbox.advance(30 + 6 * 60);
    await act((tx) => refreshFo(tx, early.id, null));
    await drainOutbox(db, opts);
    expect(await fo(early.id)).toMatchObject({ status: 'Shipped', amazonStatus: 'Planning' });
    await act((tx) => cancelFo(tx, early.id, null));
    await drainOutbox(db, opts);
    expect(await fo(early.id)).toMatchObject({ status: 'Cancelled', amazonStatus: 'Cancelled' });
    expect((await saleMessages(sale.id)).at(-1)).toBe(`Ship: Fulfilment order ${early.number} is Cancelled.`);
    expect(await atAmazon(early.number)).toMatchObject({ status: 'Cancelled' });

    await env.sandbox.advance(30 * 60);
    expect(await atAmazon(late.number)).toMatchObject({ status: 'Processing' });
    await act((tx) => cancelFo(tx, late.id, null));
    expect(await drainOutbox(db, opts)).toMatchObject({ refused: 1 });
    const kept = await fo(late.id);
    expect(kept.status).toBe('Shipped');
    expect(kept.lastError).toContain('cannot be cancelled in status Processing');
    expect((await log(late.id)).at(-1)).toMatch(/^Amazon refused to cancel\. Amazon said: .*cannot be cancelled in status Processing/);
  });

  it('a cancel queued behind its create waits for it (one subject, in order), even with two drains', async () => {
    const { fo: order } = await makeQueuedFulfilmentOrder(db, conn);
    await act((tx) => processFo(tx, order.id, null));
    // Written directly: the person action refuses while a call is pending, the drain must not rely on that.
    await db.insert(outbox).values({ kind: 'fo.cancel', subjectId: order.id });
    const first = await claimOutbox(db, { workerId: 'a', now: new Date(), limit: 10, leaseMs: 60_000 });
    const second = await claimOutbox(db, { workerId: 'b', now: new Date(), limit: 10, leaseMs: 60_000 });
    expect(first.map((r) => r.kind)).toEqual(['fo.create']);
    expect(second).toEqual([]);
    await db.update(outbox).set({ status: 'pending', claimedAt: null, claimedBy: null, attempts: 0 }).where(eq(outbox.subjectId, order.id));
    await drainOutboxUntilIdle(db, opts);
    expect((await rows(order.id)).map((r) => `${r.kind}:${r.status}`)).toEqual(['fo.create:done', 'fo.cancel:done']);
    expect((await fo(order.id)).status).toBe('Cancelled');
  });
});
