import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Pager, SearchBox, SortHeader, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDateTime } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { readListParams } from '@/lib/paging';
import { ADJUSTMENT_SORTS, listAdjustments } from '@/lib/stock/adjustments';

export const metadata: Metadata = { title: 'Stock Adjustments' };

const BASE = '/inventory/stock-adjustments';

export default async function StockAdjustmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.stockAdjustment);
  const sp = readSearchParams(await searchParams);
  const params = readListParams(sp, ADJUSTMENT_SORTS, 'number');
  // Newest first unless the user asked otherwise.
  if (!sp.dir) params.dir = 'desc';
  const page = await listAdjustments(await getDb(), params);
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  return (
    <>
      <PageHeader title="Stock Adjustments" crumbs={['Inventory']}>
        <Link href={`${BASE}/new`} className={buttonClass('primary')}>
          New adjustment
        </Link>
      </PageHeader>
      <div className="mb-4">
        <SearchBox base={BASE} q={params.q} label="Search adjustments" placeholder="Number or reason" />
      </div>
      {page.rows.length === 0 ? (
        params.q || params.after ? (
          <EmptyState title="No adjustments match">
            Try part of a number (ADJ-00012) or a word from the reason. <Link href={BASE}>Show all adjustments</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No stock adjustments yet">
            <Link href={`${BASE}/new`}>Post your first adjustment</Link> to add opening stock or write off damaged units.
          </EmptyState>
        )
      ) : (
        <>
          <Table
            caption="Stock adjustments"
            head={
              <>
                <SortHeader label="Number" sortKey="number" base={BASE} current={current} />
                <Th>Date</Th>
                <Th>Reason</Th>
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
                <Td>{formatUtcDateTime(r.createdAt)}</Td>
                <Td>{r.reason}</Td>
                <Td align="right">{r.lines}</Td>
                <Td>
                  <StatusBadge status={r.status} />
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
