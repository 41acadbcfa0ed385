import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fulfilmentOrders, outbox } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { processFo } from './fo-actions';
import { drainOutbox } from './outbox-drain';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;

beforeAll(async () => {
  env = await startFulfilmentSandbox({ rateScale: 100 });
  db = (await createTestDb()).db;
});
afterAll(() => env?.sandbox.close());

describe('outbox drains on PostgreSQL', () => {
  it('four drains at once never take the same row: 80 orders, 80 creates, each once', async () => {
    const { conn } = await makeFbaConnection(db);
    const ids: string[] = [];
    for (let i = 0; i < 80; i++) {
      const { fo } = await makeQueuedFulfilmentOrder(db, conn, { items: [{ sku: `DEMO-0${String(1 + (i % 19)).padStart(2, '0')}`, quantity: 1 }] });
      await db.transaction((tx) => processFo(tx, fo.id, null));
      ids.push(fo.id);
    }
    const claimedBy = new Map<string, number>();
    const drain = async (workerId: string) => {
      for (;;) {
        // Small batches, so the four workers interleave over the whole queue.
        const s = await drainOutbox(db, { workerId, limit: 3, clientFor: env.clientFor });
        claimedBy.set(workerId, (claimedBy.get(workerId) ?? 0) + s.claimed);
        expect(s.dropped).toBe(0);
        if (s.claimed === 0) return;
      }
    };
    const creates = env.count('createFulfillmentOrder');
    await Promise.all(['w1', 'w2', 'w3', 'w4'].map(drain));
    expect(env.count('createFulfillmentOrder') - creates).toBe(80);
    // More than one worker did work (they really ran side by side), and the claims add up to the rows.
    expect([...claimedBy.values()].filter((n) => n > 0).length).toBeGreaterThan(1);
    expect([...claimedBy.values()].reduce((a, b) => a + b, 0)).toBe(80);
    const rows = await db.select().from(outbox).where(inArray(outbox.subjectId, ids));
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    const orders = await db.select({ number: fulfilmentOrders.number, status: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.connectionId, conn.id));
    expect(orders.every((o) => o.status === 'Shipped')).toBe(true);
    const atAmazon = new Map((await env.orders()).map((o) => [o.sellerFulfillmentOrderId, o.createRequests]));
    for (const o of orders) expect(atAmazon.get(o.number)).toBe(1);
  });
});
