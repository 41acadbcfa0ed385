import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Pager, SearchBox, SortHeader, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listProducts, PRODUCT_SORTS } from '@/lib/catalog/products';
import { readSearchParams } from '@/lib/http/search-params';
import { formatCost } from '@/lib/money';
import { readListParams } from '@/lib/paging';
import { ImportProductsForm } from './import-form';

export const metadata: Metadata = { title: 'Products' };

const BASE = '/inventory/products';

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.products);
  const params = readListParams(readSearchParams(await searchParams), PRODUCT_SORTS, 'sku');
  const page = await listProducts(await getDb(), params);
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  return (
    <>
      <PageHeader title="Products" crumbs={['Inventory']}>
        {/* A plain link: the browser downloads the streamed file itself. */}
        <a href="/api/products/export" download className={buttonClass('secondary')}>
          Export CSV
        </a>
        <Link href={`${BASE}/new`} className={buttonClass('primary')}>
          New product
        </Link>
      </PageHeader>
      <div className="mb-4">
        <SearchBox base={BASE} q={params.q} label="Search products" placeholder="SKU, name, barcode, FNSKU or ASIN" />
      </div>
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
          <Table
            caption="Products"
            head={
              <>
                <SortHeader label="SKU" sortKey="sku" base={BASE} current={current} />
                <SortHeader label="Name" sortKey="name" base={BASE} current={current} />
                <Th>Barcode</Th>
                <Th>FNSKU</Th>
                <Th>ASIN</Th>
                <Th align="right">Unit cost</Th>
                <Th>Default location</Th>
                <Th align="right">On hand</Th>
              </>
            }
          >
            {page.rows.map((p) => (
              <tr key={p.id}>
                <Td>
                  <Link href={`${BASE}/${p.id}`} className="font-medium">
                    {p.sku}
                  </Link>
                </Td>
                <Td>{p.name}</Td>
                <Td>
                  {p.barcode && (
                    <>
                      {p.barcode} <span className="text-xs text-slate-500">{p.barcodeType}</span>
                    </>
                  )}
                </Td>
                <Td>{p.fnsku}</Td>
                <Td>{p.asin}</Td>
                <Td align="right">{p.unitCost == null ? '' : formatCost(p.unitCost)}</Td>
                <Td>{p.defaultLocation}</Td>
                <Td align="right">{p.onHand}</Td>
              </tr>
            ))}
          </Table>
          <Pager base={BASE} current={current} next={page.next} />
        </>
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
