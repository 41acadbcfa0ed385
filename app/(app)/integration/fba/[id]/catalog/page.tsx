import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { LabelDocuments } from '@/components/labels/label-documents';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getLatestSyncRun } from '@/lib/fba/inventory-sync';
import { CATALOG_SORTS, getCatalogConnection, getListing, listCatalog } from '@/lib/fba/listings';
import { formatUtcDateTime } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { listLabelDocuments } from '@/lib/labels/documents';
import { listPrintableListings } from '@/lib/labels/product-labels';
import { FNSKU_FORMAT_LABELS } from '@/lib/labels/sheets';
import { readListParams } from '@/lib/paging';
import { isUuid } from '@/lib/validation/id';
import { catalogHref, type CatalogView } from './catalog-href';
import { CatalogPager, CatalogTable } from './catalog-table';
import { ProductInfoDialog } from './product-info-dialog';
import { ProductLabelsDialog } from './product-labels-dialog';
import { SyncPanel } from './sync-panel';

export const metadata: Metadata = { title: 'FBA Catalog' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CatalogPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requirePermission(PERMISSION.fba);
  const [{ id }, raw] = await Promise.all([params, searchParams]);
  if (!isUuid(id)) notFound();
  const sp = readSearchParams(raw);
  const list = readListParams(sp, CATALOG_SORTS, 'sku');
  const unmapped = sp.unmapped === '1';
  const listingId = isUuid(sp.listing) ? sp.listing : undefined;
  const printing = sp.labels === '1';
  const view: CatalogView = { q: list.q, sort: list.sort, dir: list.dir, after: sp.after, unmapped, listing: listingId };
  const base = `/integration/fba/${id}/catalog`;

  const db = await getDb();
  const [conn, page, run, listing, labelDocs, printable] = await Promise.all([
    getCatalogConnection(db, id),
    listCatalog(db, id, { ...list, unmappedOnly: unmapped }),
    getLatestSyncRun(db, id),
    listingId ? getListing(db, id, listingId) : null,
    listLabelDocuments(db, { connectionId: id, kind: 'fnsku' }, 5),
    printing ? listPrintableListings(db, id) : null,
  ]);
  if (!conn) notFound();
  const filtered = !!(list.q || unmapped || list.after);
  const here = catalogHref(base, { ...view, listing: undefined });

  return (
    <>
      <h2 className="sr-only">Catalog</h2>
      <SyncPanel
        connectionId={id}
        disabled={conn.status !== 'Active'}
        lastSyncedText={formatUtcDateTime(conn.lastInventorySyncAt, 'Never')}
        initial={run}
      />
      <form action={base} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-auto">
          <label htmlFor="catalog-search" className="mb-1 block font-medium text-slate-700">
            Search listings
          </label>
          <input id="catalog-search" name="q" defaultValue={list.q} placeholder="SKU, FNSKU, ASIN or name" className="w-full sm:w-72 rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        <div className="flex items-center gap-2 pb-2">
          <input id="catalog-unmapped" type="checkbox" name="unmapped" value="1" defaultChecked={unmapped} className="h-4 w-4 rounded border-slate-300" />
          <label htmlFor="catalog-unmapped">Unmapped only</label>
        </div>
        {(list.sort !== 'sku' || list.dir !== 'asc') && (
          <>
            <input type="hidden" name="sort" value={list.sort} />
            <input type="hidden" name="dir" value={list.dir} />
          </>
        )}
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Search
        </button>
        {filtered && (
          <Link href={catalogHref(base, { sort: list.sort, dir: list.dir, unmapped: false })} className="pb-2">
            Show all listings
          </Link>
        )}
      </form>

      {page.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No listings match">
            Try part of a SKU, FNSKU, ASIN or name, or untick Unmapped only. <Link href={base}>Show all listings</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No listings yet: press Force Sync to download your FBA inventory">
            The Catalog lists every SKU Amazon holds for this account, with its quantities and the product it is mapped to.
          </EmptyState>
        )
      ) : (
        <>
          <CatalogTable rows={page.rows} base={base} view={{ ...view, listing: undefined }} />
          <CatalogPager base={base} view={{ ...view, listing: undefined }} next={page.next} />
        </>
      )}

      <section aria-labelledby="product-labels-heading" className="mt-6">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h3 id="product-labels-heading" className="font-semibold text-slate-800">
              Product labels
            </h3>
            <p className="text-sm text-slate-600">FNSKU labels for any mapped listing, on 30-up Letter or 24-up A4 sheets or a thermal printer.</p>
          </div>
          <Link href={`${here}${here.includes('?') ? '&' : '?'}labels=1`} scroll={false} className={buttonClass('secondary')}>
            Print product labels
          </Link>
        </div>
        <LabelDocuments documents={labelDocs} caption="Recent product labels" empty="Press Print product labels, choose listings and how many labels each, and the PDF appears here to download." />
      </section>

      {printable && (
        <ProductLabelsDialog
          connectionId={id}
          listings={printable}
          formats={Object.entries(FNSKU_FORMAT_LABELS).map(([value, label]) => ({ value, label }))}
          closeHref={here}
        />
      )}

      {listing && (
        <ProductInfoDialog
          key={listing.id}
          listing={listing}
          connectionId={id}
          closeHref={catalogHref(base, { ...view, listing: undefined })}
          lastSyncedText={formatUtcDateTime(listing.lastSyncedAt, 'Never')}
        />
      )}
    </>
  );
}
