import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fbaListings, products } from '@/db/schema';
import { likeEscape } from '@/lib/catalog/products';
import { DomainError } from '@/lib/errors';
import { PAGE_SIZE, toPage, type ListParams, type Page } from '@/lib/paging';
import { fitsSortValue } from '@/lib/paging-sql';
import { isGuid } from '@/lib/validation/id';
import type { MapListingInput } from './listing-inputs';

export const CATALOG_SORTS = ['sku', 'name', 'fulfillable', 'inbound', 'reserved', 'unsellable'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

const l = fbaListings;
const inbound = sql<number>`(${l.inboundWorking} + ${l.inboundShipped} + ${l.inboundReceiving})`;

/** Sort keys must be NOT NULL for keyset paging; a listing without a name sorts as ''. */
const SORT_EXPR: Record<CatalogSort, { expr: SQL; type: 'text' | 'int' }> = {
  sku: { expr: sql`${l.sellerSku}`, type: 'text' },
  name: { expr: sql`coalesce(${l.productName}, '')`, type: 'text' },
  fulfillable: { expr: sql`${l.fulfillable}`, type: 'int' },
  inbound: { expr: inbound, type: 'int' },
  reserved: { expr: sql`${l.reserved}`, type: 'int' },
  unsellable: { expr: sql`${l.unsellable}`, type: 'int' },
};

export type CatalogRow = {
  id: string;
  sellerSku: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  productId: string | null;
  productSku: string | null;
  mappedBy: 'sku' | 'barcode' | 'manual' | null;
  fulfillable: number;
  inbound: number;
  reserved: number;
  unsellable: number;
  lastSyncedAt: Date | null;
};

export type CatalogParams = ListParams<CatalogSort> & { unmappedOnly?: boolean };

/** One page of a connection's listings with their mapped product: one query. */
export async function listCatalog(db: Db | Tx, connectionId: string, params: CatalogParams): Promise<Page<CatalogRow>> {
  const limit = params.limit ?? PAGE_SIZE;
  const { expr, type } = SORT_EXPR[params.sort];
  const dir = params.dir === 'desc' ? sql.raw('DESC') : sql.raw('ASC');
  // A cursor from another sort (an edited URL) would not cast: start from the first page instead.
  const a = params.after;
  const cursor = a && fitsSortValue(type, a.v) && isGuid(a.id) ? a : null;
  const after = cursor
    ? params.dir === 'desc'
      ? sql`(${expr}, ${l.id}) < (${cursor.v}::${sql.raw(type)}, ${cursor.id}::uuid)`
      : sql`(${expr}, ${l.id}) > (${cursor.v}::${sql.raw(type)}, ${cursor.id}::uuid)`
    : undefined;
  const q = params.q ? `%${likeEscape(params.q)}%` : null;
  const search = q ? or(sql`${l.sellerSku} ILIKE ${q}`, sql`${l.fnsku} ILIKE ${q}`, sql`${l.asin} ILIKE ${q}`, sql`${l.productName} ILIKE ${q}`) : undefined;
  const rows = await db
    .select({
      id: l.id,
      sellerSku: l.sellerSku,
      fnsku: l.fnsku,
      asin: l.asin,
      productName: l.productName,
      productId: l.productId,
      productSku: products.sku,
      mappedBy: l.mappedBy,
      fulfillable: l.fulfillable,
      inbound: sql<number>`${inbound}::int`,
      reserved: l.reserved,
      unsellable: l.unsellable,
      lastSyncedAt: l.lastSyncedAt,
      sortValue: sql<string | number>`${expr}`,
    })
    .from(l)
    .leftJoin(products, eq(products.id, l.productId))
    .where(and(eq(l.connectionId, connectionId), params.unmappedOnly ? isNull(l.productId) : undefined, search, after))
    .orderBy(sql`${expr} ${dir}`, sql`${l.id} ${dir}`)
    .limit(limit + 1);
  const page = toPage(
    rows.map((r) => ({ ...r, inbound: Number(r.inbound), sortValue: type === 'int' ? Number(r.sortValue) : r.sortValue })),
    limit,
    (r) => r.sortValue,
  );
  return { rows: page.rows.map(({ sortValue: _sortValue, ...r }) => r), next: page.next };
}

export type ListingDetail = Omit<CatalogRow, 'inbound'> & {
  condition: string | null;
  productTitle: string | null;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  total: number;
};

/** The Product Info window: one listing of this connection, or null. */
export async function getListing(db: Db | Tx, connectionId: string, listingId: string): Promise<ListingDetail | null> {
  const [row] = await db
    .select({
      id: l.id,
      sellerSku: l.sellerSku,
      fnsku: l.fnsku,
      asin: l.asin,
      productName: l.productName,
      condition: l.condition,
      productId: l.productId,
      productSku: products.sku,
      productTitle: products.name,
      mappedBy: l.mappedBy,
      fulfillable: l.fulfillable,
      inboundWorking: l.inboundWorking,
      inboundShipped: l.inboundShipped,
      inboundReceiving: l.inboundReceiving,
      reserved: l.reserved,
      unsellable: l.unsellable,
      total: l.total,
      lastSyncedAt: l.lastSyncedAt,
    })
    .from(l)
    .leftJoin(products, eq(products.id, l.productId))
    .where(and(eq(l.id, listingId), eq(l.connectionId, connectionId)));
  return row ?? null;
}

/**
 * Maps a listing to the product with this SKU, or clears the mapping. Either way it is marked
 * 'manual', so syncs never change it again. It only links the listing: no stock moves.
 */
export async function mapListing(db: Db | Tx, input: MapListingInput): Promise<{ sellerSku: string; productSku: string | null }> {
  let product: { id: string; sku: string } | undefined;
  if (input.intent === 'save') {
    [product] = await db.select({ id: products.id, sku: products.sku }).from(products).where(sql`lower(${products.sku}) = lower(${input.sku})`);
    if (!product) throw new DomainError('NOT_FOUND', `No product has SKU ${input.sku}.`, { sku: [`No product has SKU ${input.sku}.`] });
  }
  const [listing] = await db
    .update(l)
    .set({ productId: product?.id ?? null, mappedBy: 'manual' })
    .where(and(eq(l.id, input.listingId), eq(l.connectionId, input.connectionId)))
    .returning({ sellerSku: l.sellerSku });
  if (!listing) throw new DomainError('NOT_FOUND', 'This listing is no longer in the Catalog.');
  return { sellerSku: listing.sellerSku, productSku: product?.sku ?? null };
}

/** What the Catalog tab shows about its connection (never the token). */
export async function getCatalogConnection(db: Db | Tx, connectionId: string) {
  const [row] = await db
    .select({ id: fbaConnections.id, name: fbaConnections.name, status: fbaConnections.status, lastInventorySyncAt: fbaConnections.lastInventorySyncAt })
    .from(fbaConnections)
    .where(eq(fbaConnections.id, connectionId));
  return row ?? null;
}
