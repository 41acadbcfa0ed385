import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, fulfilmentOrderLog, fulfilmentOrders, outbox, saleLog } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { processFo } from './fo-actions';
import { drainOutbox, type DrainOptions } from './outbox-drain';

// Issue 13 "Faults": 500 fulfilment orders sent while Amazon answers 10% of calls 5xx, loses 5% of
// its answers after doing the work, answers 10% too slowly and throttles everything for a few
// seconds. Every order reaches Amazon once; only the orders with an address Amazon refuses end Failed.

const ORDERS = 500;
const REFUSED = 6;

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let conn: typeof fbaConnections.$inferSelect;

beforeAll(async () => {
  // The transport's own retries as in production, scaled down: a slow answer (400 ms) outlasts the timeout.
  env = await startFulfilmentSandbox({ rateScale: 50, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 200 } });
  db = (await createTestDb()).db;
  conn = (await makeFbaConnection(db)).conn;
});
afterAll(() => env?.sandbox.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The worker: a drain every few ms on real time, its backoff scaled down (15 s → 200 ms) so a 3 s storm costs what a long one costs in production. */
async function drainUntilSettled(opts: DrainOptions, ids: string[], budgetMs: number) {
  const until = Date.now() + budgetMs;
  for (;;) {
    const s = await drainOutbox(db, opts);
    if (s.claimed > 0) continue;
    const open = await db.select({ id: outbox.id }).from(outbox).where(and(inArray(outbox.subjectId, ids), inArray(outbox.status, ['pending', 'sending'])));
    if (open.length === 0) return;
    if (Date.now() > until) throw new Error(`${open.length} outbox rows still open after ${budgetMs} ms`);
    await sleep(25);
  }
}

describe('fulfilment order sends under Amazon faults', () => {
  it('500 orders through 10% 5xx, lost answers, slow answers and a throttle storm: each at Amazon once, only real refusals Failed', async () => {
    await env.faults({ refusedAddresses: ['NOWHERE LANE'] });
    const made: { id: string; number: string; saleId: string; refused: boolean }[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const refused = i % Math.floor(ORDERS / REFUSED) === 7 && made.filter((m) => m.refused).length < REFUSED;
      const { fo, sale } = await makeQueuedFulfilmentOrder(db, conn, { items: [{ sku: `DEMO-00${1 + (i % 9)}`, quantity: 1 }], over: refused ? { shipToLine1: `${i} Nowhere Lane` } : {} });
      made.push({ id: fo.id, number: fo.number, saleId: sale.id, refused });
    }
    expect(made.filter((m) => m.refused)).toHaveLength(REFUSED);
    const ids = made.map((m) => m.id);
    for (const m of made) await db.transaction((tx) => processFo(tx, m.id, null));

    await env.faults({ errorShare: 0.1, lostAnswerShare: 0.05, slowShare: 0.1, slowMs: 400, throttleStormSeconds: 3 });
    const t0 = Date.now();
    await drainUntilSettled({ workerId: 'faults-worker', clientFor: env.clientFor, limit: 50, backoffBaseMs: 200, backoffMaxMs: 2_000 }, ids, 45_000);
    const drainMs = Date.now() - t0;
    await env.clearFaults();

    // The faults happened: 5xx, 429 and answers that never came (timeouts and lost answers).
    const statuses = new Set(env.calls.filter((c) => c.operation === 'createFulfillmentOrder').map((c) => c.status));
    for (const s of [0, 429, 200]) expect(statuses).toContain(s);
    expect([500, 503].some((s) => statuses.has(s))).toBe(true);

    const rows = await db.select().from(fulfilmentOrders).where(inArray(fulfilmentOrders.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const m of made) {
      const fo = byId.get(m.id)!;
      if (m.refused) {
        expect(fo.status, m.number).toBe('Failed');
        expect(fo.lastError).toContain('The destination address is invalid.');
      } else {
        expect(fo, m.number).toMatchObject({ status: 'Shipped', amazonOrderId: m.number, lastError: null });
      }
    }
    const sent = await db.select({ status: outbox.status }).from(outbox).where(inArray(outbox.subjectId, ids));
    expect(sent.filter((r) => r.status === 'done')).toHaveLength(ORDERS - REFUSED);
    expect(sent.filter((r) => r.status === 'failed')).toHaveLength(REFUSED);

    // At Amazon: each accepted order exactly once, none of the refused ones.
    const ours = new Set(made.map((m) => m.number));
    const atAmazon = (await env.orders()).filter((o) => ours.has(o.sellerFulfillmentOrderId));
    const numbers = atAmazon.map((o) => o.sellerFulfillmentOrderId);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.sort()).toEqual(made.filter((m) => !m.refused).map((m) => m.number).sort());
    // Some creates were repeated (a lost answer): Amazon took the repeat as the same order.
    expect(atAmazon.some((o) => o.createRequests > 1)).toBe(true);

    // What a person reads: one acceptance per order on its log and one send on its sale's log.
    const accepted = await db
      .select({ orderId: fulfilmentOrderLog.orderId })
      .from(fulfilmentOrderLog)
      .where(and(inArray(fulfilmentOrderLog.orderId, ids), eq(fulfilmentOrderLog.message, 'Amazon accepted the order to ship it.')));
    expect(accepted).toHaveLength(ORDERS - REFUSED);
    expect(new Set(accepted.map((a) => a.orderId)).size).toBe(ORDERS - REFUSED);
    const saleLines = await db.select({ saleId: saleLog.saleId, message: saleLog.message }).from(saleLog).where(inArray(saleLog.saleId, made.map((m) => m.saleId))).orderBy(asc(saleLog.id));
    expect(saleLines.filter((l) => l.message.endsWith('sent to Amazon: Shipped.'))).toHaveLength(ORDERS - REFUSED);
    console.log(`[faults] ${ORDERS} sends drained in ${drainMs} ms; ${env.count('createFulfillmentOrder')} createFulfillmentOrder exchanges`);
  }, 90_000);
});
