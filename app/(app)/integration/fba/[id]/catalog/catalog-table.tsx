'use client';

import Link from '@/components/ui/link';
import { PagerNav, Table, Td, Th } from '@/components/ui/table';
import type { CatalogRow, CatalogSort } from '@/lib/fba/listings';
import { formatShortUtc, formatUtcDateTime } from '@/lib/format/date';
import { catalogHref, type CatalogView } from './catalog-href';

function SortTh({ label, sortKey, base, view, align }: { label: string; sortKey: CatalogSort; base: string; view: CatalogView; align?: 'right' }) {
  const active = view.sort === sortKey;
  const dir = active && view.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined} className={`px-3 py-2 font-semibold ${align === 'right' ? 'text-right' : 'text-left'}`}>
      <Link href={catalogHref(base, view, { sort: sortKey, dir, after: undefined, listing: undefined })} className="whitespace-nowrap text-slate-700 hover:text-indigo-700">
        {label}
        <span aria-hidden className="ml-1 text-slate-400">{active ? (view.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </Link>
    </th>
  );
}

export function MappedBadge({ mapped }: { mapped: boolean }) {
  return mapped ? null : <span className="inline-block rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">Unmapped</span>;
}

/**
 * A client component so the page's React payload carries each listing's values once rather than the
 * table's markup a second time beside its HTML: the same HTML, 143 -> 87 KB a page and about 15% less
 * server CPU per request (bench/render-ab.ts). The URL rules are `catalog-href.ts`, shared with the page.
 */
export function CatalogTable({ rows, base, view }: { rows: CatalogRow[]; base: string; view: CatalogView }) {
  // Ten columns: smaller type and padding keep them on a laptop screen without a horizontal scroll.
  return (
    <div className="text-sm [&_td]:px-2 [&_th]:px-2">
      <Table
        caption="FBA listings"
        head={
          <>
            <SortTh label="SKU" sortKey="sku" base={base} view={view} />
            <Th>FNSKU / ASIN</Th>
            <SortTh label="Name" sortKey="name" base={base} view={view} />
            <Th>Mapped product</Th>
            <SortTh label="Fulfillable" sortKey="fulfillable" base={base} view={view} align="right" />
            <SortTh label="Inbound" sortKey="inbound" base={base} view={view} align="right" />
            <SortTh label="Reserved" sortKey="reserved" base={base} view={view} align="right" />
            <SortTh label="Unsellable" sortKey="unsellable" base={base} view={view} align="right" />
            <Th>Last synced (UTC)</Th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.id} data-testid={`listing-${r.sellerSku}`} className={r.productId ? '' : 'bg-amber-50/40'}>
            <Td>
              {/* The Product Info window is part of the URL, so it survives a reload and Back closes it. */}
              <Link
                href={catalogHref(base, view, { listing: r.id })}
                scroll={false}
                data-listing-link={r.id}
                aria-label={`Product info for ${r.sellerSku}`}
                className="font-medium whitespace-nowrap"
              >
                {r.sellerSku}
              </Link>
            </Td>
            <Td className="font-mono text-xs leading-5">
              {r.fnsku ?? '—'}
              <br />
              {r.asin ?? '—'}
            </Td>
            <Td className="min-w-[10rem]">{r.productName}</Td>
            <Td>
              {r.productId ? (
                <Link href={`/inventory/products/${r.productId}`} className="whitespace-nowrap">
                  {r.productSku}
                </Link>
              ) : (
                <MappedBadge mapped={false} />
              )}
            </Td>
            <Td align="right">{r.fulfillable}</Td>
            <Td align="right">{r.inbound}</Td>
            <Td align="right">{r.reserved}</Td>
            <Td align="right">{r.unsellable}</Td>
            <Td className="whitespace-nowrap text-slate-600">
              {r.lastSyncedAt ? (
                <time dateTime={r.lastSyncedAt.toISOString()} title={formatUtcDateTime(r.lastSyncedAt)}>
                  {formatShortUtc(r.lastSyncedAt)}
                </time>
              ) : (
                'Never'
              )}
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

export function CatalogPager({ base, view, next }: { base: string; view: CatalogView; next: string | null }) {
  return (
    <PagerNav first={view.after ? catalogHref(base, view, { after: undefined, listing: undefined }) : null} next={next ? catalogHref(base, view, { after: next, listing: undefined }) : null} />
  );
}
