import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DbHandle } from '@/db/client';
import { fulfilmentOrders, jobRuns, outbox } from '@/db/schema';
import { processFo } from '@/lib/fulfilment/fo-actions';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { JOBS } from './index';

// Issue 13: "Two web processes and two workers on one database: every scheduled job runs once per
// slot and every outbox row is sent once, counted." In PostgreSQL mode the web process runs no jobs
// (instrumentation-node.ts): it only enqueues, in the action's transaction. So the two web roles
// here are two connection pools enqueuing at once through processFo (what Process on the order
// page calls), and the two workers are real jobs/worker.ts processes (startJobs: node-cron
// schedules and the outbox drain), their schedules sped up by JOBS_EVERY_SECONDS.

const ORDERS = 300;
const EVERY_SECONDS = 3;
const WORKERS_LIVE_MS = 14_000;

let db: DbHandle['db'];
let url: string;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
const children = new Set<ChildProcess>();
const webs: DbHandle[] = [];

beforeAll(async () => {
  // The sandbox's clock fast, so the hourly inventory report the sped-up schedule requests is ready at once.
  env = await startFulfilmentSandbox({ rateScale: 100, clockSpeed: 30 });
  const handle = await createTestDb();
  db = handle.db;
  url = handle.url!;
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  for (const w of webs) await w.close();
  await env?.sandbox.close();
});

type Worker = { child: ChildProcess; lines: string[] };

/** jobs/worker.ts as its own process; resolves once its schedules are started. */
function startWorker(): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('jobs', 'worker.ts')], {
    env: { ...process.env, DATABASE_URL: url, JOBS_EVERY_SECONDS: String(EVERY_SECONDS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines: string[] = [];
  let rest = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const all = (rest + d.toString()).split('\n');
      rest = all.pop()!;
      for (const line of all) {
        lines.push(line);
        if (line.includes('schedules started')) resolve({ child, lines });
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before its schedules started`)));
  });
}

function stop(w: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (w.child.exitCode !== null) return resolve();
    w.child.once('exit', () => resolve());
    w.child.kill('SIGTERM');
  });
}

/** "[worker] fired <job> <slot> ran|skipped|error" lines of one worker, as (job slot) → outcome. */
function firings(w: Worker) {
  const out = new Map<string, string>();
  for (const line of w.lines) {
    const m = /^\[worker\] fired (\S+) (\S+) (\w+)$/.exec(line);
    if (m) out.set(`${m[1]} ${m[2]}`, m[3]);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two web processes and two workers on one database', () => {
  it(`runs each job once per slot and sends each of ${ORDERS} orders once`, { timeout: 120_000 }, async () => {
    const { conn } = await makeFbaConnection(db);
    const startedAt = Date.now();
    const workers = await Promise.all([startWorker(), startWorker()]);
    const workersUpAt = Date.now();

    // The two web roles enqueue at the same time, each on its own pool, while the workers drain.
    for (let i = 0; i < 2; i++) webs.push(await openPostgres(url, 4));
    const enqueue = async (web: DbHandle, from: number) => {
      const ids: string[] = [];
      for (let i = from; i < ORDERS; i += 2) {
        const { fo } = await makeQueuedFulfilmentOrder(web.db, conn, { items: [{ sku: `DEMO-0${String(1 + (i % 19)).padStart(2, '0')}`, quantity: 1 }] });
        await web.db.transaction((tx) => processFo(tx, fo.id, null));
        ids.push(fo.id);
      }
      return ids;
    };
    const ids = (await Promise.all([enqueue(webs[0], 0), enqueue(webs[1], 1)])).flat();
    expect(ids).toHaveLength(ORDERS);
    const enqueuedAt = Date.now();

    const openRows = async () => (await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.status, ['pending', 'sending']))).length;
    while ((await openRows()) > 0 && Date.now() - startedAt < 90_000) await sleep(250);
    const left = WORKERS_LIVE_MS - (Date.now() - startedAt);
    const sentAt = Date.now();
    if (left > 0) await sleep(left);
    await Promise.all(workers.map(stop));
    console.log(`workers up ${(workersUpAt - startedAt) / 1000} s, enqueued +${(enqueuedAt - workersUpAt) / 1000} s, all sent +${(sentAt - enqueuedAt) / 1000} s, stopped +${(Date.now() - sentAt) / 1000} s`);

    // Every outbox row done, each order asked of Amazon once (counted by sellerFulfillmentOrderId).
    const rows = await db.select({ status: outbox.status }).from(outbox).where(inArray(outbox.subjectId, ids));
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(ORDERS);
    const orders = await db.select({ number: fulfilmentOrders.number }).from(fulfilmentOrders).where(eq(fulfilmentOrders.connectionId, conn.id));
    const ours = new Set(orders.map((o) => o.number));
    const sent = (await env.orders()).filter((o) => ours.has(o.sellerFulfillmentOrderId));
    expect(sent).toHaveLength(ORDERS);
    expect(sent.filter((o) => o.createRequests !== 1)).toEqual([]);

    // Every slot that ran is on the EVERY_SECONDS grid (both workers named it alike), ran in one
    // worker only, and each job's slots fired in both workers' clocks.
    const runs = await db.select().from(jobRuns);
    const [a, b] = workers.map(firings);
    const perJob = new Map<string, { slots: number; both: number }>();
    for (const run of runs) {
      const key = `${run.name} ${run.slot}`;
      expect(new Date(`${run.slot}Z`).getUTCSeconds() % EVERY_SECONDS, key).toBe(0);
      expect([a.get(key), b.get(key)].filter((o) => o === 'ran'), key).toHaveLength(1);
      expect(run.result, `${key}: ${run.error}`).toBe('ok');
      const j = perJob.get(run.name) ?? { slots: 0, both: 0 };
      j.slots += 1;
      if (a.has(key) && b.has(key)) j.both += 1;
      perJob.set(run.name, j);
    }
    for (const job of JOBS) {
      expect(perJob.get(job.name)?.both ?? 0, job.name).toBeGreaterThan(0);
      // One row per scheduled time: two workers naming one firing differently would leave two rows close together.
      const times = runs.filter((r) => r.name === job.name).map((r) => Date.parse(`${r.slot}Z`)).sort((x, y) => x - y);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      expect(gaps.filter((g) => g < EVERY_SECONDS * 1000), `${job.name}: runs closer than one slot apart`).toEqual([]);
    }
    // No worker ran a slot that has no row (a second row under another slot name would be a double run).
    for (const [key, outcome] of [...a, ...b]) if (outcome === 'ran') expect(runs.some((r) => `${r.name} ${r.slot}` === key), key).toBe(true);
    console.log(
      `two workers: ${ORDERS} orders sent once each; ${runs.length} job runs, ${[...perJob].map(([n, j]) => `${n} ${j.slots} slots (${j.both} fired in both)`).join(', ')}; ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
  });
});
