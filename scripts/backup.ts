/**
 * `npm run db:backup -- [file]`: the whole database into one file that `npm run db:restore` reads.
 * PostgreSQL (DATABASE_URL): pg_dump in custom format, of the server's major version.
 * Embedded (PGLITE_DIR or .data/pglite): PGlite's own dump of its data folder, which needs the
 * folder to itself, so stop the server first (or download the backup in Settings → Backup).
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { defaultPgliteDir, openPglite, openPostgres } from '@/db/client';
import { assertToolMatchesServer, BackupRefused, dumpPglite, finished, pgTargetFromUrl, spawnPgDump } from '@/db/backup';
import { backupFileName } from '@/lib/backup/backup-download';
import { getCompanySettings } from '@/lib/reference/company';
import { runCli } from './lib/cli';

/** Never overwrite an earlier backup. */
function newFile(file: string) {
  if (fs.existsSync(file)) throw new BackupRefused(`${file} already exists; name another file (npm run db:backup -- <file>) or move it away.`);
  return file;
}

await runCli(async (args) => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const handle = await openPostgres(url, 1);
    let file: string;
    try {
      await assertToolMatchesServer(handle.db, 'pg_dump');
      file = newFile(args[0] ?? backupFileName((await getCompanySettings(handle.db)).companyName, 'postgres', new Date()));
    } finally {
      await handle.close();
    }
    const out = fs.createWriteStream(file, { flags: 'wx' });
    const child = spawnPgDump(pgTargetFromUrl(url));
    try {
      await Promise.all([finished(child, 'pg_dump'), pipeline(child.stdout, out)]);
    } catch (e) {
      fs.rmSync(file, { force: true });
      throw e;
    }
    return `Backed up the PostgreSQL database to ${file} (${fs.statSync(file).size} bytes, pg_dump custom format).`;
  }
  const dir = defaultPgliteDir();
  if (!fs.existsSync(dir)) throw new BackupRefused(`There is no embedded database at ${dir}. Set PGLITE_DIR to its folder, or DATABASE_URL for PostgreSQL.`);
  let handle;
  try {
    handle = await openPglite({ dataDir: dir });
  } catch (e) {
    if (/already open/.test((e as Error).message))
      throw new BackupRefused(`${(e as Error).message} While the server runs, an administrator can download the backup in Settings → Backup instead.`);
    throw e;
  }
  try {
    const file = newFile(args[0] ?? backupFileName((await getCompanySettings(handle.db)).companyName, 'pglite', new Date()));
    const dump = await dumpPglite(handle.db);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { flag: 'wx' });
    return `Backed up the embedded database at ${dir} to ${file} (${dump.size} bytes).`;
  } finally {
    await handle.close();
  }
});
