import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { fulfilmentOrderLog, fulfilmentOrders } from '@/db/schema';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { foStatus, type FoStatus } from './fo-status';

type FoRow = typeof fulfilmentOrders.$inferSelect;
/** Columns a status move may set beside the status (the stamp of the stage reached is set here). */
export type FoChanges = Partial<Omit<typeof fulfilmentOrders.$inferInsert, 'id' | 'status' | 'number' | 'saleId' | 'shipmentId'>>;

/** The date column each status stamps when it is reached (the order page shows them). */
const STAMP: Partial<Record<FoStatus, keyof FoChanges>> = {
  'On Hold': 'onHoldAt',
  Shipped: 'shippedAt',
  Completed: 'completedAt',
  Delivered: 'deliveredAt',
  Cancelled: 'cancelledAt',
  Failed: 'failedAt',
};

/** A line of the fulfilment order log, in the caller's transaction. */
export async function logFo(tx: Tx, orderId: string, message: string, userId: string | null, at: Date = new Date()) {
  await tx.insert(fulfilmentOrderLog).values({ orderId, message, userId, createdAt: at });
}

/**
 * The only way a fulfilment order's status changes: the move is checked against `foStatus`, the
 * update matches only while the order is still `from` (so two workers, or a worker and a person,
 * cannot both move it), the stage's date is stamped, and a log row is written, all in the caller's
 * transaction. Refusals say why (INVALID_TRANSITION, STALE_STATE, NOT_FOUND).
 */
export async function moveFo(
  tx: Tx,
  orderId: string,
  from: FoStatus,
  to: FoStatus,
  opts: { message: string; userId: string | null; set?: FoChanges; at?: Date },
): Promise<FoRow> {
  const at = opts.at ?? new Date();
  const stamp = STAMP[to];
  const row = await foStatus.write(from, to, {
    update: async () =>
      (
        await tx
          .update(fulfilmentOrders)
          .set({ ...(stamp ? { [stamp]: at } : {}), ...opts.set, status: to })
          .where(and(eq(fulfilmentOrders.id, orderId), eq(fulfilmentOrders.status, from)))
          .returning()
      )[0],
    current: async () => {
      const [cur] = await tx.select({ number: fulfilmentOrders.number, status: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.id, orderId));
      return cur && { label: `Fulfilment order ${cur.number}`, status: cur.status };
    },
  });
  await logFo(tx, orderId, opts.message, opts.userId, at);
  await emitWebhookEvent(tx, 'fulfilment_order.status_changed', { fulfilmentOrderId: orderId, number: row.number, saleId: row.saleId, from, to }, at);
  return row;
}
