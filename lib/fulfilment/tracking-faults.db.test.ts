import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, fulfilmentOrderLog, fulfilmentOrders, fulfilmentPackages, saleLog } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { processFo } from './fo-actions';
import { drainOutboxUntilIdle } from './outbox-drain';
import { trackAllConnections } from './tracking';

// Issue 13 "Faults": tracking runs over many orders while Amazon answers 10% of calls 5xx, loses
// answers, answers slowly and throttles everything for a while. A run that meets a failure keeps
// its checkpoint and the next run reads what is still behind; every order ends with Amazon's
// status and no log line is written twice.

const ORDERS = 150;
const HOUR = 3600;

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let conn: typeof fbaConnections.$inferSelect;
const made: { id: string; number: string; saleId: string; invalid: boolean }[] = [];

beforeAll(async () => {
  // Two attempts per call: runs meet failures often enough that each path (a failed list, failed reads) is taken.
  env = await startFulfilmentSandbox({ rateScale: 50, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 200 } });
  db = (await createTestDb()).db;
  conn = (await makeFbaConnection(db)).conn;
  await env.faults({ lostPackageShare: 0.3 });
  // DEMO-001…019 hold enough units at Amazon for these orders (none ends Unfulfillable); every tenth has two packages.
  // Sent in five batches ten minutes apart at Amazon: their updates are spread over time, so a
  // checkpoint moved past a failed read would lose the orders before it.
  for (let i = 0; i < ORDERS; i++) {
    const invalid = i % 25 === 3;
    const { fo, sale } = await makeQueuedFulfilmentOrder(db, conn, { items: [{ sku: `DEMO-${String(1 + (i % 19)).padStart(3, '0')}`, quantity: i % 10 === 0 ? 4 : 1 }], over: invalid ? { shipToLine1: `${i} Undeliverable Road` } : {} });
    made.push({ id: fo.id, number: fo.number, saleId: sale.id, invalid });
    await db.transaction((tx) => processFo(tx, fo.id, null));
    if ((i + 1) % (ORDERS / 5) === 0) {
      await drainOutboxUntilIdle(db, { workerId: 'w', clientFor: env.clientFor, limit: 50 }, 20);
      await env.sandbox.advance(600);
    }
  }
}, 60_000);
afterAll(() => env?.sandbox.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = () => made.map((m) => m.id);
const FAULTS = { errorShare: 0.1, lostAnswerShare: 0.05, slowShare: 0.1, slowMs: 400 };

/** The job as the worker runs it, again after each failed run (the next schedule), until one run meets no failure. */
async function trackUntilClean(maxRuns: number) {
  const failures: string[] = [];
  for (let run = 1; run <= maxRuns; run++) {
    try {
      await trackAllConnections(db, { clientFor: env.clientFor });
      return { runs: run, failures };
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
      await sleep(300);
    }
  }
  throw new Error(`tracking never ran clean in ${maxRuns} runs: ${failures.at(-1)}`);
}

async function amazonStatuses() {
  const ours = new Map(made.map((m) => [m.number, m]));
  return new Map((await env.orders()).filter((o) => ours.has(o.sellerFulfillmentOrderId)).map((o) => [o.sellerFulfillmentOrderId, o.status]));
}

/** Each order's log and each sale's log, with no message written twice. */
async function expectNoRepeatedLines() {
  const foLines = await db.select({ orderId: fulfilmentOrderLog.orderId, message: fulfilmentOrderLog.message }).from(fulfilmentOrderLog).where(inArray(fulfilmentOrderLog.orderId, ids()));
  const saleLines = await db.select({ saleId: saleLog.saleId, message: saleLog.message }).from(saleLog).where(inArray(saleLog.saleId, made.map((m) => m.saleId)));
  const repeated = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
  expect(repeated(foLines.map((l) => `${l.orderId} ${l.message}`))).toEqual([]);
  expect(repeated(saleLines.map((l) => `${l.saleId} ${l.message}`))).toEqual([]);
  return { foLines, saleLines };
}

describe('tracking runs under Amazon faults', () => {
  it('shipped with packages or Failed (Invalid): every order ends with Amazon’s status, each package and move logged once', async () => {
    await env.sandbox.advance(30 + 2 * HOUR + 120);
    await env.faults({ ...FAULTS, throttleStormSeconds: 1.5 });
    const { runs, failures } = await trackUntilClean(20);
    await env.clearFaults();
    // The storm and the 5xx did make runs fail: the later runs caught up.
    expect(runs).toBeGreaterThan(1);
    expect(failures[0]).toMatch(/Tracking failed for 1 of 1 connections/);

    const amazon = await amazonStatuses();
    const rows = await db.select().from(fulfilmentOrders).where(inArray(fulfilmentOrders.id, ids()));
    for (const fo of rows) {
      const m = made.find((x) => x.id === fo.id)!;
      expect(fo.amazonStatus, fo.number).toBe(amazon.get(fo.number));
      expect(fo.status, fo.number).toBe(m.invalid ? 'Failed' : 'Shipped');
    }
    expect(new Set(rows.map((r) => r.amazonStatus))).toEqual(new Set(['Complete', 'Invalid']));

    const { foLines, saleLines } = await expectNoRepeatedLines();
    const packages = await db.select().from(fulfilmentPackages).where(inArray(fulfilmentPackages.orderId, ids())).orderBy(asc(fulfilmentPackages.packageNumber));
    for (const m of made.filter((x) => !x.invalid)) {
      const mine = packages.filter((p) => p.orderId === m.id);
      expect(mine.length, m.number).toBeGreaterThan(0);
      // One "shipped" line per package on the order, one tracking line on the sale.
      expect(foLines.filter((l) => l.orderId === m.id && l.message.startsWith('Package ')).map((l) => l.message).sort()).toEqual(
        mine.map((p) => `Package ${p.packageNumber} shipped by ${p.carrierCode}, tracking number ${p.trackingNumber}.`).sort(),
      );
      expect(saleLines.filter((l) => l.saleId === m.saleId && l.message.includes('tracking number'))).toHaveLength(1);
    }
    for (const m of made.filter((x) => x.invalid)) expect(saleLines.filter((l) => l.saleId === m.saleId && l.message === `Fulfilment order ${m.number} is Failed.`)).toHaveLength(1);
  }, 60_000);

  it('after the arrival dates: Delivered or Completed, each once, through the same faults', async () => {
    await env.sandbox.advance(5 * 24 * HOUR);
    await env.faults(FAULTS);
    await trackUntilClean(20);
    await env.clearFaults();
    const rows = await db.select().from(fulfilmentOrders).where(inArray(fulfilmentOrders.id, ids()));
    const settled = rows.filter((r) => r.status !== 'Failed');
    expect(settled).toHaveLength(made.filter((m) => !m.invalid).length);
    for (const fo of settled) expect(['Delivered', 'Completed'], fo.number).toContain(fo.status);
    // Both ends happened (lostPackageShare 0.3): delivery information was read, not guessed.
    expect(new Set(settled.map((r) => r.status))).toEqual(new Set(['Delivered', 'Completed']));
    const { saleLines } = await expectNoRepeatedLines();
    for (const fo of settled) expect(saleLines.filter((l) => l.message === `Fulfilment order ${fo.number} is ${fo.status}.`)).toHaveLength(1);
    // Settled: the next run reads nothing.
    const reads = env.count('getFulfillmentOrder');
    await trackAllConnections(db, { clientFor: env.clientFor });
    expect(env.count('getFulfillmentOrder')).toBe(reads);
    const [after] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, conn.id));
    expect(after.lastTrackingAt).toBeInstanceOf(Date);
  }, 60_000);
});
