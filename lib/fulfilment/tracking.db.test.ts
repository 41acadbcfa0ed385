import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, fulfilmentOrderItems, fulfilmentOrderLog, fulfilmentOrders, fulfilmentPackageItems, fulfilmentPackages, saleLog } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { processFo } from './fo-actions';
import { drainOutboxUntilIdle } from './outbox-drain';
import { trackAllConnections, trackConnection } from './tracking';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let connId: string;

beforeAll(async () => {
  env = await startFulfilmentSandbox();
  db = (await createTestDb()).db;
  connId = (await makeFbaConnection(db)).conn.id;
});
afterAll(() => env?.sandbox.close());

const conn = async () => (await db.select().from(fbaConnections).where(eq(fbaConnections.id, connId)))[0];
const fo = async (id: string) => (await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, id)))[0];
const log = async (id: string) => (await db.select().from(fulfilmentOrderLog).where(eq(fulfilmentOrderLog.orderId, id)).orderBy(asc(fulfilmentOrderLog.id))).map((r) => r.message);
const saleMessages = async (saleId: string) => (await db.select().from(saleLog).where(eq(saleLog.saleId, saleId)).orderBy(asc(saleLog.id))).map((r) => r.message);
const packages = (id: string) => db.select().from(fulfilmentPackages).where(eq(fulfilmentPackages.orderId, id)).orderBy(asc(fulfilmentPackages.packageNumber));
// Our clock for what we stamp; Amazon's (the sandbox's, days ahead here) learnt from its answers' Date header.
const track = async () => trackConnection(db, await conn(), { clientFor: env.clientFor });
const HOUR = 3600;

async function sendOrder(items: { sku: string; quantity: number }[]) {
  const made = await makeQueuedFulfilmentOrder(db, { id: connId, locationId: (await conn()).locationId }, { items });
  await db.transaction((tx) => processFo(tx, made.fo.id, null));
  await drainOutboxUntilIdle(db, { workerId: 'w', clientFor: env.clientFor });
  expect((await fo(made.fo.id)).status).toBe('Shipped');
  return made;
}

describe('tracking run against the sandbox', () => {
  let two: Awaited<ReturnType<typeof sendOrder>>;
  let lost: Awaited<ReturnType<typeof sendOrder>>;

  it('records two packages with two tracking numbers, logged on the order and on the sale', async () => {
    await env.faults({ lostPackageShare: 0 });
    two = await sendOrder([{ sku: 'DEMO-003', quantity: 4 }]);
    await env.sandbox.advance(30 + 2 * HOUR + 60);
    const r = await track();
    expect(r).toMatchObject({ listed: 1, read: 1, errors: [] });
    const after = await fo(two.fo.id);
    expect(after).toMatchObject({ status: 'Shipped', amazonStatus: 'Complete' });
    expect(after.estimatedArrivalAt).toBeInstanceOf(Date);
    const pk = await packages(two.fo.id);
    expect(pk).toHaveLength(2);
    const numbers = pk.map((p) => p.trackingNumber!);
    expect(new Set(numbers).size).toBe(2);
    for (const p of pk) expect(p).toMatchObject({ trackingStatus: 'IN_TRANSIT', deliveredAt: null, carrierCode: expect.any(String) });
    expect((await db.select().from(fulfilmentPackageItems).where(eq(fulfilmentPackageItems.orderId, two.fo.id))).map((i) => i.quantity).sort()).toEqual([1, 3]);
    expect((await db.select().from(fulfilmentOrderItems).where(eq(fulfilmentOrderItems.orderId, two.fo.id)))[0]).toMatchObject({ shippedQuantity: 4, unfulfillableQuantity: 0 });
    const messages = await log(two.fo.id);
    for (const [i, p] of pk.entries()) expect(messages).toContain(`Package ${p.packageNumber} shipped by ${p.carrierCode}, tracking number ${numbers[i]}.`);
    expect(await saleMessages(two.sale.id)).toContain(`Fulfilment order ${two.fo.number}: tracking numbers ${numbers.join(', ')}.`);
    expect((await conn()).lastTrackingAt).toBeInstanceOf(Date);
  });

  it('costs no read for an order that did not change, and reading twice changes nothing', async () => {
    const reads = env.count('getFulfillmentOrder');
    const lists = env.count('listAllFulfillmentOrders');
    const before = (await log(two.fo.id)).length;
    const r = await track();
    expect(r.read).toBe(0);
    expect(env.count('getFulfillmentOrder')).toBe(reads);
    expect(env.count('listAllFulfillmentOrders')).toBe(lists + 1);
    expect((await log(two.fo.id)).length).toBe(before);
  });

  it('Completed when the estimated arrival passed without delivery information; Delivered when every package was', async () => {
    await env.faults({ lostPackageShare: 1 });
    lost = await sendOrder([{ sku: 'DEMO-004', quantity: 1 }]);
    await env.sandbox.advance(30 + 2 * HOUR + 60);
    await track(); // shipped: its packages' fate is set now, with every package lost
    expect((await fo(lost.fo.id)).status).toBe('Shipped');
    await env.faults({ lostPackageShare: 0 });

    // Before the arrival date nothing is read and nothing moves.
    await env.sandbox.advance(24 * HOUR);
    expect(await track()).toMatchObject({ read: 0, moved: 0 });

    await env.sandbox.advance(3 * 24 * HOUR);
    const reads = env.count('getFulfillmentOrder');
    const r = await track();
    expect(r).toMatchObject({ read: 2, moved: 2, errors: [] });
    expect(env.count('getFulfillmentOrder')).toBe(reads + 2);

    const delivered = await fo(two.fo.id);
    expect(delivered.status).toBe('Delivered');
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
    for (const p of await packages(two.fo.id)) expect(p).toMatchObject({ trackingStatus: 'DELIVERED', deliveredAt: expect.any(Date) });
    expect((await log(two.fo.id)).at(-1)).toBe('Every package is delivered.');
    expect((await saleMessages(two.sale.id)).at(-1)).toBe(`Fulfilment order ${two.fo.number} is Delivered.`);

    const completed = await fo(lost.fo.id);
    expect(completed.status).toBe('Completed');
    expect(completed.completedAt).toBeInstanceOf(Date);
    expect((await log(lost.fo.id)).at(-1)).toBe('The estimated arrival has passed without delivery information from the carrier.');

    // Settled orders are not read again.
    expect(await track()).toMatchObject({ read: 0 });
  });

  it('keeps its checkpoint when Amazon fails, and the job reports the failure', async () => {
    const before = (await conn()).lastTrackingAt;
    await env.faults({ errorShare: 1 });
    await expect(trackAllConnections(db, { clientFor: env.clientFor })).rejects.toThrow(/Tracking failed for 1 of 1 connections/);
    await env.clearFaults();
    expect((await conn()).lastTrackingAt).toEqual(before);
  });
});
