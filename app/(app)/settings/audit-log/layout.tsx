import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { RouteTabs } from '@/components/ui/route-tabs';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';

// Every page under it has a title, the redirect to the first tab included (axe: document-title).
export const metadata: Metadata = { title: 'Audit Log' };

/** Settings → Audit Log: every change people and the system made (Changes) and every call to Amazon. */
export default async function AuditLogLayout({ children }: { children: React.ReactNode }) {
  await requirePermission(PERMISSION.users);
  return (
    <>
      <PageHeader title="Audit Log" crumbs={['Settings']} />
      <RouteTabs
        label="Audit Log"
        base="/settings/audit-log"
        tabs={[
          { segment: 'changes', label: 'Changes' },
          { segment: 'amazon-calls', label: 'Amazon calls' },
        ]}
      />
      {children}
    </>
  );
}
