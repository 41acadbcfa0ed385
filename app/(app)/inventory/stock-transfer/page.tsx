import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { DocumentList } from '@/components/documents/document-list';
import { buttonClass } from '@/components/ui/button';
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
  const params = readListParams(readSearchParams(await searchParams), TRANSFER_SORTS, 'number', 'desc');
  const page = await listTransfers(await getDb(), params);
  return (
    <DocumentList
      title="Stock Transfer"
      crumbs={['Inventory']}
      base={BASE}
      actions={
        <Link href={`${BASE}/new`} className={buttonClass('primary')}>
          New transfer
        </Link>
      }
      search={{ label: 'Search transfers', placeholder: 'Number, e.g. TR-00012' }}
      caption="Stock transfers"
      columns={[
        { label: 'Date', cell: (r) => <span className="whitespace-nowrap">{formatUtcDate(r.createdAt)}</span> },
        { label: 'From', cell: (r) => r.from },
        { label: 'To', cell: (r) => r.to },
      ]}
      empty={{
        title: 'No stock transfers yet',
        body: (
          <>
            <Link href={`${BASE}/new`}>Create a transfer</Link> to move stock between locations or bins: it leaves when you ship it and arrives when you receive it.
          </>
        ),
      }}
      noMatch={{ title: 'No transfers match', body: <Link href={BASE}>Show all transfers</Link> }}
      params={params}
      page={page}
    />
  );
}
