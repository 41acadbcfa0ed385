import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openPglite } from '@/db/client';
import { rowsOf } from '@/db/driver';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { queueRun } from './queued-runs';

/** The migrations folder as it was before 0004_queued_runs. */
function foldersBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  expect(upTo).toBeGreaterThan(0);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
  for (const e of journal.entries.slice(0, upTo)) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe('migration 0004_queued_runs', () => {
  it('keeps the sync runs recorded before it: they are Catalog runs, and one still queued is joined, not duplicated', async () => {
    const handle = await openPglite();
    const before = foldersBefore('0004_queued_runs');
    try {
      await migrate(handle.db as Parameters<typeof migrate>[0], { migrationsFolder: before });
      await ensurePriceTiers(handle.db);
      const [loc] = rowsOf<{ id: string }>(await handle.db.execute(sql`INSERT INTO locations (name) VALUES ('Old FBA') RETURNING id`));
      const [conn] = rowsOf<{ id: string }>(
        await handle.db.execute(sql`INSERT INTO fba_connections (name, seller_id, marketplace_id, refresh_token_enc, location_id)
          VALUES ('Old store', 'AOLDSELLER1', 'ATVPDKIKX0DER', 'x', ${loc.id}) RETURNING id`),
      );
      await handle.db.execute(sql`INSERT INTO fba_sync_runs (connection_id, trigger, status, phase, finished_at) VALUES (${conn.id}, 'schedule', 'done', 'Done', now())`);
      const [queued] = rowsOf<{ id: string }>(await handle.db.execute(sql`INSERT INTO fba_sync_runs (connection_id, trigger, status, phase) VALUES (${conn.id}, 'force', 'queued', 'Queued') RETURNING id`));

      await migrate(handle.db as Parameters<typeof migrate>[0], { migrationsFolder: MIGRATIONS_DIR });
      const runs = rowsOf<{ kind: string; stocktake_id: string | null; status: string }>(await handle.db.execute(sql`SELECT kind, stocktake_id, status FROM fba_sync_runs ORDER BY created_at`));
      expect(runs).toEqual([
        { kind: 'catalog', stocktake_id: null, status: 'done' },
        { kind: 'catalog', stocktake_id: null, status: 'queued' },
      ]);
      expect((await queueRun(handle.db, { kind: 'catalog', connectionId: conn.id }, 'force', null)).id).toBe(queued.id);
    } finally {
      await handle.close();
      fs.rmSync(before, { recursive: true, force: true });
    }
  }, 90_000); // a database of its own, made and migrated twice: slow on a busy machine
});
