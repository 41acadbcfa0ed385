import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { connectionStatus } from '@/lib/fba/connection-status';
import { getConnection } from '@/lib/fba/connections';
import { describeMarketplace } from '@/lib/fba/marketplaces';
import { isUuid } from '@/lib/validation/id';
import { ConnectionTabs, DisconnectLink } from './connection-tabs';

export default async function FbaConnectionLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id } = await params;
  const conn = isUuid(id) ? await getConnection(await getDb(), id) : null;
  if (!conn) notFound();
  const base = `/integration/fba/${conn.id}`;
  return (
    <>
      <PageHeader title={conn.name} crumbs={['Integration', 'Fulfilment by Amazon']}>
        <StatusBadge status={conn.status} />
        {connectionStatus.canMove(conn.status, 'Disconnected') && <DisconnectLink href={`${base}/disconnect`} className={`${buttonClass('danger')} no-underline`} />}
      </PageHeader>
      <dl className="mb-4 flex flex-wrap gap-x-8 gap-y-1 text-slate-700">
        <div className="flex gap-1">
          <dt className="text-slate-500">Seller ID:</dt>
          <dd className="font-mono text-sm">{conn.sellerId}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-500">Marketplace:</dt>
          <dd>{describeMarketplace(conn.marketplaceId)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-500">Location:</dt>
          <dd>
            <Link href="/settings/reference-books/locations">{conn.locationName}</Link>
            {conn.status === 'Active' ? ' (used for external fulfilment)' : ' (now an ordinary location)'}
          </dd>
        </div>
      </dl>
      <ConnectionTabs
        base={base}
        tabs={[
          { segment: 'setup', label: 'Setup' },
          { segment: 'catalog', label: 'Catalog' },
          { segment: 'inbound', label: 'Inbound Shipments' },
        ]}
      />
      {children}
    </>
  );
}
