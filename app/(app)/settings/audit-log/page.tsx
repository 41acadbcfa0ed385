import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

export const metadata: Metadata = { title: 'Audit Log' };

/** Settings → Audit Log opens on its Changes tab. */
export default function AuditLogPage() {
  redirect('/settings/audit-log/changes');
}
