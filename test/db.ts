import fs from 'node:fs';
import { afterAll, inject } from 'vitest';
import { openPglite, openPostgres, type DbHandle } from '../db/client';
import { withDatabase } from './global-setup';

/**
 * A fresh migrated database for one test file, on the driver of the running project
 * (DB_DRIVER=pglite | postgres). Closed (and dropped) after the file. `url` is the PostgreSQL
 * database's address (for a child process in the same test), null on PGlite.
 */
export async function createTestDb(): Promise<DbHandle & { url: string | null }> {
  if (process.env.DB_DRIVER === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `${inject('pgRunPrefix')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await openPostgres(url, 1);
    for (let i = 0; ; i++) {
      try {
        await admin.db.execute(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
        break;
      } catch (e) {
        // Two files copying the template at the same instant can collide; try again shortly.
        if (i >= 10) throw e;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    const handle = Object.assign(await openPostgres(withDatabase(url, name), 60), { url: withDatabase(url, name) });
    afterAll(async () => {
      await handle.close();
      await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    });
    return handle;
  }
  const dump = new Blob([fs.readFileSync(inject('pgliteDump'))]);
  const handle = Object.assign(await openPglite({ loadDataDir: dump }), { url: null });
  afterAll(() => handle.close());
  return handle;
}
