import { spawn, type ChildProcess } from 'node:child_process';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fulfilmentOrders, outbox } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { processFo } from './fo-actions';

const ORDERS = 200;
const LEASE_MS = 1_500;

let db: Db;
let url: string;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  env = await startFulfilmentSandbox({ rateScale: 100 });
  const handle = await createTestDb();
  db = handle.db;
  url = handle.url!;
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await env?.sandbox.close();
});

/** The drain worker as its own process; resolves when it says it is ready (connected). */
function startWorker(untilIdle = false): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/outbox-drain-worker.ts', ...(untilIdle ? ['--until-idle'] : [])], {
    env: { ...process.env, DATABASE_URL: url, OUTBOX_LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
}
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL the worker while it sends 200 orders', () => {
  it('every order reaches Amazon exactly once', { timeout: 240_000 }, async () => {
    const { conn } = await makeFbaConnection(db);
    const ids: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const { fo } = await makeQueuedFulfilmentOrder(db, conn, { items: [{ sku: `DEMO-0${String(1 + (i % 19)).padStart(2, '0')}`, quantity: 1 }] });
      await db.transaction((tx) => processFo(tx, fo.id, null));
      ids.push(fo.id);
    }
    // Slow answers now and then, so kills land while calls are in flight too.
    await env.faults({ slowShare: 0.2, slowMs: 150 });
    const openRows = async () => (await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.status, ['pending', 'sending']))).length;
    let kills = 0;
    while (kills < 12 && (await openRows()) > 0) {
      const worker = await startWorker();
      await sleep(100 + Math.random() * 700);
      worker.kill('SIGKILL');
      await exited(worker);
      kills += 1;
    }
    expect(kills).toBeGreaterThan(3);
    const last = await startWorker(true);
    expect(await exited(last)).toBe(0);
    await env.clearFaults();

    const rows = await db.select().from(outbox).where(inArray(outbox.subjectId, ids));
    expect(rows.filter((r) => r.status !== 'done')).toEqual([]);
    const orders = await db.select({ number: fulfilmentOrders.number, status: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.connectionId, conn.id));
    expect(orders.filter((o) => o.status !== 'Shipped')).toEqual([]);
    const atAmazon = await env.orders();
    const ours = new Set(orders.map((o) => o.number));
    const sent = atAmazon.filter((o) => ours.has(o.sellerFulfillmentOrderId));
    expect(sent).toHaveLength(ORDERS);
    // Counted by sellerFulfillmentOrderId: each was asked for once; a retaken claim asked Amazon first.
    expect(sent.filter((o) => o.createRequests !== 1)).toEqual([]);
    // Some rows really were retaken after a kill.
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    console.log(`kill test: ${kills} kills, ${rows.filter((r) => r.attempts > 1).length} rows retaken after a kill`);
  });
});
