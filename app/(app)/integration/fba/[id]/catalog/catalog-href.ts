import type { CatalogSort } from '@/lib/fba/listings';

/** The Catalog's URL state: the search, the filter and the order survive paging and the window. */
export type CatalogView = { q?: string; sort: CatalogSort; dir: 'asc' | 'desc'; after?: string; unmapped: boolean; listing?: string };

export function catalogHref(base: string, view: CatalogView, change: Partial<CatalogView> = {}) {
  const v = { ...view, ...change };
  const sp = new URLSearchParams();
  if (v.q) sp.set('q', v.q);
  if (v.unmapped) sp.set('unmapped', '1');
  if (v.sort !== 'sku' || v.dir !== 'asc') {
    sp.set('sort', v.sort);
    sp.set('dir', v.dir);
  }
  if (v.after) sp.set('after', v.after);
  if (v.listing) sp.set('listing', v.listing);
  const s = sp.toString();
  return s ? `${base}?${s}` : base;
}
