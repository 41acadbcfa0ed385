import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Pager, SortHeader, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { readSearchParams } from '@/lib/http/search-params';
import { readListParams } from '@/lib/paging';
import { listSales, readSaleFilters, SALE_FILTERS, SALE_SORTS } from '@/lib/sale/queries';
import { listLocationNames } from '@/lib/stock/places';
import { SalesTable } from './sales-table';

export const metadata: Metadata = { title: 'Sales' };

const BASE = '/sale/sales';
const LABEL = { order: 'Order', pick: 'Pick', pack: 'Pack', ship: 'Ship', invoice: 'Invoice' } as const;
const CHOICES = { order: ['Draft', 'Authorised', 'Voided'], pick: ['Not Started', 'Draft', 'Authorised'], pack: ['Not Started', 'Draft', 'Authorised'], ship: ['Not Started', 'Draft', 'Authorised'], invoice: ['Not Started', 'Draft', 'Authorised'] };

export default async function SalesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.sale);
  const sp = readSearchParams(await searchParams);
  const params = readListParams(sp, SALE_SORTS, 'number', 'desc');
  const filters = readSaleFilters(sp);
  const db = await getDb();
  const [page, locations] = await Promise.all([listSales(db, params, filters), listLocationNames(db)]);
  const base = `${BASE}?${new URLSearchParams(Object.entries(filters) as [string, string][]).toString()}`;
  const filtered = Boolean(params.q || params.after || Object.keys(filters).length);
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  return (
    <>
      <PageHeader title="Sales" crumbs={['Sale']}>
        <Link href="/sale/new" className={buttonClass('primary')}>
          New sale
        </Link>
      </PageHeader>
      <form action={BASE} method="get" role="search" className="mb-3 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-auto">
          <label htmlFor="sales-q" className="mb-1 block font-medium text-slate-700">
            Search sales
          </label>
          <input id="sales-q" name="q" defaultValue={params.q} placeholder="Sale number, customer or SKU" className="w-full sm:w-72 rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        {SALE_FILTERS.map((f) => (
          <div key={f}>
            <label htmlFor={`filter-${f}`} className="mb-1 block font-medium text-slate-700">
              {LABEL[f]}
            </label>
            <select id={`filter-${f}`} name={f} defaultValue={filters[f] ?? ''} className="rounded border border-slate-300 bg-white px-2 py-1.5">
              <option value="">Any</option>
              {CHOICES[f].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
        {filtered && <Link href={BASE}>Clear</Link>}
      </form>
      {page.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No sales match">
            <Link href={BASE}>Show all sales</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No sales yet">
            <Link href="/sale/new">Create a sale</Link>: choose the customer and the products, then authorise the order to allocate its stock.
          </EmptyState>
        )
      ) : (
        <>
          <SalesTable
            head={
              <>
                <SortHeader label="Number" sortKey="number" base={BASE} current={current} />
                <Th>Date</Th>
                <Th>Customer</Th>
                <Th align="right">Lines</Th>
                <Th align="right">Total</Th>
                {SALE_FILTERS.map((f) => (
                  <Th key={f}>{LABEL[f]}</Th>
                ))}
              </>
            }
            rows={page.rows}
          />
          <Pager base={base} current={current} next={page.next} />
        </>
      )}
      <section aria-labelledby="three-pl" className="mt-8 max-w-2xl rounded border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="three-pl" className="font-semibold text-slate-800">
          3PL Shipment List
        </h2>
        <p className="mb-3 text-slate-600">A CSV of the sales ready to ship (picked or packed, Ship not authorised) from one location, for a provider without an integration.</p>
        <form action="/api/sale/three-pl" method="get" className="flex flex-wrap items-end gap-3">
          <div className="w-full sm:w-auto">
            <label htmlFor="three-pl-location" className="mb-1 block font-medium text-slate-700">
              Location
            </label>
            <select id="three-pl-location" name="location" required className="w-full sm:w-64 rounded border border-slate-300 bg-white px-2 py-1.5">
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            Download
          </button>
        </form>
      </section>
    </>
  );
}
