import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { expectedMigrationCount } from '@/db/client';
import { createTestDb } from '@/test/db';
import { checkHealth } from './health';
import { listWorkers, recordHeartbeat } from './jobs/heartbeats';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

describe('GET /api/health', () => {
  it('is ok on a migrated database, and says no worker has beaten yet', async () => {
    const health = await checkHealth(db);
    expect(health).toEqual({
      status: 'ok',
      database: 'ok',
      migrations: { applied: expectedMigrationCount(), expected: expectedMigrationCount(), current: true },
      worker: { lastHeartbeat: null, ageSeconds: null, ok: false },
    });
  });

  it('reports the newest worker beat and calls it stale after three missed minutes', async () => {
    const beat = new Date('2026-11-27T12:00:00Z');
    await recordHeartbeat(db, 'worker', beat);
    expect((await checkHealth(db, new Date('2026-11-27T12:00:45Z'))).worker).toEqual({ lastHeartbeat: '2026-11-27T12:00:00.000Z', ageSeconds: 45, ok: true });
    expect((await checkHealth(db, new Date('2026-11-27T12:03:00Z'))).worker).toMatchObject({ ageSeconds: 180, ok: false });
    // A second beat of the same process moves its row forward rather than adding one.
    await recordHeartbeat(db, 'worker', new Date('2026-11-27T12:04:00Z'));
    expect((await checkHealth(db, new Date('2026-11-27T12:04:30Z'))).worker).toMatchObject({ ageSeconds: 30, ok: true });
    expect(await listWorkers(db)).toHaveLength(1);
  });
});
