import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { jobRuns } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { runJob, slotOf } from './run-job';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

describe('job runs', () => {
  it('runs a slot once, even when two workers fire for it', async () => {
    let calls = 0;
    const slot = slotOf(new Date('2026-11-27T12:51:03Z'));
    expect(slot).toBe('2026-11-27T12:51');
    const [a, b] = await Promise.all([runJob(db, 'test.job', slot, async () => calls++), runJob(db, 'test.job', slot, async () => calls++)]);
    expect(calls).toBe(1);
    expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
    const rows = await db.select().from(jobRuns).where(eq(jobRuns.name, 'test.job'));
    expect(rows).toHaveLength(1);
    expect(rows[0].result).toBe('ok');
  });

  it('records a failure with its message', async () => {
    await runJob(db, 'test.failing', 'slot-1', async () => {
      throw new Error('Amazon said no');
    });
    const [row] = await db.select().from(jobRuns).where(eq(jobRuns.name, 'test.failing'));
    expect(row).toMatchObject({ result: 'failed', error: 'Amazon said no' });
    expect(row.finishedAt).not.toBeNull();
  });
});
