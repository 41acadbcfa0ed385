import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { sql } from 'drizzle-orm';
import { migrateDb, openPglite, openPostgres } from '../db/client';
import { rowsOf } from '../db/driver';

/**
 * Builds one migrated database per run; each test file then gets its own copy:
 * PGlite from a dumped data folder (~1 s instead of initdb + migrate), PostgreSQL from a template.
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
    // Each file's database is named after this run, so the teardown finds them all: an afterAll
    // registered inside a beforeAll (where createTestDb is called) never runs.
    const prefix = `fba_test_r${process.pid}`;
    project.provide('pgRunPrefix', prefix);
    return async () => {
      const left = rowsOf<{ datname: string }>(await admin.db.execute(sql`SELECT datname FROM pg_database WHERE datname LIKE ${`${prefix}\\_%`}`));
      for (const { datname } of left) await admin.db.execute(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.db.execute(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.close();
    };
  }
  const handle = await openPglite();
  await migrateDb(handle);
  // dumpDataDir lives on the client; reach it through the drizzle session.
  const client = (handle.db as unknown as { $client: { dumpDataDir: (c?: 'none' | 'gzip') => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `fba-pglite-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteDump', file);
  return () => fs.rmSync(file, { force: true });
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
    pgRunPrefix: string;
  }
}
