/**
 * `npm run db:restore -- <file> [--clean]`: a file made by `db:backup` (or Settings → Backup) back
 * into a database. The file's first bytes say which kind it is; the target is chosen as by the app
 * (DATABASE_URL → PostgreSQL, else the embedded folder PGLITE_DIR or .data/pglite).
 * PostgreSQL: the database must be empty unless --clean (pg_restore --clean --if-exists drops what
 * the backup holds first); one transaction, so a failure changes nothing.
 * Embedded: the folder must be empty or missing and not open in a running server; there is no
 * --clean: move the old folder aside, so a restore never destroys data.
 */
import fs from 'node:fs';
import { BackupRefused, restoreBackup, type RestoreTarget } from '@/db/backup';
import { defaultPgliteDir, expectedMigrationCount } from '@/db/client';
import { runCli } from './lib/cli';

await runCli(async (args) => {
  const clean = args.includes('--clean');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--clean');
  const files = args.filter((a) => !a.startsWith('--'));
  if (unknown.length || files.length !== 1) throw new BackupRefused('Usage: npm run db:restore -- <backup file> [--clean]');
  const file = files[0];
  if (!fs.existsSync(file)) throw new BackupRefused(`There is no file ${file}.`);
  const url = process.env.DATABASE_URL;
  const target: RestoreTarget = url ? { kind: 'postgres', url } : { kind: 'pglite', dir: defaultPgliteDir() };
  const { migrations } = await restoreBackup(file, target, { clean });
  const expected = expectedMigrationCount();
  const into = target.kind === 'postgres' ? 'the PostgreSQL database at DATABASE_URL' : `the embedded database at ${target.dir}`;
  const behind = migrations < expected ? ` It has ${migrations} of this version's ${expected} migrations: npm start (or npm run db:migrate) applies the rest.` : '';
  return `Restored ${file} into ${into}.${behind}`;
});
