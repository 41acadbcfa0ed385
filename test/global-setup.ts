import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { sql } from 'drizzle-orm';
import { migrateDb, openPglite, openPostgres } from '../db/client';
import { rowsOf } from '../db/driver';

/**
 * Builds one migrated database per run; each test file then gets its own copy:
 * PGlite from a copy of a migrated data folder (instead of initdb + migrate), PostgreSQL from a template.
 */
export default async function setup(project: TestProject) {
  const driver = project.config.env?.DB_DRIVER ?? 'pglite';
  if (driver === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const template = `fba_test_template_${process.pid}`;
    const admin = await openPostgres(url, 1);
    await admin.db.execute(`DROP DATABASE IF EXISTS ${template}`);
    await admin.db.execute(`CREATE DATABASE ${template}`);
    const tpl = await openPostgres(withDatabase(url, template), 1);
    await migrateDb(tpl);
    await tpl.close();
    project.provide('pgTemplate', template);
    return async () => {
      const copies = rowsOf<{ name: string }>(await admin.db.execute(sql`SELECT datname AS name FROM pg_database WHERE datname LIKE ${`${template}\\_%`}`));
      for (const { name } of copies) await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.db.execute(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.close();
    };
  }
  // A data folder on disk (in memory under /dev/shm where there is one), which each file copies
  // and opens where it lies: 1.4 s and 2.1 CPU-s a file on this 2-core machine, against 2.9 s and
  // 3.8 CPU-s to unpack a dump of the same folder into PGlite's memory.
  const base = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'fba-pglite-'));
  const template = path.join(base, 'template');
  const handle = await openPglite({ dataDir: template });
  await migrateDb(handle);
  await handle.close();
  project.provide('pgliteTemplate', template);
  return () => fs.rmSync(base, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
