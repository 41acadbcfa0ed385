import { getDb } from '@/db';
import { prepareBackupDownload } from '@/lib/backup/backup-download';
import { route } from '@/lib/http/route';

/** Settings → Backup → Download backup: the whole database, for administrators only. */
export const GET = route({ access: 'administrator' }, async ({ user }) => {
  const backup = await prepareBackupDownload(await getDb(), user);
  const headers: Record<string, string> = {
    'Content-Type': backup.contentType,
    'Content-Disposition': `attachment; filename="${backup.filename}"`,
    'Cache-Control': 'no-store',
  };
  if (backup.size !== null) headers['Content-Length'] = String(backup.size);
  return new Response(backup.body, { headers });
});
