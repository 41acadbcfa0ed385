import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { inboundAmazonShipments, inboundLog, inboundShipments, outbox } from '@/db/schema';
import { drainOutbox } from '@/lib/fulfilment/outbox-drain';
import { createTestDb } from '@/test/db';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeInboundSetup } from '@/test/inbound-wizard-fixtures';
import type { PlacementChoice, TransportChoice } from './inbound-options';
import { calculateTransport, chooseDelivery, choosePacking, choosePlacement, chooseTransport, confirmInbound, saveBoxes, startInbound } from './wizard';

// Issue 13 "Faults": the inbound wizard's steps go through the outbox and wait on Amazon's
// operations while Amazon answers 10% of calls 5xx, loses answers after doing the work, answers
// slowly and throttles everything for a while. The shipment is confirmed, with one inbound plan at
// Amazon and one placement (no step done twice).

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;

/**
 * POSTs whose next answer is lost after Amazon did the work (the path matches): the caller sees a
 * reset connection. Amazon's clock moves past the operation meanwhile, as the outbox's backoff
 * (15 s) outlasts Amazon's operations (5 s): the repeat finds the work done.
 */
const loseNextAnswer: RegExp[] = [];
const losingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const path = new URL(String(input)).pathname;
  const i = init?.method === 'POST' ? loseNextAnswer.findIndex((p) => p.test(path)) : -1;
  if (i >= 0) {
    loseNextAnswer.splice(i, 1);
    await res.body?.cancel();
    await env.sandbox.advance(6);
    throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
  }
  return res;
};

beforeAll(async () => {
  env = await startFulfilmentSandbox({ rateScale: 1000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 600 }, fetch: losingFetch });
  db = (await createTestDb()).db;
});
afterAll(() => env?.sandbox.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inbound = async (id: string) => (await db.select().from(inboundShipments).where(eq(inboundShipments.id, id)))[0];
const line = (index: number, sku: string, quantity: number) => ({ index, sku, quantity, labelOwner: 'SELLER' as const, prepOwner: 'NONE' as const });
const box = (index: number, lineNo: number, quantity: number) => ({ index, length: '16.00', width: '12.00', height: '10.00', weight: '14.50', dimensionUnit: 'IN' as const, weightUnit: 'LB' as const, items: [{ lineNo, quantity }] });
// Slow answers take 900 ms against the client's 600 ms timeout: too slow by a margin a busy machine
// (two test workers on two cores) does not eat, so a 5xx answer is never mistaken for a timeout.
const FAULTS = { errorShare: 0.1, lostAnswerShare: 0.1, slowShare: 0.1, slowMs: 900 };

/**
 * The worker's drain on real time with its backoff scaled down (15 s → 200 ms), so a throttle storm
 * of a second or two costs what a long one costs in production. Only while every open row waits on
 * an operation at Amazon (attempts 0) do both clocks jump: Amazon's past the operation (5 s), ours
 * past the poll delay.
 */
async function settle(subjectId: string, clock: { offsetMs: number }) {
  const until = Date.now() + 30_000;
  for (;;) {
    const s = await drainOutbox(db, { workerId: 'faults', clientFor: env.clientFor, now: () => new Date(Date.now() + clock.offsetMs), backoffBaseMs: 200, backoffMaxMs: 2_000 });
    if (s.claimed > 0) continue;
    const open = await db.select({ attempts: outbox.attempts }).from(outbox).where(and(eq(outbox.subjectId, subjectId), inArray(outbox.status, ['pending', 'sending'])));
    if (open.length === 0) return;
    if (Date.now() > until) throw new Error('Amazon never answered within 30 s');
    if (open.every((r) => r.attempts === 0)) {
      await env.sandbox.advance(6);
      clock.offsetMs += 31_000;
    } else {
      await sleep(25);
    }
  }
}

const plansNamed = async (client: ReturnType<typeof env.clientFor>, name: string) =>
  ((await client.listInboundPlans({ sortBy: 'CREATION_TIME', sortOrder: 'DESC', pageSize: 30 })).inboundPlans ?? []).filter((p) => p.name === name).map((p) => p.inboundPlanId);

describe('the inbound wizard under Amazon faults', () => {
  it('answers lost after Amazon created the plan and confirmed the placement: found on the retry, no second plan, no refusal', async () => {
    const clock = { offsetMs: 0 };
    const { conn, source, products } = await makeInboundSetup(db, { stock: 10 });
    const started = await startInbound(db, { connectionId: conn.id, from: { locationId: source.id, binId: null }, lines: [line(0, products[0].sku, 2)] }, null);
    loseNextAnswer.push(/\/inboundPlans$/);
    await settle(started.id, clock);
    expect(loseNextAnswer).toEqual([]);
    let row = await inbound(started.id);
    expect(row.step).toBe('packing');
    expect(await plansNamed(env.clientFor(conn), row.name)).toEqual([row.inboundPlanId]);

    await choosePacking(db, { id: row.id, packingOptionId: String(row.packingOptions[0].id) }, null);
    await settle(row.id, clock);
    await saveBoxes(db, { id: row.id, boxes: [box(0, 1, 2)] }, null);
    await settle(row.id, clock);
    row = await inbound(row.id);
    loseNextAnswer.push(/\/placementOptions\/[^/]+\/confirmation$/);
    await choosePlacement(db, { id: row.id, placementOptionId: (row.placementOptions as PlacementChoice[])[0].id }, null);
    await settle(row.id, clock);
    expect(loseNextAnswer).toEqual([]);
    row = await inbound(row.id);
    expect(row.step).toBe('transport');
    const log = await db.select({ message: inboundLog.message }).from(inboundLog).where(eq(inboundLog.inboundId, row.id));
    expect(log.filter((l) => l.message.startsWith('Amazon confirmed the placement'))).toHaveLength(1);
    expect(log.filter((l) => /refused|already confirmed/i.test(l.message))).toEqual([]);
  });

  it('plan → packing → boxes → placement → transport → delivery → confirm: completes, one plan and one set of shipments at Amazon', async () => {
    const clock = { offsetMs: 0 };
    const { conn, source, products } = await makeInboundSetup(db, { stock: 40 });
    const started = await startInbound(db, { connectionId: conn.id, from: { locationId: source.id, binId: null }, lines: [line(0, products[0].sku, 12), line(1, products[1].sku, 6)] }, null);

    await env.faults({ ...FAULTS, throttleStormSeconds: 1.5 });
    await settle(started.id, clock);
    let row = await inbound(started.id);
    expect(row.step).toBe('packing');
    await choosePacking(db, { id: row.id, packingOptionId: String(row.packingOptions[0].id) }, null);
    await settle(row.id, clock);
    await saveBoxes(db, { id: row.id, boxes: [box(0, 1, 12), box(1, 2, 6)] }, null);
    await settle(row.id, clock);
    row = await inbound(row.id);
    expect(row.step).toBe('placement');
    const split = (row.placementOptions as PlacementChoice[]).find((o) => o.shipmentIds.length === 2)!;
    await choosePlacement(db, { id: row.id, placementOptionId: split.id }, null);
    await settle(row.id, clock);
    await calculateTransport(db, { id: row.id, readyToShipOn: '2026-12-02' }, null);
    await settle(row.id, clock);
    const quoted = await db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, row.id)).orderBy(asc(inboundAmazonShipments.name));
    expect(quoted).toHaveLength(2);
    const selections = quoted.map((s) => ({ shipmentId: s.id, transportationOptionId: (s.transportationOptions as TransportChoice[]).find((o) => !o.partnered)!.id }));
    await chooseTransport(db, { id: row.id, selections }, null);
    await settle(row.id, clock);
    const windows = await db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, row.id));
    await chooseDelivery(db, { id: row.id, selections: windows.map((s) => ({ shipmentId: s.id, deliveryWindowOptionId: String(s.deliveryWindowOptions[0].id) })) }, null);
    await confirmInbound(db, { id: row.id }, null);
    await settle(row.id, clock);
    await env.clearFaults();

    row = await inbound(row.id);
    expect(row).toMatchObject({ step: 'done', status: 'Ready to Ship' });
    // The faults happened: 5xx, 429 and answers that never came.
    const statuses = new Set(env.calls.map((c) => c.status));
    for (const s of [0, 429]) expect(statuses).toContain(s);
    expect([500, 503].some((s) => statuses.has(s))).toBe(true);

    // At Amazon: one plan by this name (a repeated createInboundPlan would leave a second), its two shipments confirmed.
    const client = env.clientFor(conn);
    expect(await plansNamed(client, row.name)).toEqual([row.inboundPlanId]);
    const plan = await client.getInboundPlan(row.inboundPlanId!);
    expect(plan.shipments?.map((s) => s.shipmentId).sort()).toEqual(split.shipmentIds.slice().sort());
    for (const s of await db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, row.id))) expect(s.amazonStatus).toBe('READY_TO_SHIP');
  }, 60_000);
});
