import { redirect } from 'next/navigation';

export default function AuditLogPage() {
  redirect('/settings/audit-log/changes');
}
