import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { jobRuns } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { decodeCursor } from '@/lib/paging';
import { listJobRuns } from './job-runs';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  const base = Date.UTC(2026, 10, 27, 0, 0);
  await db.insert(jobRuns).values(
    Array.from({ length: 120 }, (_, i) => ({ name: i % 3 ? 'fba.inventory' : 'fba.auto-sync', slot: `s${i}`, startedAt: new Date(base + Math.floor(i / 2) * 60_000), result: (i % 10 === 0 ? 'failed' : 'ok') as 'ok' | 'failed' })),
  );
});

describe('job runs list', () => {
  it('pages newest first through every run exactly once', async () => {
    const seen: string[] = [];
    let after = null;
    for (;;) {
      const page = await listJobRuns(db, { after });
      seen.push(...page.rows.map((r) => r.slot));
      for (let i = 1; i < page.rows.length; i++) expect(page.rows[i - 1].startedAt >= page.rows[i].startedAt).toBe(true);
      if (!page.next) break;
      after = decodeCursor(page.next);
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });
  it('filters by job and by failures', async () => {
    const failed = await listJobRuns(db, { failedOnly: true, after: null });
    expect(failed.rows).toHaveLength(12);
    expect(failed.rows.every((r) => r.result === 'failed')).toBe(true);
    const one = await listJobRuns(db, { name: 'fba.auto-sync', after: null });
    expect(one.rows.every((r) => r.name === 'fba.auto-sync')).toBe(true);
  });
});
