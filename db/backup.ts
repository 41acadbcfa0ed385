import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { appliedMigrationCount, openPglite, openPostgres, type Db } from './client';
import { rowsOf } from './driver';

/**
 * Backups of either database, as files the databases' own tools read: the embedded database's
 * `dumpDataDir` (a gzipped tar of its data folder) and PostgreSQL's `pg_dump -Fc` (custom format,
 * which pg_restore reads). The file says what it is by its first bytes (gzip or tar for PGlite,
 * `PGDMP` for pg_dump), so restore picks the right way and refuses the wrong one; the suggested
 * file names end in `.pglite.tar.gz` or `.pgdump` so a person can tell them apart too.
 */
export type BackupKind = 'pglite' | 'postgres';

export const BACKUP_EXTENSION: Record<BackupKind, string> = { pglite: 'pglite.tar.gz', postgres: 'pgdump' };
export const BACKUP_CONTENT_TYPE: Record<BackupKind, string> = { pglite: 'application/gzip', postgres: 'application/octet-stream' };

/** What a backup file holds, from its first 512 bytes; null when it is neither kind. */
export function backupKindOf(head: Uint8Array): BackupKind | null {
  const text = (from: number, to: number) => Buffer.from(head.subarray(from, to)).toString('latin1');
  if (text(0, 5) === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (head.length >= 262 && text(257, 262) === 'ustar') return 'pglite';
  return null;
}

export function readBackupKind(file: string): BackupKind | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = fs.readSync(fd, head, 0, 512, 0);
    return backupKindOf(head.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

/** A refusal with a message for the person running the command (wrong file, target not empty…). */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

type PgliteClient = {
  dumpDataDir: (compression?: 'none' | 'gzip' | 'auto') => Promise<Blob>;
  transaction: <T>(fn: (tx: unknown) => Promise<T>) => Promise<T>;
};

/** The driver behind a handle: PGlite's client can dump its data folder, postgres.js's cannot. */
export function driverOf(db: Db): BackupKind {
  const client = (db as unknown as { $client?: Partial<PgliteClient> }).$client;
  return typeof client?.dumpDataDir === 'function' ? 'pglite' : 'postgres';
}

/**
 * The embedded database dumped by the handle that has it open: with a running server the web
 * process owns the folder, so only that process may take the dump. PGlite runs one query at a
 * time but lets another caller's transaction stay open between its queries; a copy taken then holds
 * its half-done writes, which the restored database throws away as after a crash. Holding PGlite's
 * own transaction turn (an empty transaction) while the folder is copied makes the copy a clean
 * picture between two transactions, one that includes the transaction that was under way.
 */
export async function dumpPglite(db: Db): Promise<Blob> {
  const client = (db as unknown as { $client: PgliteClient }).$client;
  return client.transaction(() => client.dumpDataDir('gzip'));
}

// ---------- PostgreSQL: pg_dump and pg_restore ----------

/** The client tools, from PG_BIN_DIR when set (another version's bin folder), else from PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore') {
  return process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name;
}

/** Where a tool connects: the URL without its password (which goes by PGPASSWORD, never on the command line). */
export type PgTarget = { url: string; password: string | null };

export function pgTargetFromUrl(url: string): PgTarget {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password };
}

/** The database a postgres.js handle is connected to (its parsed options), as a tool's target. */
export function pgTargetOf(db: Db): PgTarget {
  const o = (db as unknown as { $client: { options: { host: string[]; port: number[]; database: string; user: string; pass: string | null; ssl: unknown } } }).$client.options;
  const u = new URL('postgres://localhost');
  u.hostname = o.host[0] ?? 'localhost';
  u.port = String(o.port[0] ?? 5432);
  u.pathname = `/${encodeURIComponent(o.database)}`;
  u.username = encodeURIComponent(o.user);
  if (o.ssl && o.ssl !== 'disable') u.searchParams.set('sslmode', typeof o.ssl === 'string' ? o.ssl : 'require');
  return { url: u.toString(), password: typeof o.pass === 'string' && o.pass ? o.pass : null };
}

function toolEnv(target: PgTarget): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (target.password) env.PGPASSWORD = target.password;
  return env;
}

/** The major version of a client tool (`pg_dump (PostgreSQL) 15.20 (Debian …)` → 15). */
export async function toolMajor(tool: 'pg_dump' | 'pg_restore'): Promise<number> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(pgTool(tool), ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new BackupRefused(`${tool} was not found. Install PostgreSQL's client tools (Debian: apt-get install postgresql-client), or set PG_BIN_DIR to the folder that holds them.`)
          : e,
      ),
    );
    child.on('close', () => resolve(text));
  });
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
  if (!m) throw new BackupRefused(`Could not read the version of ${tool} from "${out.trim()}".`);
  return Number(m[1]);
}

export async function serverMajor(db: Db): Promise<number> {
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`SELECT current_setting('server_version_num') AS v`));
  return Math.floor(Number(row.v) / 10000);
}

/**
 * pg_dump must be of the server's major version: an older one refuses a newer server, and a newer
 * one writes archives that an older pg_restore cannot read back, so the backup would not restore
 * where it came from.
 */
export async function assertToolMatchesServer(db: Db, tool: 'pg_dump' | 'pg_restore') {
  const [client, server] = await Promise.all([toolMajor(tool), serverMajor(db)]);
  if (client !== server)
    throw new BackupRefused(
      `${tool} is version ${client} but the server is PostgreSQL ${server}. Install the client tools of version ${server} (Debian: postgresql-client-${server}) and set PG_BIN_DIR to their bin folder (e.g. /usr/lib/postgresql/${server}/bin).`,
    );
}

/** pg_dump of the target in custom format on stdout; the caller streams it and checks the exit code. */
export function spawnPgDump(target: PgTarget): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(pgTool('pg_dump'), ['--format=custom', '--no-password', `--dbname=${target.url}`], { stdio: ['ignore', 'pipe', 'pipe'], env: toolEnv(target) });
}

/** Waits for a tool to finish; a failure carries its last stderr lines. */
export function finished(child: ChildProcess & { stderr: Readable }, tool: string): Promise<void> {
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.on('error', (e: Error) => reject(e));
    child.on('close', (code: number | null) => (code === 0 ? resolve() : reject(new Error(`${tool} exited with ${code}: ${err.trim()}`))));
  });
}

/** Tables, views and sequences outside PostgreSQL's own schemas: an empty database has none. */
export async function userRelationCount(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`),
  );
  return Number(row.n);
}

/**
 * pg_restore of a custom-format file into the target, in one transaction (a failure leaves the
 * target as it was). Owners and grants are left out so a dump restores under another user.
 * `clean` drops what the dump holds first (pg_restore --clean --if-exists).
 */
export async function runPgRestore(file: string, target: PgTarget, opts: { clean: boolean }) {
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--no-password', `--dbname=${target.url}`];
  if (opts.clean) args.push('--clean', '--if-exists');
  const child = spawn(pgTool('pg_restore'), [...args, file], { stdio: ['ignore', 'ignore', 'pipe'], env: toolEnv(target) });
  await finished(child, 'pg_restore');
}

// ---------- PGlite: restore into an empty folder ----------

function lockOwner(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(`${dir}.lock`, 'utf8'));
    if (!pid) return null;
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? -1 : null;
  }
}

/**
 * Loads a PGlite backup into `dir`, which must be empty (or not exist) and not be open in a running
 * process. The data is checked by opening it once (the migrations it has applied are counted).
 */
export async function restorePglite(file: string, dir: string): Promise<{ migrations: number }> {
  const owner = lockOwner(dir);
  if (owner)
    throw new BackupRefused(`The embedded database at ${dir} is in use${owner > 0 ? ` by process ${owner}` : ''}. Stop the server first, or restore into another folder.`);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw new BackupRefused(`${dir} is not empty. Restore into an empty folder (set PGLITE_DIR), or move the old folder aside first: nothing is overwritten.`);
  const handle = await openPglite({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(file)]) });
  try {
    return { migrations: await appliedMigrationCount(handle.db) };
  } finally {
    await handle.close();
  }
}

// ---------- Restore: the file's kind against the target's ---------

export type RestoreTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

/**
 * Restores a backup file into the target with every refusal a person may meet: a file that is no
 * backup, a backup of the other kind, a PostgreSQL database that is not empty (unless `clean`),
 * an embedded folder that is in use or not empty. Answers the migrations the restored data has.
 */
export async function restoreBackup(file: string, target: RestoreTarget, opts: { clean?: boolean } = {}): Promise<{ migrations: number }> {
  const kind = readBackupKind(file);
  if (!kind) throw new BackupRefused(`${file} is not a backup made by db:backup: it is neither a PostgreSQL custom-format dump nor an embedded database archive.`);
  if (target.kind === 'postgres') {
    if (kind === 'pglite')
      throw new BackupRefused(
        `${file} is a backup of the embedded database (PGlite), but DATABASE_URL points at PostgreSQL. Unset DATABASE_URL to restore it into an embedded database folder (PGLITE_DIR).`,
      );
    const handle = await openPostgres(target.url, 1);
    try {
      await assertToolMatchesServer(handle.db, 'pg_restore');
      const relations = await userRelationCount(handle.db);
      if (relations > 0 && !opts.clean)
        throw new BackupRefused(
          `The database at DATABASE_URL is not empty (${relations} tables, views or sequences). Restore into a new, empty database (createdb), or add --clean to drop what the backup holds and replace it.`,
        );
      await runPgRestore(file, pgTargetFromUrl(target.url), { clean: !!opts.clean });
      return { migrations: await appliedMigrationCount(handle.db) };
    } finally {
      await handle.close();
    }
  }
  if (kind === 'postgres')
    throw new BackupRefused(`${file} is a PostgreSQL dump (pg_dump), which the embedded database cannot read. Set DATABASE_URL to an empty PostgreSQL database to restore it there.`);
  if (opts.clean) throw new BackupRefused('--clean is for PostgreSQL only. For the embedded database, restore into an empty folder (PGLITE_DIR) or move the old folder aside first.');
  return restorePglite(file, target.dir);
}
