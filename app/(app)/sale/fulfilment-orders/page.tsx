import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { FoFilterForm, FoStatusCounts } from '@/components/fulfilment/fo-list-filters';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Pager, SortHeader, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { countFulfilmentOrders, foFilterQuery, listFoConnections, listFulfilmentOrders, readFoListParams } from '@/lib/fulfilment/fo-list';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { FoTable } from './fo-table';

export const metadata: Metadata = { title: 'Fulfilment Orders' };

const BASE = '/sale/fulfilment-orders';

function query(params: Record<string, string | undefined>) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export default async function FulfilmentOrdersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePermission(PERMISSION.fba);
  const params = readFoListParams(readSearchParams(await searchParams));
  const db = await getDb();
  const [page, counts, connections] = await Promise.all([listFulfilmentOrders(db, params), countFulfilmentOrders(db, params), listFoConnections(db)]);
  const filters = { status: params.status, connectionId: params.connectionId, from: params.from, to: params.to, q: params.q };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const filtered = Boolean(params.status || params.connectionId || params.from || params.to || params.q || params.after);
  // Sorting and paging keep the filters; the search box's own `q` is passed by the table helpers.
  const keep = { ...foFilterQuery({ ...filters, q: undefined }) };
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  return (
    <>
      <PageHeader title="Fulfilment Orders" crumbs={['Sale']}>
        <a href={`${BASE}/export${query(foFilterQuery(filters))}`} className={buttonClass('secondary')} download>
          Download CSV
        </a>
      </PageHeader>
      <FoStatusCounts base={BASE} counts={counts} total={total} current={params.status} keep={foFilterQuery({ ...filters, status: undefined })} />
      {/* Keyed by the filters: a count link navigates on the client, and the fields must show the new filters. */}
      <FoFilterForm key={JSON.stringify(filters)} base={BASE} connections={connections} values={filters} />
      {page.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No fulfilment orders match">
            Change the filters or the search, or <Link href={BASE}>show all fulfilment orders</Link>.
          </EmptyState>
        ) : (
          <EmptyState title="No fulfilment orders yet">
            A fulfilment order is created when the Ship stage of a sale is authorised for lines picked from an FBA location; it then appears here.
            {connections.length === 0 && (
              <>
                {' '}
                First connect an account under <Link href="/integration/fba">Integration → Fulfilment by Amazon</Link>.
              </>
            )}
          </EmptyState>
        )
      ) : (
        <>
          <FoTable
            head={
              <>
                <SortHeader label="Number" sortKey="number" base={BASE} current={current} keep={keep} />
                <SortHeader label="Created (UTC)" sortKey="created" base={BASE} current={current} keep={keep} />
                <Th>Sale</Th>
                <Th>Customer</Th>
                <Th>Connection</Th>
                <Th>Items</Th>
                <Th>Tracking numbers</Th>
                <Th>Status</Th>
              </>
            }
            rows={page.rows.map((r) => ({
              id: r.id,
              number: r.number,
              createdAt: r.createdAt,
              saleNumber: r.saleNumber,
              customer: r.customer,
              connection: r.connection,
              items: r.items,
              tracking: r.tracking,
              status: r.status,
              amazonStatus: r.amazonStatus,
            }))}
          />
          <Pager base={BASE} current={current} next={page.next} keep={keep} />
        </>
      )}
    </>
  );
}
