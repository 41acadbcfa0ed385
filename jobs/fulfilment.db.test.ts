import { eq } from 'drizzle-orm';
import { validate } from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fulfilmentOrders } from '@/db/schema';
import { processFo } from '@/lib/fulfilment/fo-actions';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { DRAINS, JOBS } from './index';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;

beforeAll(async () => {
  env = await startFulfilmentSandbox();
  db = (await createTestDb()).db;
});
afterAll(() => env?.sandbox.close());

describe('the worker’s fulfilment entries', () => {
  it('tracks at 00:51 and 12:51 UTC and drains the outbox every 2 s', () => {
    const tracking = JOBS.find((j) => j.name === 'fba.fo-tracking');
    expect(tracking?.cron).toBe('51 0,12 * * *');
    expect(validate(tracking!.cron)).toBe(true);
    expect(DRAINS.find((d) => d.name === 'fba.outbox')?.everyMs).toBe(2000);
  });

  it('as the worker runs them: the connection’s own client sends a processed order, and tracking reads it', async () => {
    const { conn } = await makeFbaConnection(db);
    const { fo } = await makeQueuedFulfilmentOrder(db, conn);
    await db.transaction((tx) => processFo(tx, fo.id, null));
    await DRAINS.find((d) => d.name === 'fba.outbox')!.run(db);
    expect((await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, fo.id)))[0]).toMatchObject({ status: 'Shipped', amazonStatus: 'New' });
    expect((await env.orders()).find((o) => o.sellerFulfillmentOrderId === fo.number)).toMatchObject({ createRequests: 1 });
    await env.sandbox.advance(60);
    const results = (await JOBS.find((j) => j.name === 'fba.fo-tracking')!.run(db, new Date())) as { read: number }[];
    expect(results).toEqual([expect.objectContaining({ connectionId: conn.id, read: 1, errors: [] })]);
    expect((await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, fo.id)))[0]).toMatchObject({ status: 'Shipped', amazonStatus: 'Received' });
  });
});
