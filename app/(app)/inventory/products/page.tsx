import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { LabelDocuments } from '@/components/labels/label-documents';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Pager, SearchBox, SortHeader, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listProducts, PRODUCT_SORTS } from '@/lib/catalog/products';
import { hrefWith, readSearchParams } from '@/lib/http/search-params';
import { listLabelDocuments } from '@/lib/labels/documents';
import { FNSKU_FORMAT_LABELS } from '@/lib/labels/sheets';
import { MAX_LABEL_PRODUCTS } from '@/lib/labels/stock-labels';
import { readListParams } from '@/lib/paging';
import { ImportProductsForm } from './import-form';
import { ProductLabelsPanel } from './product-labels-panel';
import { ProductsTable } from './products-table';

export const metadata: Metadata = { title: 'Products' };

const BASE = '/inventory/products';

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.products);
  const sp = readSearchParams(await searchParams);
  const params = readListParams(sp, PRODUCT_SORTS, 'sku');
  // ?labels=1: Print labels mode (tick boxes and counts on the list, the print form, the PDFs).
  const labels = sp.labels === '1';
  const db = await getDb();
  const [page, labelDocs] = await Promise.all([listProducts(db, params), labels ? listLabelDocuments(db, { kind: 'product' }, 5) : Promise.resolve([])]);
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  const keep = labels ? { labels: '1' } : undefined;
  return (
    <>
      <PageHeader title="Products" crumbs={['Inventory']}>
        {/* A plain link: the browser downloads the streamed file itself. */}
        <a href="/api/products/export" download className={buttonClass('secondary')}>
          Export CSV
        </a>
        {labels ? (
          <Link href={hrefWith(BASE, { q: params.q })} className={buttonClass('secondary')}>
            Done printing
          </Link>
        ) : (
          <Link href={hrefWith(BASE, { q: params.q, labels: '1' })} className={buttonClass('secondary')}>
            Print labels
          </Link>
        )}
        <Link href={`${BASE}/new`} className={buttonClass('primary')}>
          New product
        </Link>
      </PageHeader>
      <div className="mb-4">
        <SearchBox base={BASE} q={params.q} label="Search products" placeholder="SKU, name, barcode, FNSKU or ASIN" />
      </div>
      {labels && (
        <section aria-labelledby="print-labels-heading" className="mb-5 rounded border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="print-labels-heading" className="mb-1 font-semibold text-slate-800">
            Print labels
          </h2>
          <p className="mb-3 text-sm text-slate-600">Each label carries the product&apos;s manufacturer barcode (UPC-A, EAN-13, ISBN, …) or, without one, its SKU as a Code 128 barcode, with the SKU and name, for scanning in the warehouse.</p>
          <ProductLabelsPanel q={params.q} rows={page.rows.map((p) => ({ id: p.id, sku: p.sku }))} formats={Object.entries(FNSKU_FORMAT_LABELS).map(([value, label]) => ({ value, label }))} maxProducts={MAX_LABEL_PRODUCTS} />
        </section>
      )}
      {page.rows.length === 0 ? (
        params.q || params.after ? (
          <EmptyState title="No products match">
            Try the start of a SKU, barcode, FNSKU or ASIN, or a word from the name. <Link href={BASE}>Show all products</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No products yet">
            <Link href={`${BASE}/new`}>Create your first product</Link> or import a CSV file below.
          </EmptyState>
        )
      ) : (
        <>
          <ProductsTable
            head={
              <>
                {labels && (
                  <Th>
                    <span className="sr-only">Print labels</span>
                  </Th>
                )}
                <SortHeader label="SKU" sortKey="sku" base={BASE} current={current} keep={keep} />
                <SortHeader label="Name" sortKey="name" base={BASE} current={current} keep={keep} />
                <Th>Barcode</Th>
                <Th>FNSKU</Th>
                <Th>ASIN</Th>
                <Th align="right">Unit cost</Th>
                <Th>Default location</Th>
                <Th align="right">On hand</Th>
                {labels && <Th align="right">Labels</Th>}
              </>
            }
            rows={page.rows}
            labels={labels}
          />
          <Pager base={BASE} current={current} next={page.next} keep={keep} />
        </>
      )}
      {labels && (
        <section aria-labelledby="product-labels-heading" className="mt-6">
          <h2 id="product-labels-heading" className="mb-2 font-semibold text-slate-800">
            Product labels
          </h2>
          <LabelDocuments documents={labelDocs} caption="Recent product labels" empty="Tick products (or choose all matching the search), press Print labels, and the PDF appears here to download." />
        </section>
      )}
      <section aria-labelledby="import-heading" className="mt-6 rounded border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="import-heading" className="mb-3 font-semibold text-slate-800">
          Import products from CSV
        </h2>
        <ImportProductsForm />
      </section>
    </>
  );
}
