import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Pager, SearchBox, SortHeader, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDateTime } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { readListParams } from '@/lib/paging';
import { listStocktakeLocations, listStocktakes } from '@/lib/stocktake/queries';
import { StartStocktakeForm } from './stocktake-forms';

export const metadata: Metadata = { title: 'Stocktake' };

const BASE = '/inventory/stocktake';

export default async function StocktakePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.stocktake);
  const sp = readSearchParams(await searchParams);
  const params = readListParams(sp, ['number'] as const, 'number');
  if (!sp.dir) params.dir = 'desc';
  const db = await getDb();
  const [page, locations] = await Promise.all([listStocktakes(db, params), listStocktakeLocations(db)]);
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  return (
    <>
      <PageHeader title="Stocktake" crumbs={['Inventory']} />
      <section aria-label="Start a stocktake" className="mb-5 rounded border border-slate-200 bg-white p-4 shadow-sm">
        {locations.length === 0 ? (
          <p>
            Stocktakes count a location: <Link href="/settings/reference-books/locations">create a location</Link> first.
          </p>
        ) : (
          <StartStocktakeForm locations={locations} />
        )}
      </section>
      <div className="mb-4">
        <SearchBox base={BASE} q={params.q} label="Search stocktakes" placeholder="Number or location" />
      </div>
      {page.rows.length === 0 ? (
        params.q || params.after ? (
          <EmptyState title="No stocktakes match">
            <Link href={BASE}>Show all stocktakes</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No stocktakes yet">Select a location above and press Start: the expected quantities are taken from stock on hand.</EmptyState>
        )
      ) : (
        <>
          <Table
            caption="Stocktakes"
            head={
              <>
                <SortHeader label="Number" sortKey="number" base={BASE} current={current} />
                <Th>Location</Th>
                <Th>Started</Th>
                <Th>Completed</Th>
                <Th align="right">Lines</Th>
                <Th>Status</Th>
              </>
            }
          >
            {page.rows.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link href={`${BASE}/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                    {r.number}
                  </Link>
                </Td>
                <Td>{r.location}</Td>
                <Td>{formatUtcDateTime(r.startedAt)}</Td>
                <Td>{formatUtcDateTime(r.completedAt)}</Td>
                <Td align="right">{r.lines}</Td>
                <Td>
                  <StatusBadge status={r.status} />
                  {r.autoSync && <span className="ml-1 text-xs text-slate-500">Auto-Sync</span>}
                  {r.status === 'In Progress' && r.needsAttention && (
                    <p className="mt-1 text-xs font-medium text-amber-800">
                      <span aria-hidden>⚠ </span>Needs attention: {r.needsAttention}
                    </p>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
          <Pager base={BASE} current={current} next={page.next} />
        </>
      )}
    </>
  );
}
