import type { Db } from '@/db';
import { driverOf, type BackupKind } from '@/db/backup';

/** Which kind of backup this server makes (the page says so before the download). */
export function backupKindOfServer(db: Db): BackupKind {
  return driverOf(db);
}
