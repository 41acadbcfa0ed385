import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonOrders, amazonStores, saleLog } from '@/db/schema';
import { amazonReason, spClientFor } from '@/lib/fba/connection-client';
import { isSpApiError } from '@/lib/fba/sp-api';
import { enqueue } from '@/lib/fulfilment/outbox-queue';
import { retryLater } from '@/lib/outbox/retry';
import type { OutboxHandler, SendResult } from '@/lib/outbox/types';

// A merchant-fulfilled (MFN) Amazon order shipped by the merchant: Amazon is told (confirmShipment,
// with the carrier and tracking number of Ship), through the outbox, once per shipment. Without it
// Amazon would keep the order Unshipped and count it late.

export const AMAZON_OUTBOX = { confirmShipment: 'amazon.confirm-shipment' } as const;
export type AmazonOutboxKind = (typeof AMAZON_OUTBOX)[keyof typeof AMAZON_OUTBOX];

/** Amazon's carrier codes we recognise in the Ship tab's free-text carrier; anything else is "Other" with its name. */
const CARRIER_CODES = ['USPS', 'UPS', 'FedEx', 'DHL', 'OnTrac', 'Amazon Shipping', 'Royal Mail', 'Canada Post', 'Australia Post', 'Deutsche Post', 'Japan Post', 'Yamato Transport', 'Parcelforce', 'Hermes', 'DPD', 'GLS'];

export function carrierFor(carrier: string | null): { carrierCode: string; carrierName?: string } {
  const typed = carrier?.trim() ?? '';
  const known = CARRIER_CODES.find((c) => c.toLowerCase() === typed.toLowerCase());
  return known ? { carrierCode: known } : { carrierCode: 'Other', carrierName: typed || 'Other' };
}

async function log(tx: Tx, saleId: string, message: string): Promise<void> {
  await tx.insert(saleLog).values({ saleId, stage: 'Ship', message, userId: null });
}

/**
 * Ship was authorised on a sale: when it came from a merchant-fulfilled Amazon order and nothing of
 * it went to a fulfilment order, Amazon is to be told it shipped. Amazon needs a tracking number; a
 * shipment without one is not confirmed, and the log says what to do.
 */
export async function queueShipmentConfirmation(tx: Tx, saleId: string, shipment: { seq: number; carrier: string | null; trackingNumber: string | null; fulfilmentOrders: number }) {
  const [order] = await tx.select({ id: amazonOrders.id, channel: amazonOrders.fulfillmentChannel, amazonStatus: amazonOrders.amazonStatus }).from(amazonOrders).where(eq(amazonOrders.saleId, saleId));
  if (!order || order.channel !== 'MFN' || shipment.fulfilmentOrders > 0 || order.amazonStatus === 'Shipped' || order.amazonStatus === 'Canceled') return;
  if (!shipment.trackingNumber) {
    await log(tx, saleId, 'Amazon is not told this order shipped: it needs a tracking number. Undo Ship and authorise it again with the carrier and tracking number.');
    return;
  }
  await enqueue(tx, AMAZON_OUTBOX.confirmShipment, order.id, { seq: shipment.seq, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, shipDate: new Date().toISOString() });
  await log(tx, saleId, `Telling Amazon the order shipped (${shipment.carrier ?? 'carrier not given'}, tracking ${shipment.trackingNumber}).`);
}

type Payload = { seq: number; carrier: string | null; trackingNumber: string; shipDate: string };

/** The drain's side: one confirmShipment call per queued row, outside any transaction. */
export const amazonOutboxHandler: OutboxHandler = {
  async send(db: Db, row): Promise<SendResult> {
    const [found] = await db.select({ order: amazonOrders, store: amazonStores }).from(amazonOrders).innerJoin(amazonStores, eq(amazonStores.id, amazonOrders.storeId)).where(eq(amazonOrders.id, row.subjectId));
    if (!found?.order.saleId) return { outcome: 'refused', error: 'The Amazon order or its sale no longer exists.', record: async () => {} };
    const { order, store } = found;
    const saleId = order.saleId!;
    if (order.amazonStatus === 'Canceled') return { outcome: 'refused', error: 'Amazon cancelled the order.', record: (tx) => log(tx, saleId, 'Amazon was not told the order shipped: Amazon had cancelled it.') };
    const p = row.payload as Payload;
    try {
      await spClientFor(store).confirmShipment(order.amazonOrderId, {
        marketplaceId: order.marketplaceId,
        packageDetail: {
          packageReferenceId: String(p.seq),
          ...carrierFor(p.carrier),
          trackingNumber: p.trackingNumber,
          shipDate: p.shipDate,
          orderItems: order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
        },
      });
    } catch (e) {
      if (!isSpApiError(e) || e.retryable) return retryLater(e);
      const error = amazonReason(e);
      return { outcome: 'refused', error, record: (tx) => log(tx, saleId, `Amazon refused the shipment confirmation. ${error}`) };
    }
    return {
      outcome: 'done',
      record: async (tx, now) => {
        await tx.update(amazonOrders).set({ amazonStatus: 'Shipped', updatedAt: now }).where(and(eq(amazonOrders.id, order.id), eq(amazonOrders.amazonStatus, order.amazonStatus)));
        await log(tx, saleId, `Amazon confirmed order ${order.amazonOrderId} as shipped (tracking ${p.trackingNumber}).`);
      },
    };
  },
  async giveUp(tx, row, message) {
    const [order] = await tx.select({ saleId: amazonOrders.saleId }).from(amazonOrders).where(eq(amazonOrders.id, row.subjectId));
    if (order?.saleId) await log(tx, order.saleId, `Amazon could not be told the order shipped after several attempts: ${message}`);
  },
};
