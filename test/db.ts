import fs from 'node:fs';
import path from 'node:path';
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
    // Named after the run's template, so the run's teardown drops every copy even when a file's
    // afterAll never ran (one registered inside a beforeAll hook is not called).
    const name = `${inject('pgTemplate')}_${Math.random().toString(36).slice(2, 8)}`;
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
  const dir = copyPgliteTemplate();
  const handle = Object.assign(await openPglite({ dataDir: dir }), { url: null });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
  return handle;
}

/**
 * A copy of the run's migrated PGlite data folder (test/global-setup.ts), in a new folder beside
 * it; returns the copy's path, for `openPglite({ dataDir })`. The caller removes its parent.
 */
export function copyPgliteTemplate(): string {
  const template = inject('pgliteTemplate');
  const dir = path.join(fs.mkdtempSync(`${template}-copy-`), 'data');
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}
