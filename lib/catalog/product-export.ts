import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { locations, products } from '@/db/schema';
import { csvStream } from '@/lib/csv/write';
import { PRODUCT_CSV_HEADER, toProductRecord, type ExportProduct } from './product-csv';
import { productColumns, productPricesJson, readPrices } from './products';

export const EXPORT_BATCH = 1000;

type After = { sku: string; id: string } | null;

/** One batch of products in SKU order with prices and location name, in one query. */
export async function listProductsForExport(db: Db | Tx, after: After, limit = EXPORT_BATCH): Promise<(ExportProduct & { id: string })[]> {
  const rows = await db
    .select({
      ...productColumns,
      defaultLocation: locations.name,
      prices: productPricesJson,
    })
    .from(products)
    .leftJoin(locations, eq(locations.id, products.defaultLocationId))
    .where(after ? or(gt(products.sku, after.sku), and(eq(products.sku, after.sku), gt(products.id, after.id))) : undefined)
    .orderBy(asc(products.sku), asc(products.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, unitCost: r.unitCost == null ? null : Number(r.unitCost), prices: readPrices(r.prices) }));
}

/** Products in SKU order, a batch at a time, each batch read only when the one before is written. */
async function* productBatches(db: Db, batch: number) {
  let after: After = null;
  for (;;) {
    const rows = await listProductsForExport(db, after, batch);
    if (rows.length > 0) yield rows.map(toProductRecord);
    if (rows.length < batch) return;
    after = { sku: rows[rows.length - 1].sku, id: rows[rows.length - 1].id };
  }
}

/** The products CSV as a stream, so 100,000 products never sit in memory at once. */
export function streamProductsCsv(db: Db, batch = EXPORT_BATCH): ReadableStream<Uint8Array> {
  return csvStream(PRODUCT_CSV_HEADER, productBatches(db, batch));
}

/** Reads the whole export into a string (tests, small data sets). */
export async function exportProductsCsv(db: Db, batch = EXPORT_BATCH): Promise<string> {
  return new Response(streamProductsCsv(db, batch)).text();
}
