import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, PageHeader, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { requirePermission } from '@/lib/auth/session';
import { listAmazonStores } from '@/lib/fba/amazon-stores';
import { ENDPOINT_OPTIONS, FBA_PERMISSION } from '@/lib/fba/connection-inputs';
import { describeMarketplace } from '@/lib/fba/marketplaces';
import { AmazonStoreForm } from './store-form';

export const metadata: Metadata = { title: 'Amazon' };

const endpointLabel = (e: string) => ENDPOINT_OPTIONS.find((o) => o.value === e)?.label ?? e;

export default async function AmazonStoresPage() {
  await requirePermission(FBA_PERMISSION);
  const stores = await listAmazonStores(await getDb());
  return (
    <>
      <PageHeader title="Amazon" crumbs={['Integration']} />
      <p className="mb-4 max-w-3xl text-slate-600">
        Connected Amazon stores. A store can then be used for FBA under{' '}
        <Link href="/integration/fba/new">Integration → Fulfilment by Amazon → Use an existing Amazon connection</Link>. The credentials are checked with Amazon before a
        store is saved.
      </p>
      {stores.length === 0 ? (
        <EmptyState title="No Amazon store connected yet">Connect your first store below with its Seller ID, marketplaces and MWS Auth Token.</EmptyState>
      ) : (
        <Table
          caption="Amazon stores"
          head={
            <>
              <Th>Store</Th>
              <Th>Seller ID</Th>
              <Th>Marketplaces</Th>
              <Th>Store name at Amazon</Th>
              <Th>Endpoint</Th>
              <Th>Connected</Th>
            </>
          }
        >
          {stores.map((s) => (
            <tr key={s.id} data-testid={`store-${s.name}`}>
              <Td className="font-medium">{s.name}</Td>
              <Td className="font-mono text-sm">{s.sellerId}</Td>
              <Td>
                <ul>
                  {s.marketplaceIds.map((id) => (
                    <li key={id}>{describeMarketplace(id)}</li>
                  ))}
                </ul>
              </Td>
              <Td>{s.amazonStoreName ?? '—'}</Td>
              <Td>{endpointLabel(s.endpoint)}</Td>
              <Td>{s.createdAt.toISOString().slice(0, 10)}</Td>
            </tr>
          ))}
        </Table>
      )}
      <section aria-labelledby="connect-store" className="mt-6 rounded border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="connect-store" className="mb-3 text-base font-semibold text-slate-900">
          Connect an Amazon store
        </h2>
        <AmazonStoreForm />
      </section>
    </>
  );
}
