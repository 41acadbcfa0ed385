import type { Readable } from 'node:stream';
import type { Db } from '@/db';
import { assertToolMatchesServer, BACKUP_CONTENT_TYPE, BACKUP_EXTENSION, driverOf, dumpPglite, finished, pgTargetOf, spawnPgDump, type BackupKind } from '@/db/backup';
import type { SessionUser } from '@/lib/auth/permissions';
import { reportUnexpected } from '@/lib/errors';
import { formatUtcDate } from '@/lib/format/date';
import { getCompanySettings } from '@/lib/reference/company';

/** The company name as a file-name part: ASCII letters and digits joined by dashes. */
export function fileNamePart(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'company';
}

export function backupFileName(companyName: string, kind: BackupKind, now: Date): string {
  return `backup-${fileNamePart(companyName)}-${formatUtcDate(now)}.${BACKUP_EXTENSION[kind]}`;
}

export type BackupDownload = { filename: string; contentType: string; size: number | null; body: ReadableStream<Uint8Array> };

/**
 * Settings → Backup → Download backup: the whole database as the file `npm run db:restore` reads.
 * The embedded database is dumped through the handle this process holds (it owns the folder); a
 * PostgreSQL server through pg_dump, whose output is streamed as it comes. There is no audit table
 * yet, so who downloaded which backup, when and how large it was goes to the server log.
 */
export async function prepareBackupDownload(db: Db, user: Pick<SessionUser, 'id' | 'email'>, now = new Date()): Promise<BackupDownload> {
  const kind = driverOf(db);
  const filename = backupFileName((await getCompanySettings(db)).companyName, kind, now);
  const log = (what: string) => console.info(`[backup] ${filename} ${what} for ${user.email} (user ${user.id}) at ${new Date().toISOString()}`);
  log('started');
  if (kind === 'pglite') {
    const dump = await dumpPglite(db);
    log(`dumped, ${dump.size} bytes`);
    return { filename, contentType: BACKUP_CONTENT_TYPE.pglite, size: dump.size, body: dump.stream() };
  }
  await assertToolMatchesServer(db, 'pg_dump');
  const child = spawnPgDump(pgTargetOf(db));
  const done = finished(child, 'pg_dump');
  // A browser that goes away stops pg_dump (cancel below); nobody awaits its exit then, and an
  // unawaited rejection would bring the whole server down.
  done.catch(() => {});
  const chunks = (child.stdout as Readable)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // pg_dump refusing at once (a lost connection, a missing right) fails the request with a
  // reference instead of starting an empty download.
  const first = await chunks.next();
  if (first.done) {
    await done;
    throw new Error('pg_dump wrote nothing');
  }
  let bytes = 0;
  let cancelled = false;
  return {
    filename,
    contentType: BACKUP_CONTENT_TYPE.postgres,
    size: null,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        bytes += first.value.length;
        controller.enqueue(new Uint8Array(first.value));
      },
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (cancelled) return; // a read under way when the browser went away
          if (!next.done) {
            bytes += next.value.length;
            controller.enqueue(new Uint8Array(next.value));
            return;
          }
          // A dump cut short must reach the browser as a failed download, not as a short file.
          await done;
          log(`downloaded, ${bytes} bytes`);
          controller.close();
        } catch (e) {
          if (cancelled) return;
          log(`failed after ${bytes} bytes, reference ${reportUnexpected(e, { where: `backup ${filename}`, userId: user.id })}`);
          controller.error(e);
        }
      },
      cancel() {
        cancelled = true;
        log(`cancelled after ${bytes} bytes`);
        child.kill();
      },
    }),
  };
}
