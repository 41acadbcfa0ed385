import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, locations, products } from '@/db/schema';
import { searchProducts } from '@/lib/catalog/products';
import { DomainError } from '@/lib/errors';
import { groupDigits } from '@/lib/validation/numbers';
import { code128, gs1CheckDigit, manufacturerBarcode, type BarcodeSpec, type BarcodeType } from './barcode';
import { binScanCode } from './bin-code';
import type { ScanLabel } from './scan-labels';

// What the warehouse's own labels carry: a bin's scan code, or a product's manufacturer barcode
// (else its SKU), for the floor screens that count and pick by scanning.

/** At most this many products in one product-label document (chosen or matching a search). */
export const MAX_LABEL_PRODUCTS = 1000;

const digits = (v: string) => v.replace(/[\s-]/g, '');

/** A barcode of no stated type: its symbology read from its digits (UPC-A, EAN-13, EAN-8 with a right check digit), else Code 128 as written. */
function barcodeByDigits(barcode: string): BarcodeSpec {
  const d = digits(barcode);
  const valid = /^\d+$/.test(d) && Number(d[d.length - 1]) === gs1CheckDigit(d.slice(0, -1));
  if (valid && d.length === 12) return manufacturerBarcode(d, 'UPC');
  if (valid && (d.length === 13 || d.length === 8)) return manufacturerBarcode(d, 'EAN');
  return code128(barcode.trim());
}

type ProductForLabel = { sku: string; name: string; barcode: string | null; barcodeType: BarcodeType | null };

/**
 * A product's warehouse label: its manufacturer barcode when it has one (UPC-A, EAN-13/8, ISBN as
 * its EAN-13, GCID as Code 128: by its type, else by its digits), else a Code 128 of its SKU; the
 * SKU and name under it. A barcode that cannot be printed is refused with the product's SKU and name.
 */
export function productScanLabel(product: ProductForLabel): ScanLabel {
  try {
    const barcode = product.barcode?.trim() ? (product.barcodeType ? manufacturerBarcode(product.barcode, product.barcodeType) : barcodeByDigits(product.barcode)) : code128(product.sku);
    return { barcode, heading: product.sku, detail: product.name };
  } catch (e) {
    throw new DomainError('INVALID_INPUT', `${product.sku} (${product.name}): ${(e as Error).message}`);
  }
}

/** The labels of a product-label request, in the order asked, each product repeated by its count (one query). */
export async function resolveStockProductLabels(db: Db | Tx, items: { productId: string; quantity: number }[]): Promise<ScanLabel[]> {
  const ids = [...new Set(items.map((i) => i.productId))];
  if (ids.length === 0) return [];
  const rows = await db.select({ id: products.id, sku: products.sku, name: products.name, barcode: products.barcode, barcodeType: products.barcodeType }).from(products).where(inArray(products.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: ScanLabel[] = [];
  for (const item of items) {
    const product = byId.get(item.productId);
    if (!product) throw new DomainError('NOT_FOUND', 'A product to print was deleted; choose the products again.');
    const label = productScanLabel(product);
    for (let n = 0; n < item.quantity; n += 1) out.push(label);
  }
  return out;
}

/**
 * The products matching the Products list's search (all products without one), by SKU, at most
 * MAX_LABEL_PRODUCTS: more is refused with the count, so the user narrows the search.
 */
export async function productIdsMatching(db: Db | Tx, q: string | undefined): Promise<string[]> {
  const where = searchProducts(q?.trim() || undefined);
  const rows = await db.select({ id: products.id }).from(products).where(where).orderBy(asc(products.sku), asc(products.id)).limit(MAX_LABEL_PRODUCTS + 1);
  if (rows.length > MAX_LABEL_PRODUCTS) {
    const [{ n }] = await db.select({ n: count() }).from(products).where(where);
    throw new DomainError('INVALID_INPUT', `${q?.trim() ? `The search “${q.trim()}” matches` : 'There are'} ${groupDigits(Number(n))} products; labels are printed for at most ${groupDigits(MAX_LABEL_PRODUCTS)} at a time. Narrow the search or choose products.`);
  }
  if (rows.length === 0) throw new DomainError('INVALID_INPUT', q?.trim() ? `No product matches “${q.trim()}”.` : 'There are no products yet.');
  return rows.map((r) => r.id);
}

export type BinForLabel = { id: string; name: string };

/**
 * A location's bins to label: all of them, or the chosen ones (each must be the location's), by
 * name. An external location has no bins; a location without bins is refused.
 */
export async function binsToLabel(db: Db | Tx, locationId: string, binIds: string[] = []): Promise<{ location: { id: string; name: string }; bins: BinForLabel[] }> {
  const [location] = await db.select({ id: locations.id, name: locations.name, external: locations.externalConnectionId }).from(locations).where(eq(locations.id, locationId));
  if (!location) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
  const rows = await db
    .select({ id: bins.id, name: bins.name })
    .from(bins)
    .where(and(eq(bins.locationId, locationId), binIds.length > 0 ? inArray(bins.id, binIds) : undefined))
    .orderBy(asc(sql`lower(${bins.name})`), asc(bins.id));
  if (binIds.length > 0 && rows.length !== new Set(binIds).size) throw new DomainError('NOT_FOUND', `A chosen bin is no longer in ${location.name}; choose the bins again.`);
  if (rows.length === 0) throw new DomainError('INVALID_INPUT', `${location.name} has no bins to label${location.external ? ' (an external location has none)' : ''}.`);
  return { location: { id: location.id, name: location.name }, bins: rows };
}

/** A bin's label: its scan code as a Code 128, the bin's name in bold, the location's name. */
export function binScanLabel(bin: BinForLabel, locationName: string): ScanLabel {
  return { barcode: code128(binScanCode(bin)), heading: bin.name, detail: locationName };
}

/** The labels of a bin-label request: each bin (by name) `copies` times in a row. */
export async function resolveBinLabels(db: Db | Tx, locationId: string, binIds: string[], copies: number): Promise<ScanLabel[]> {
  const { location, bins: rows } = await binsToLabel(db, locationId, binIds);
  return rows.flatMap((b) => Array.from({ length: copies }, () => binScanLabel(b, location.name)));
}
