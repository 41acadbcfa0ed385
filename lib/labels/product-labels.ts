import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaListings, products } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { code128, manufacturerBarcode, type BarcodeSpec } from './barcode';
import type { ProductLabel } from './fnsku-labels';

/** "New" unless the listing says otherwise (Amazon's condition words, e.g. NewItem, UsedLikeNew). */
export function conditionLabel(condition: string | null | undefined): string {
  const c = condition?.trim();
  if (!c || /^new(item)?$/i.test(c)) return 'New';
  return c.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^Used /, 'Used - ');
}

type ProductRow = Pick<typeof products.$inferSelect, 'id' | 'sku' | 'name' | 'barcode' | 'barcodeType' | 'fnsku' | 'fbaBarcode'>;
type ListingRow = Pick<typeof fbaListings.$inferSelect, 'productId' | 'fnsku' | 'condition' | 'sellerSku'>;

/**
 * What one product's labels carry: its manufacturer barcode when the product is set to use it and
 * has one, else the FNSKU of its listing on this connection (else the product's own FNSKU). A
 * product with neither is refused, by name.
 */
export function labelFor(product: ProductRow, listing: ListingRow | undefined): ProductLabel {
  let barcode: BarcodeSpec;
  if (product.fbaBarcode === 'Manufacturer' && product.barcode) {
    try {
      barcode = manufacturerBarcode(product.barcode, product.barcodeType);
    } catch (e) {
      throw new DomainError('INVALID_INPUT', `${product.sku} (${product.name}): ${(e as Error).message}`);
    }
  } else {
    const fnsku = listing?.fnsku ?? product.fnsku;
    if (!fnsku) throw new DomainError('INVALID_INPUT', `${product.sku} (${product.name}) has no FNSKU: sync the Catalog or enter its FNSKU on the product before printing its labels.`);
    barcode = code128(fnsku);
  }
  return { barcode, title: product.name, condition: conditionLabel(listing?.condition) };
}

/** The labels of a product-label request, in the order asked, each product repeated by its count (two queries). */
export async function resolveProductLabels(db: Db | Tx, connectionId: string, items: { productId: string; quantity: number }[]): Promise<ProductLabel[]> {
  const ids = [...new Set(items.map((i) => i.productId))];
  if (ids.length === 0) return [];
  const [rows, listings] = await Promise.all([
    db.select({ id: products.id, sku: products.sku, name: products.name, barcode: products.barcode, barcodeType: products.barcodeType, fnsku: products.fnsku, fbaBarcode: products.fbaBarcode }).from(products).where(inArray(products.id, ids)),
    db
      .select({ productId: fbaListings.productId, fnsku: fbaListings.fnsku, condition: fbaListings.condition, sellerSku: fbaListings.sellerSku })
      .from(fbaListings)
      .where(and(eq(fbaListings.connectionId, connectionId), inArray(fbaListings.productId, ids)))
      .orderBy(asc(fbaListings.sellerSku)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A product with several listings: the first (by SKU) that has an FNSKU.
  const listingOf = new Map<string, ListingRow>();
  for (const l of listings) if (l.productId && (!listingOf.has(l.productId) || (!listingOf.get(l.productId)!.fnsku && l.fnsku))) listingOf.set(l.productId, l);
  const out: ProductLabel[] = [];
  for (const item of items) {
    const product = byId.get(item.productId);
    if (!product) throw new DomainError('NOT_FOUND', 'A product to print was deleted; choose the listings again.');
    const label = labelFor(product, listingOf.get(item.productId));
    for (let n = 0; n < item.quantity; n += 1) out.push(label);
  }
  return out;
}

export type PrintableListing = { productId: string; sellerSku: string; fnsku: string | null; name: string; productSku: string; fbaBarcode: 'FNSKU' | 'Manufacturer'; barcode: string | null };

/** The Catalog's mapped listings for "Print product labels" (one query, by seller SKU). */
export async function listPrintableListings(db: Db, connectionId: string, limit = 1000): Promise<PrintableListing[]> {
  return db
    .select({ productId: products.id, sellerSku: fbaListings.sellerSku, fnsku: fbaListings.fnsku, name: products.name, productSku: products.sku, fbaBarcode: products.fbaBarcode, barcode: products.barcode })
    .from(fbaListings)
    .innerJoin(products, eq(products.id, fbaListings.productId))
    .where(and(eq(fbaListings.connectionId, connectionId), isNotNull(fbaListings.productId)))
    .orderBy(asc(fbaListings.sellerSku))
    .limit(limit) as Promise<PrintableListing[]>;
}
