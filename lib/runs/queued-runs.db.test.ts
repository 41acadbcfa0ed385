import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { fbaSyncRuns } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { executeRun, failStaleRuns, queueRun, RUNNING_LEASE_MS, STALE_RUN_MS, type RunWork } from './queued-runs';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

const runOf = async (id: string) => (await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.id, id)))[0];

describe('queued runs', () => {
  it('runs a queued run once: a second claim of the same run does nothing', async () => {
    const { conn } = await makeFbaConnection(db);
    const run = await queueRun(db, { kind: 'catalog', connectionId: conn.id }, 'force', null);
    let calls = 0;
    const work: RunWork = async ({ db: d, finish }) => {
      calls += 1;
      return d.transaction((tx) => finish(tx, { summary: 'Nothing to do.' }));
    };
    const [a, b] = await Promise.all([executeRun(db, run.id, work), executeRun(db, run.id, work)]);
    expect([a?.status, b?.status].sort()).toEqual(['done', undefined]);
    expect(calls).toBe(1);
    expect(await runOf(run.id)).toMatchObject({ status: 'done', phase: 'Done', summary: 'Nothing to do.' });
  });

  it('an unexpected error fails the run with a reference to the log, never its text', async () => {
    const { conn } = await makeFbaConnection(db);
    const run = await queueRun(db, { kind: 'catalog', connectionId: conn.id }, 'force', null);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await executeRun(db, run.id, async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
      });
      const failed = await runOf(run.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/^The sync stopped on an unexpected error\. Reference: [A-Z2-9]{4}-[A-Z2-9]{4}; the server log has the details\.$/);
      expect(String(log.mock.calls[0]?.[0])).toContain(failed.error!.match(/Reference: (\S+);/)![1]);
    } finally {
      log.mockRestore();
    }
  });

  it('a run whose worker was killed stops blocking the button minutes later: no heartbeat for the lease → failed at the next press, which starts a new run; a long run still beating is joined', async () => {
    const { conn } = await makeFbaConnection(db);
    const now = Date.now();
    // Claimed by a worker that was then SIGKILLed: its last heartbeat is older than the lease.
    const [dead] = await db
      .insert(fbaSyncRuns)
      .values({ connectionId: conn.id, trigger: 'force', status: 'running', createdAt: new Date(now - RUNNING_LEASE_MS - 60_000), heartbeatAt: new Date(now - RUNNING_LEASE_MS - 1_000) })
      .returning();
    const pressed = await queueRun(db, { kind: 'catalog', connectionId: conn.id }, 'force', null);
    expect(pressed.id).not.toBe(dead.id);
    expect(pressed.status).toBe('queued');
    expect(await runOf(dead.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });

    // A run an hour old whose worker still beats (a slow report): pressing again joins it.
    const other = (await makeFbaConnection(db)).conn;
    const [alive] = await db
      .insert(fbaSyncRuns)
      .values({ connectionId: other.id, trigger: 'force', status: 'running', createdAt: new Date(now - 60 * 60_000), heartbeatAt: new Date(now - 10_000) })
      .returning();
    expect((await queueRun(db, { kind: 'catalog', connectionId: other.id }, 'force', null)).id).toBe(alive.id);
    expect((await runOf(alive.id)).status).toBe('running');
  });

  it('the worker running a run stamps its heartbeat while the work waits', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { conn } = await makeFbaConnection(db);
      const run = await queueRun(db, { kind: 'catalog', connectionId: conn.id }, 'force', null);
      let clock = Date.now();
      const beats: (Date | null)[] = [];
      await executeRun(
        db,
        run.id,
        async ({ db: d, finish }) => {
          beats.push((await runOf(run.id)).heartbeatAt);
          clock += 45_000;
          await vi.advanceTimersByTimeAsync(30_000);
          // The interval's write is not awaited by anyone: give it a moment to land.
          await vi.waitFor(async () => expect((await runOf(run.id)).heartbeatAt!.getTime()).toBe(clock));
          beats.push((await runOf(run.id)).heartbeatAt);
          return d.transaction((tx) => finish(tx, { summary: 'Nothing to do.' }));
        },
        () => new Date(clock),
      );
      expect(beats[0]).not.toBeNull();
      expect(beats[1]!.getTime() - beats[0]!.getTime()).toBe(45_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a run failed as stale while it worked does not become done: its result is rolled back', async () => {
    const { conn } = await makeFbaConnection(db);
    const run = await queueRun(db, { kind: 'catalog', connectionId: conn.id }, 'force', null);
    const out = await executeRun(db, run.id, async ({ db: d, finish }) => {
      await failStaleRuns(d, new Date(Date.now() + STALE_RUN_MS + 60_000));
      return d.transaction((tx) => finish(tx, { summary: 'Too late.' }));
    });
    expect(out).toBeNull();
    expect(await runOf(run.id)).toMatchObject({ status: 'failed', summary: null, error: expect.stringContaining('interrupted') });
  });
});
