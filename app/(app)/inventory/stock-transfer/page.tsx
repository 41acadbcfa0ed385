import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Pager, SearchBox, SortHeader, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDate } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { readListParams } from '@/lib/paging';
import { listTransfers, TRANSFER_SORTS } from '@/lib/stock/transfers';

export const metadata: Metadata = { title: 'Stock Transfer' };

const BASE = '/inventory/stock-transfer';

export default async function StockTransfersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.stockTransfer);
  const sp = readSearchParams(await searchParams);
  const params = readListParams(sp, TRANSFER_SORTS, 'number');
  if (!sp.dir) params.dir = 'desc';
  const page = await listTransfers(await getDb(), params);
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  return (
    <>
      <PageHeader title="Stock Transfer" crumbs={['Inventory']}>
        <Link href={`${BASE}/new`} className={buttonClass('primary')}>
          New transfer
        </Link>
      </PageHeader>
      <div className="mb-4">
        <SearchBox base={BASE} q={params.q} label="Search transfers" placeholder="Number, e.g. TR-00012" />
      </div>
      {page.rows.length === 0 ? (
        params.q || params.after ? (
          <EmptyState title="No transfers match">
            <Link href={BASE}>Show all transfers</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No stock transfers yet">
            <Link href={`${BASE}/new`}>Create a transfer</Link> to move stock between locations or bins: it leaves when you ship it and arrives when you receive it.
          </EmptyState>
        )
      ) : (
        <>
          <Table
            caption="Stock transfers"
            head={
              <>
                <SortHeader label="Number" sortKey="number" base={BASE} current={current} />
                <Th>Date</Th>
                <Th>From</Th>
                <Th>To</Th>
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
                <Td>{formatUtcDate(r.createdAt)}</Td>
                <Td>{r.from}</Td>
                <Td>{r.to}</Td>
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
