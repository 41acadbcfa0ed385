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
import { appliedMigrationCount, defaultPgliteDir, expectedMigrationCount, openPostgres } from '@/db/client';
import { assertToolMatchesServer, BackupRefused, pgTargetFromUrl, readBackupKind, restorePglite, runPgRestore, userRelationCount } from '@/db/backup';
import { runCli } from './lib/cli';

await runCli(async (args) => {
  const clean = args.includes('--clean');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--clean');
  const files = args.filter((a) => !a.startsWith('--'));
  if (unknown.length || files.length !== 1) throw new BackupRefused('Usage: npm run db:restore -- <backup file> [--clean]');
  const file = files[0];
  if (!fs.existsSync(file)) throw new BackupRefused(`There is no file ${file}.`);
  const kind = readBackupKind(file);
  if (!kind) throw new BackupRefused(`${file} is not a backup made by db:backup: it is neither a PostgreSQL custom-format dump nor an embedded database archive.`);
  const url = process.env.DATABASE_URL;
  const expected = expectedMigrationCount();
  const note = (applied: number) =>
    applied < expected ? ` It has ${applied} of this version's ${expected} migrations: npm start (or npm run db:migrate) applies the rest.` : '';

  if (url) {
    if (kind === 'pglite')
      throw new BackupRefused(
        `${file} is a backup of the embedded database (PGlite), but DATABASE_URL points at PostgreSQL. Unset DATABASE_URL to restore it into an embedded database folder (PGLITE_DIR).`,
      );
    const handle = await openPostgres(url, 1);
    try {
      await assertToolMatchesServer(handle.db, 'pg_restore');
      const relations = await userRelationCount(handle.db);
      if (relations > 0 && !clean)
        throw new BackupRefused(
          `The database at DATABASE_URL is not empty (${relations} tables, views or sequences). Restore into a new, empty database (createdb), or add --clean to drop what the backup holds and replace it.`,
        );
    } finally {
      await handle.close();
    }
    await runPgRestore(file, pgTargetFromUrl(url), { clean });
    const check = await openPostgres(url, 1);
    try {
      const applied = await appliedMigrationCount(check.db);
      return `Restored ${file} into the PostgreSQL database.${note(applied)}`;
    } finally {
      await check.close();
    }
  }
  if (kind === 'postgres')
    throw new BackupRefused(
      `${file} is a PostgreSQL dump (pg_dump), which the embedded database cannot read. Set DATABASE_URL to an empty PostgreSQL database to restore it there.`,
    );
  if (clean) throw new BackupRefused('--clean is for PostgreSQL only. For the embedded database, restore into an empty folder (PGLITE_DIR) or move the old folder aside first.');
  const dir = defaultPgliteDir();
  const { migrations } = await restorePglite(file, dir);
  return `Restored ${file} into the embedded database at ${dir}.${note(migrations)}`;
});
