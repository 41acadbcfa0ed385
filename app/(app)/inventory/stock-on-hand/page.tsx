import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, PagerNav, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { readSearchParams } from '@/lib/http/search-params';
import { formatCost } from '@/lib/money';
import { decodeCursor } from '@/lib/paging';
import { listLocationNames } from '@/lib/stock/places';
import { listStockOnHand } from '@/lib/stock/stock-on-hand';
import { isUuid } from '@/lib/validation/id';

export const metadata: Metadata = { title: 'Stock on Hand' };

const BASE = '/inventory/stock-on-hand';

function href(params: Record<string, string | undefined>) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `${BASE}?${s}` : BASE;
}

export default async function StockOnHandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.products);
  const sp = readSearchParams(await searchParams);
  const q = sp.q?.trim() || undefined;
  const location = isUuid(sp.location) ? sp.location : undefined;
  const after = decodeCursor(sp.after);
  const db = await getDb();
  const [page, locations] = await Promise.all([listStockOnHand(db, { q, locationId: location, after }), listLocationNames(db)]);
  return (
    <>
      <PageHeader title="Stock on Hand" crumbs={['Inventory']} />
      <form action={BASE} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-auto">
          <label htmlFor="soh-location" className="mb-1 block font-medium text-slate-700">
            Location
          </label>
          <select id="soh-location" name="location" defaultValue={location ?? ''} className="w-full sm:w-56 rounded border border-slate-300 bg-white px-2.5 py-1.5">
            <option value="">All locations</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="w-full sm:w-auto">
          <label htmlFor="soh-search" className="mb-1 block font-medium text-slate-700">
            Search
          </label>
          <input id="soh-search" name="q" defaultValue={q} placeholder="SKU or name" className="w-full sm:w-72 rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Show
        </button>
      </form>
      {page.rows.length === 0 ? (
        q || location || after ? (
          <EmptyState title="No stock matches">
            Try another location or part of a SKU or name. <Link href={BASE}>Show all stock</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No stock on hand yet">
            <Link href="/inventory/stock-adjustments/new">Post a stock adjustment</Link> or run a <Link href="/inventory/stocktake">stocktake</Link> to record what you hold.
          </EmptyState>
        )
      ) : (
        <>
          <Table
            caption="Stock on hand by product and location"
            head={
              <>
                <Th>SKU</Th>
                <Th>Name</Th>
                <Th>Location</Th>
                <Th>Bin</Th>
                <Th align="right">On hand</Th>
                <Th align="right">Allocated</Th>
                <Th align="right">Available</Th>
                <Th align="right">Average cost</Th>
                <Th align="right">Value</Th>
              </>
            }
          >
            {page.rows.map((r) => (
              <tr key={r.id}>
                <Td className="font-medium">{r.sku}</Td>
                <Td>{r.name}</Td>
                <Td>{r.location}</Td>
                <Td>{r.bin ?? '—'}</Td>
                <Td align="right">{r.onHand}</Td>
                <Td align="right">{r.allocated}</Td>
                <Td align="right">{r.available}</Td>
                <Td align="right">{formatCost(r.averageCost)}</Td>
                <Td align="right">{formatCost(r.value)}</Td>
              </tr>
            ))}
          </Table>
          <PagerNav first={after ? href({ q, location }) : null} next={page.next ? href({ q, location, after: page.next }) : null} />
        </>
      )}
    </>
  );
}
