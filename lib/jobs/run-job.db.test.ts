import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { jobRuns } from '@/db/schema';
import { DomainError } from '@/lib/errors';
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

  it('records an expected failure in its own words', async () => {
    await runJob(db, 'test.failing', 'slot-1', async () => {
      throw new DomainError('AMAZON_ERROR', 'Amazon said no');
    });
    const [row] = await db.select().from(jobRuns).where(eq(jobRuns.name, 'test.failing'));
    expect(row).toMatchObject({ result: 'failed', error: 'Amazon said no' });
    expect(row.finishedAt).not.toBeNull();
  });

  it('records an unexpected failure only as a reference to the server log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await runJob(db, 'test.crashing', 'slot-1', async () => {
      throw new Error('Failed query: select * from users params: secret');
    });
    const [row] = await db.select().from(jobRuns).where(eq(jobRuns.name, 'test.crashing'));
    expect(row.result).toBe('failed');
    expect(row.error).toMatch(/^Unexpected error, reference [A-Z0-9]{4}-[A-Z0-9]{4}: the detail is in the server log\.$/);
    expect(row.error).not.toContain('select');
    expect(log.mock.calls.flat().join(' ')).toContain('Failed query');
    log.mockRestore();
  });
});
