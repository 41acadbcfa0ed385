import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getAuthorisationAttempt } from '@/lib/fba/amazon-authorisation';
import { listAmazonStores } from '@/lib/fba/amazon-stores';
import { StoreAuthorisationRequest } from '@/lib/fba/authorisation-inputs';
import { ENDPOINT_OPTIONS } from '@/lib/fba/connection-inputs';
import { describeMarketplace } from '@/lib/fba/marketplaces';
import { connectWithAmazonEndpointHint } from '@/lib/fba/connection-client';
import { formatUtcDate } from '@/lib/format/date';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { isUuid } from '@/lib/validation/id';
import { AmazonStoreForm, ConnectStoreWithAmazonForm, type StoreFormDefaults } from './store-form';

export const metadata: Metadata = { title: 'Amazon' };

const endpointLabel = (e: string) => ENDPOINT_OPTIONS.find((o) => o.value === e)?.label ?? e;

export default async function AmazonStoresPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePermission(PERMISSION.fba);
  const sp = readSearchParams(await searchParams);
  const db = await getDb();
  // Back from Amazon's consent page: the attempt says how it ended (only to the user who started it).
  const attemptId = isUuid(sp.attempt) ? sp.attempt : undefined;
  const [stores, attempt] = await Promise.all([listAmazonStores(db), attemptId ? getAuthorisationAttempt(db, attemptId, user.id) : null]);
  const tried = attempt?.purpose === 'store' ? attempt : null;
  const asked = StoreAuthorisationRequest.safeParse(tried?.request).data;
  const defaults: StoreFormDefaults = tried?.status === 'Connected' || !asked ? {} : { ...asked, endpoint: tried?.endpoint };
  return (
    <>
      <PageHeader title="Amazon" crumbs={['Integration']} />
      {tried?.status === 'Connected' && (
        <p role="status" className="mb-4 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Amazon store {tried.storeName} connected (Amazon calls it “{tried.amazonStoreName}”).
        </p>
      )}
      <p className="mb-4 max-w-3xl text-slate-600">
        Connected Amazon stores. Open a store to choose where its orders are sold from and to download them as sales. A store can also be used for FBA under{' '}
        <Link href="/integration/fba/new?tab=existing">Integration → Fulfilment by Amazon → Use an existing Amazon connection</Link>. Connect with Amazon to sign in at
        Amazon and authorise the app there; Amazon then names the seller and hands over the token.
      </p>
      {stores.length === 0 ? (
        <EmptyState title="No Amazon store connected yet">Connect your first store below: with Amazon, or manually with its Seller ID and MWS Auth Token.</EmptyState>
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
              <Td className="font-medium">
                <Link href={`/integration/amazon/${s.id}/orders`}>{s.name}</Link>
              </Td>
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
              <Td className="whitespace-nowrap">{formatUtcDate(s.createdAt)}</Td>
            </tr>
          ))}
        </Table>
      )}
      <section aria-labelledby="connect-with-amazon" className="mt-6 rounded border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="connect-with-amazon" className="mb-1 text-base font-semibold text-slate-900">
          Connect with Amazon
        </h2>
        <p className="mb-3 max-w-3xl text-slate-600">You are sent to Amazon to sign in and authorise this app, then brought back here.</p>
        {tried && tried.status !== 'Connected' && (
          <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
            {tried.message}
          </p>
        )}
        <ConnectStoreWithAmazonForm defaults={defaults} endpointHint={connectWithAmazonEndpointHint()} />
      </section>
      <section aria-labelledby="connect-store" className="mt-6 rounded border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="connect-store" className="mb-1 text-base font-semibold text-slate-900">
          Connect manually
        </h2>
        <p className="mb-3 max-w-3xl text-slate-600">For an MWS Auth Token issued elsewhere: its Seller ID and the token are checked with Amazon before the store is saved.</p>
        <AmazonStoreForm />
      </section>
    </>
  );
}
