import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { DocumentList } from '@/components/documents/document-list';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDateTime } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { readListParams } from '@/lib/paging';
import { listStocktakeLocations, listStocktakes } from '@/lib/stocktake/queries';
import { isCounting } from '@/lib/stocktake/stocktake-status';
import { StartStocktakeForm } from './stocktake-forms';

export const metadata: Metadata = { title: 'Stocktake' };

const BASE = '/inventory/stocktake';

export default async function StocktakePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.stocktake);
  const params = readListParams(readSearchParams(await searchParams), ['number'] as const, 'number', 'desc');
  const db = await getDb();
  const [page, locations] = await Promise.all([listStocktakes(db, params), listStocktakeLocations(db)]);
  return (
    <DocumentList
      title="Stocktake"
      crumbs={['Inventory']}
      base={BASE}
      search={{ label: 'Search stocktakes', placeholder: 'Number or location' }}
      caption="Stocktakes"
      columns={[
        { label: 'Location', cell: (r) => r.location },
        { label: 'Started', cell: (r) => formatUtcDateTime(r.startedAt) },
        { label: 'Completed', cell: (r) => formatUtcDateTime(r.completedAt) },
      ]}
      statusNote={(r) => (
        <>
          {r.autoSync && <span className="ml-1 text-xs text-slate-500">Auto-Sync</span>}
          {isCounting(r.status) && r.needsAttention && (
            <p className="mt-1 text-xs font-medium text-amber-800">
              <span aria-hidden>⚠ </span>Needs attention: {r.needsAttention}
            </p>
          )}
        </>
      )}
      empty={{ title: 'No stocktakes yet', body: 'Select a location above and press Start: the expected quantities are taken from stock on hand.' }}
      noMatch={{ title: 'No stocktakes match', body: <Link href={BASE}>Show all stocktakes</Link> }}
      params={params}
      page={page}
    >
      <section aria-label="Start a stocktake" className="mb-5 rounded border border-slate-200 bg-white p-4 shadow-sm">
        {locations.length === 0 ? (
          <p>
            Stocktakes count a location: <Link href="/settings/reference-books/locations">create a location</Link> first.
          </p>
        ) : (
          <StartStocktakeForm locations={locations} />
        )}
      </section>
    </DocumentList>
  );
}
