import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { DocumentList } from '@/components/documents/document-list';
import { buttonClass } from '@/components/ui/button';
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
  const params = readListParams(readSearchParams(await searchParams), ADJUSTMENT_SORTS, 'number', 'desc');
  const page = await listAdjustments(await getDb(), params);
  return (
    <DocumentList
      title="Stock Adjustments"
      crumbs={['Inventory']}
      base={BASE}
      actions={
        <Link href={`${BASE}/new`} className={buttonClass('primary')}>
          New adjustment
        </Link>
      }
      search={{ label: 'Search adjustments', placeholder: 'Number or reason' }}
      caption="Stock adjustments"
      columns={[
        { label: 'Date', cell: (r) => <span className="whitespace-nowrap">{formatUtcDateTime(r.createdAt)}</span> },
        { label: 'Reason', cell: (r) => r.reason },
      ]}
      empty={{
        title: 'No stock adjustments yet',
        body: (
          <>
            <Link href={`${BASE}/new`}>Post your first adjustment</Link> to add opening stock or write off damaged units.
          </>
        ),
      }}
      noMatch={{
        title: 'No adjustments match',
        body: (
          <>
            Try part of a number (ADJ-00012) or a word from the reason. <Link href={BASE}>Show all adjustments</Link>
          </>
        ),
      }}
      params={params}
      page={page}
    />
  );
}
