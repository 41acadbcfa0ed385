import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listConnections } from '@/lib/fba/connections';
import { describeMarketplace } from '@/lib/fba/marketplaces';
import { formatUtcDate } from '@/lib/format/date';

export const metadata: Metadata = { title: 'Fulfilment by Amazon' };

export default async function FbaConnectionsPage() {
  await requirePermission(PERMISSION.fba);
  const rows = await listConnections(await getDb());
  return (
    <>
      <PageHeader title="Fulfilment by Amazon" crumbs={['Integration']}>
        <Link href="/integration/fba/new" aria-label="Add FBA connection" title="Add FBA connection" className={`${buttonClass('primary')} text-lg leading-none no-underline`}>
          <span aria-hidden>+</span>
        </Link>
      </PageHeader>
      {rows.length === 0 ? (
        <EmptyState title="No FBA connection yet">
          Click <strong>+</strong> to connect your Fulfilment by Amazon account: with Amazon, from an existing Amazon store, or manually. A location for the stock at
          Amazon is created with it.
        </EmptyState>
      ) : (
        <Table
          caption="FBA connections"
          head={
            <>
              <Th>FBA account name</Th>
              <Th>Seller</Th>
              <Th>Marketplace</Th>
              <Th>Location</Th>
              <Th>Status</Th>
              <Th>Created</Th>
            </>
          }
        >
          {rows.map((c) => (
            <tr key={c.id} data-testid={`connection-${c.name}`}>
              <Td>
                <Link href={`/integration/fba/${c.id}/setup`} className="font-medium">
                  {c.name}
                </Link>
              </Td>
              <Td className="font-mono text-sm">{c.sellerId}</Td>
              <Td>{describeMarketplace(c.marketplaceId)}</Td>
              <Td>
                <Link href="/settings/reference-books/locations">{c.locationName}</Link>
              </Td>
              <Td>
                <StatusBadge status={c.status} />
              </Td>
              <Td className="whitespace-nowrap">{formatUtcDate(c.createdAt)}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
