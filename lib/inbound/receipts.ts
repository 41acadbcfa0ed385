import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { inboundAmazonShipments, inboundReceipts, inboundShipmentLines, products } from '@/db/schema';

export type ReceiptRow = {
  amazonShipmentId: string;
  shipmentId: string;
  confirmationId: string | null;
  warehouseId: string | null;
  amazonStatus: string | null;
  lineNo: number;
  sku: string;
  sellerSku: string;
  name: string;
  shipped: number;
  received: number;
  /** Units Amazon did not receive, once it closed the shipment (null while it may still receive them). */
  short: number | null;
};

/**
 * What Amazon received of an inbound shipment, per Amazon shipment and line (one query): shipped,
 * received, and the shortfall of a closed shipment — the discrepancy the shipment and transfer pages show.
 */
export async function getInboundReceipts(db: Db | Tx, inboundId: string): Promise<ReceiptRow[]> {
  const rows = await db
    .select({
      amazonShipmentId: inboundAmazonShipments.id,
      shipmentId: inboundAmazonShipments.shipmentId,
      confirmationId: inboundAmazonShipments.confirmationId,
      warehouseId: inboundAmazonShipments.warehouseId,
      amazonStatus: inboundAmazonShipments.amazonStatus,
      lineNo: inboundReceipts.lineNo,
      sku: products.sku,
      sellerSku: inboundShipmentLines.sellerSku,
      name: products.name,
      shipped: inboundReceipts.shipped,
      received: inboundReceipts.received,
    })
    .from(inboundReceipts)
    .innerJoin(inboundAmazonShipments, eq(inboundAmazonShipments.id, inboundReceipts.amazonShipmentId))
    .innerJoin(inboundShipmentLines, sql`${inboundShipmentLines.inboundId} = ${inboundAmazonShipments.inboundId} AND ${inboundShipmentLines.lineNo} = ${inboundReceipts.lineNo}`)
    .innerJoin(products, eq(products.id, inboundShipmentLines.productId))
    .where(eq(inboundAmazonShipments.inboundId, inboundId))
    .orderBy(asc(inboundAmazonShipments.confirmationId), asc(inboundAmazonShipments.shipmentId), asc(inboundReceipts.lineNo));
  return rows.map((r) => ({ ...r, short: r.amazonStatus === 'CLOSED' ? Math.max(0, r.shipped - r.received) : null }));
}

/** Whether any closed Amazon shipment of these receipts came in short. */
export const hasShortfall = (rows: Pick<ReceiptRow, 'short'>[]) => rows.some((r) => (r.short ?? 0) > 0);
