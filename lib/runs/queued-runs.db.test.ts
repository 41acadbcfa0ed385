import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { fbaSyncRuns } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { executeRun, failStaleRuns, queueRun, STALE_RUN_MS, type RunWork } from './queued-runs';

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
