import type { Metadata } from 'next';
import { DownloadBackup } from '@/components/backup/download-backup';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { requireAdministrator } from '@/lib/auth/session';
import { backupKindOfServer } from '@/lib/backup/backup-kind';

export const metadata: Metadata = { title: 'Backup' };

export default async function BackupPage() {
  await requireAdministrator();
  const kind = backupKindOfServer(await getDb());
  return (
    <>
      <PageHeader title="Backup" crumbs={['Settings']} />
      <section aria-labelledby="download-title" className="max-w-2xl space-y-3 rounded border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="download-title" className="font-semibold">
          Download backup
        </h2>
        <p className="text-slate-700">
          The whole database in one file:{' '}
          {kind === 'pglite' ? (
            <>
              this server uses the <strong>embedded database</strong>, so the file is its data folder (<code>.pglite.tar.gz</code>).
            </>
          ) : (
            <>
              this server uses <strong>PostgreSQL</strong>, so the file is a <code>pg_dump</code> archive (<code>.pgdump</code>).
            </>
          )}{' '}
          It holds users (passwords hashed), stock, sales and settings; Amazon tokens inside stay encrypted with this server’s <code>APP_ENCRYPTION_KEY</code>, so keep the key with the file, and the file somewhere safe.
        </p>
        <DownloadBackup />
        <p className="text-sm text-slate-600">
          To restore, stop the server and run <code className="break-all">npm run db:restore -- &lt;file&gt;</code> into an empty {kind === 'pglite' ? 'folder' : 'database'} (see “Backups” in the README).
        </p>
      </section>
    </>
  );
}
