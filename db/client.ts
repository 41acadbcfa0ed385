import fs from 'node:fs';
import path from 'node:path';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { auditTransactions } from './audit-context';
import { rowsOf } from './driver';
import * as schema from './schema';

export type Schema = typeof schema;
type Relations = ExtractTablesWithRelations<Schema>;
/** Either driver: postgres.js (a PostgreSQL server) or PGlite (embedded). Queries are written once. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, Relations>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, Relations>;

export type DbHandle = { db: Db; driver: 'pglite' | 'postgres'; close: () => Promise<void> };

export const MIGRATIONS_DIR = path.join(process.cwd(), 'drizzle');

export function defaultPgliteDir() {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite');
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite lets two processes open one data folder without complaint and then silently loses
 * writes, so the folder is guarded by a lock file holding the owner's pid.
 */
function acquireLock(dir: string) {
  const lock = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        try {
          if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
      // A server stopped by a signal exits without closing the database; leave no lock behind.
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(lock, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner))
        throw new Error(
          `The embedded database at ${dir} is already open in process ${owner}. ` +
            'Stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
        );
      fs.unlinkSync(lock); // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock the embedded database at ${dir}.`);
}

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let release = () => {};
  if (opts.dataDir) {
    fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
    release = acquireLock(opts.dataDir);
  }
  try {
    // pg_trgm: the trigram indexes behind "name contains" searches (migration 0012), as on a server.
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const options = { extensions: { pg_trgm }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) };
    // Passing `undefined` as the folder makes PGlite ignore the options: say 'memory://' instead.
    const client = new PGlite(opts.dataDir ?? 'memory://', options);
    await client.waitReady;
    const db = auditTransactions(drizzle({ client, schema }) as unknown as Db);
    return {
      db,
      driver: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

export async function openPostgres(url: string, max = 10): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, onnotice: () => {} });
  const db = auditTransactions(drizzle({ client, schema }) as unknown as Db);
  return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/** DATABASE_URL → PostgreSQL; otherwise the embedded database under .data/. */
export function openDefault(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite({ dataDir: defaultPgliteDir() });
}

export async function migrateDb(handle: DbHandle) {
  if (handle.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- driver-specific migrator signature
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- driver-specific migrator signature
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_DIR });
  }
}

/** Count of migrations in the journal, to compare with what the database has applied. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

/** Migrations this database has applied (drizzle's own bookkeeping table, in its own schema). */
export async function appliedMigrationCount(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`));
  return Number(row?.n ?? 0);
}
