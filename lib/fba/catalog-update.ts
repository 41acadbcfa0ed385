import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import type { InventoryReportRow } from './inventory-report-types';

/** Rows per statement: one jsonb parameter each, as in lib/stock/ledger.ts. */
export const CATALOG_BATCH = 2000;

/**
 * Writes one downloaded report into a connection's listings, inside the caller's transaction so a
 * failure leaves the Catalog as it was.
 */
export async function applyInventoryReport(tx: Tx, connectionId: string, rows: InventoryReportRow[], now: Date) {
  const at = now.toISOString();
  for (let i = 0; i < rows.length; i += CATALOG_BATCH) {
    const part = rows.slice(i, i + CATALOG_BATCH).map((r) => ({
      seller_sku: r.sellerSku, fnsku: r.fnsku, asin: r.asin, product_name: r.productName, condition: r.condition,
      fulfillable: r.fulfillable, inbound_working: r.inboundWorking, inbound_shipped: r.inboundShipped,
      inbound_receiving: r.inboundReceiving, reserved: r.reserved, unsellable: r.unsellable, total: r.total,
    }));
    // A report without a column (null) keeps what an earlier report said; quantities always replace.
    await tx.execute(sql`
      INSERT INTO fba_listings (connection_id, seller_sku, fnsku, asin, product_name, condition, fulfillable, inbound_working,
        inbound_shipped, inbound_receiving, reserved, unsellable, total, last_synced_at)
      SELECT ${connectionId}::uuid, v.seller_sku, v.fnsku, v.asin, v.product_name, v.condition, v.fulfillable, v.inbound_working,
        v.inbound_shipped, v.inbound_receiving, v.reserved, v.unsellable, v.total, ${at}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS v(seller_sku text, fnsku text, asin text, product_name text, condition text,
        fulfillable int, inbound_working int, inbound_shipped int, inbound_receiving int, reserved int, unsellable int, total int)
      ON CONFLICT (connection_id, seller_sku) DO UPDATE SET
        fnsku = coalesce(excluded.fnsku, fba_listings.fnsku), asin = coalesce(excluded.asin, fba_listings.asin),
        product_name = coalesce(excluded.product_name, fba_listings.product_name), condition = coalesce(excluded.condition, fba_listings.condition),
        fulfillable = excluded.fulfillable, inbound_working = excluded.inbound_working, inbound_shipped = excluded.inbound_shipped,
        inbound_receiving = excluded.inbound_receiving, reserved = excluded.reserved, unsellable = excluded.unsellable,
        total = excluded.total, last_synced_at = excluded.last_synced_at`);
  }
  // Amazon leaves a listing out of the report once it holds no units: it stays in the Catalog
  // (and keeps its mapping) with zero quantities as of this sync.
  await tx.execute(sql`
    UPDATE fba_listings SET fulfillable = 0, inbound_working = 0, inbound_shipped = 0, inbound_receiving = 0, reserved = 0,
      unsellable = 0, total = 0, last_synced_at = ${at}::timestamptz
    WHERE connection_id = ${connectionId}::uuid AND last_synced_at IS DISTINCT FROM ${at}::timestamptz`);
  return mapUnmappedListings(tx, connectionId);
}

/**
 * Automatic mapping of listings nobody has mapped yet (mapped_by IS NULL); a mapping made or
 * cleared by hand ('manual') and earlier automatic ones are never touched.
 *  1. by SKU: the product whose SKU equals the seller SKU, case-insensitively (SKUs are unique
 *     case-insensitively, so there is at most one);
 *  2. "by barcode": Amazon reports no manufacturer barcode, only its own codes. The FNSKU is the
 *     barcode Amazon scans on the unit, so a product matches when its FNSKU field or its barcode
 *     equals the listing's FNSKU; failing that, when its ASIN equals the listing's ASIN. A code
 *     that matches several products maps none: guessing would move stock to the wrong product.
 */
async function mapUnmappedListings(tx: Tx, connectionId: string) {
  const bySku = rowsOf<{ id: string }>(
    await tx.execute(sql`
      UPDATE fba_listings l SET product_id = p.id, mapped_by = 'sku'
      FROM products p
      WHERE l.connection_id = ${connectionId}::uuid AND l.mapped_by IS NULL AND lower(p.sku) = lower(l.seller_sku)
      RETURNING l.id`),
  );
  const byBarcode = rowsOf<{ id: string }>(
    await tx.execute(sql`
      WITH pending AS (SELECT id, fnsku, asin FROM fba_listings WHERE connection_id = ${connectionId}::uuid AND mapped_by IS NULL),
      candidates AS (
        SELECT o.id AS listing_id, p.id AS product_id, 1 AS rank FROM pending o JOIN products p ON p.fnsku = o.fnsku
        UNION SELECT o.id, p.id, 1 FROM pending o JOIN products p ON p.barcode = o.fnsku
        UNION SELECT o.id, p.id, 2 FROM pending o JOIN products p ON p.asin = o.asin
      ),
      best AS (
        SELECT c.listing_id, min(c.product_id::text)::uuid AS product_id
        FROM candidates c
        WHERE c.rank = (SELECT min(c2.rank) FROM candidates c2 WHERE c2.listing_id = c.listing_id)
        GROUP BY c.listing_id HAVING count(DISTINCT c.product_id) = 1
      )
      UPDATE fba_listings l SET product_id = b.product_id, mapped_by = 'barcode'
      FROM best b WHERE l.id = b.listing_id
      RETURNING l.id`),
  );
  return { mappedBySku: bySku.length, mappedByBarcode: byBarcode.length };
}
