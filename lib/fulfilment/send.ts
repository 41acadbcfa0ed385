import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fulfilmentOrderItems, fulfilmentOrders } from '@/db/schema';
import { amazonReason } from '@/lib/fba/connection-client';
import { isSpApiError, type SpApiClient } from '@/lib/fba/sp-api';
import type { FulfillmentAction, GetFulfillmentOrderResult } from '@/lib/fba/sp-api/models/outbound';
import { amazonIdOf, createOrderBody, updateOrderBody } from './amazon-order';
import { FO_OUTBOX, foStatus, type FoStatus } from './fo-status';
import { logFo, moveFo } from './fo-write';
import { retryLater } from '@/lib/outbox/retry';
import type { OutboxHandler, OutboxRow, SendResult } from '@/lib/outbox/types';
import { FO_RETURN_OUTBOX } from '@/lib/returns/fo-return-status';
import { giveUpFoReturn, sendFoReturn } from '@/lib/returns/fo-returns';
import { applyAmazonOrder, logSale, type ClientFor } from './tracking';

export type { SendResult };

type FoRow = typeof fulfilmentOrders.$inferSelect;

const retry = (e: unknown): SendResult => retryLater(e);
const isRetryable = (e: unknown) => !isSpApiError(e) || e.retryable;
const isNotFound = (e: unknown) => isSpApiError(e) && e.status === 404;

/** One outbox row's call to Amazon, made outside any transaction. Reading our rows first is plain reads. */
export async function sendOutboxRow(db: Db, row: OutboxRow, clientFor: ClientFor): Promise<SendResult> {
  const [fo] = await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, row.subjectId));
  if (!fo) return { outcome: 'refused', error: 'The fulfilment order no longer exists.', record: async () => {} };
  const [conn] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, fo.connectionId));
  if (!conn || conn.status !== 'Active') {
    const error = 'The FBA connection of this order is not active: nothing was sent to Amazon.';
    return { outcome: 'refused', error, record: (tx, now) => (row.kind === FO_RETURN_OUTBOX ? giveUpFoReturn(tx, row, error, now) : refusedRecord(tx, fo, row, error, now)) };
  }
  const client = clientFor(conn);
  try {
    switch (row.kind) {
      case FO_OUTBOX.create:
        return await sendCreate(db, client, row, fo, conn.marketplaceId);
      case FO_OUTBOX.update:
        return await sendUpdate(client, row, fo, conn.marketplaceId);
      case FO_OUTBOX.cancel:
        return await sendCancel(client, fo);
      case FO_OUTBOX.refresh: {
        const detail = await client.getFulfillmentOrder(amazonIdOf(fo));
        const amazonNow = client.amazonNow();
        return { outcome: 'done', record: async (tx, now) => void (await applyAmazonOrder(tx, fo.id, detail, now, amazonNow)) };
      }
      case FO_RETURN_OUTBOX:
        return await sendFoReturn(db, client, row, fo);
      default:
        return { outcome: 'refused', error: `Unknown outbox kind ${row.kind}.`, record: async () => {} };
    }
  } catch (e) {
    if (isRetryable(e)) return retry(e);
    const error = amazonReason(e);
    return { outcome: 'refused', error, record: (tx, now) => refusedRecord(tx, fo, row, error, now) };
  }
}

/** Amazon's refusal: Failed for a new order; for a change, cancel or refresh the status is kept and the refusal shown. */
async function refusedRecord(tx: Tx, fo: FoRow, row: OutboxRow, error: string, now: Date) {
  const [cur] = await tx.select({ status: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.id, fo.id)).for('update');
  if (!cur) return;
  if (row.kind === FO_OUTBOX.create && cur.status === 'Queued') {
    await moveFo(tx, fo.id, 'Queued', 'Failed', { message: `Amazon refused the order. ${error}`, userId: null, set: { lastError: error }, at: now });
    await logSale(tx, fo.saleId, `Fulfilment order ${fo.number} is Failed: ${error}`, now);
    return;
  }
  const what = row.kind === FO_OUTBOX.cancel ? 'Amazon refused to cancel' : row.kind === FO_OUTBOX.update ? 'Amazon refused the change' : 'Amazon could not be asked';
  await tx.update(fulfilmentOrders).set({ lastError: error }).where(eq(fulfilmentOrders.id, fo.id));
  await logFo(tx, fo.id, `${what}. ${error}`, null, now);
}

async function sendCreate(db: Db, client: SpApiClient, row: OutboxRow, fo: FoRow, marketplaceId: string): Promise<SendResult> {
  const action: FulfillmentAction = row.payload.fulfillmentAction === 'Hold' ? 'Hold' : 'Ship';
  const id = typeof row.payload.sellerFulfillmentOrderId === 'string' ? row.payload.sellerFulfillmentOrderId : amazonIdOf(fo);
  // A repeat (a crash or timeout after the call) asks first: Amazon may already have the order.
  if (row.attempts > 1) {
    const existing = await readIfExists(client, id);
    if (existing) return { outcome: 'done', record: (tx, now) => acceptedRecord(tx, fo, id, action, now, existing, client.amazonNow()) };
  }
  const items = await db.select().from(fulfilmentOrderItems).where(eq(fulfilmentOrderItems.orderId, fo.id));
  try {
    await client.createFulfillmentOrder(createOrderBody(fo, items, marketplaceId, action, id));
  } catch (e) {
    // "Already exists": the order reached Amazon before (a lost answer). Amazon's copy is the truth.
    if (isSpApiError(e) && !e.retryable && /already exists/i.test(`${e.message} ${e.details ?? ''}`)) {
      const existing = await readIfExists(client, id);
      if (existing) return { outcome: 'done', record: (tx, now) => acceptedRecord(tx, fo, id, action, now, existing, client.amazonNow()) };
    }
    throw e;
  }
  return { outcome: 'done', record: (tx, now) => acceptedRecord(tx, fo, id, action, now, null) };
}

async function readIfExists(client: SpApiClient, number: string): Promise<GetFulfillmentOrderResult | null> {
  try {
    return await client.getFulfillmentOrder(number);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** Amazon has the order: Queued → On Hold or Shipped (or what Amazon's copy says, when it was read). */
async function acceptedRecord(tx: Tx, fo: FoRow, amazonOrderId: string, action: FulfillmentAction, now: Date, detail: GetFulfillmentOrderResult | null, amazonNow: Date = now) {
  const [cur] = await tx.select({ status: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.id, fo.id)).for('update');
  if (!cur) return;
  if (cur.status !== 'Queued') {
    await logFo(tx, fo.id, `Amazon accepted the order (it was already ${cur.status} here).`, null, now);
    return;
  }
  const to: FoStatus = action === 'Hold' ? 'On Hold' : 'Shipped';
  await moveFo(tx, fo.id, 'Queued', to, {
    message: `${action === 'Hold' ? 'Amazon accepted the order and holds it (On Hold).' : 'Amazon accepted the order to ship it.'}${amazonOrderId !== fo.number ? ` Amazon's order id: ${amazonOrderId}.` : ''}`,
    userId: null,
    set: { sentAt: now, amazonOrderId, amazonStatus: detail?.fulfillmentOrder.fulfillmentOrderStatus ?? 'New', lastError: null },
    at: now,
  });
  await logSale(tx, fo.saleId, `Fulfilment order ${fo.number} sent to Amazon: ${to}.`, now);
  if (detail) await applyAmazonOrder(tx, fo.id, detail, now, amazonNow);
}

async function sendUpdate(client: SpApiClient, row: OutboxRow, fo: FoRow, marketplaceId: string): Promise<SendResult> {
  const ship = row.payload.fulfillmentAction === 'Ship';
  await client.updateFulfillmentOrder(amazonIdOf(fo), updateOrderBody(fo, marketplaceId, ship ? 'Ship' : undefined));
  return {
    outcome: 'done',
    record: async (tx, now) => {
      const [cur] = await tx.select({ status: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.id, fo.id)).for('update');
      if (!cur) return;
      if (ship && cur.status === 'On Hold') {
        await moveFo(tx, fo.id, 'On Hold', 'Shipped', { message: 'Amazon accepted Ship: the held order is released.', userId: null, set: { lastError: null }, at: now });
        await logSale(tx, fo.saleId, `Fulfilment order ${fo.number} is Shipped.`, now);
      } else {
        await tx.update(fulfilmentOrders).set({ lastError: null }).where(eq(fulfilmentOrders.id, fo.id));
        await logFo(tx, fo.id, ship ? 'Amazon accepted Ship.' : 'Amazon accepted the change.', null, now);
      }
    },
  };
}

async function sendCancel(client: SpApiClient, fo: FoRow): Promise<SendResult> {
  await client.cancelFulfillmentOrder(amazonIdOf(fo));
  return {
    outcome: 'done',
    record: async (tx, now) => {
      const [cur] = await tx.select({ status: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.id, fo.id)).for('update');
      if (!cur || cur.status === 'Cancelled') return;
      if (!foStatus.canMove(cur.status, 'Cancelled')) return logFo(tx, fo.id, `Amazon cancelled the order, which is ${cur.status} here.`, null, now);
      await moveFo(tx, fo.id, cur.status, 'Cancelled', { message: 'Amazon cancelled the order.', userId: null, set: { amazonStatus: 'Cancelled', lastError: null }, at: now });
      await logSale(tx, fo.saleId, `Fulfilment order ${fo.number} is Cancelled.`, now);
    },
  };
}

/** The fulfilment orders' kinds of the outbox (fo.*). */
export const foOutboxHandler: OutboxHandler = {
  send: sendOutboxRow,
  giveUp: async (tx, row, message, at) => {
    if (row.kind === FO_RETURN_OUTBOX) return giveUpFoReturn(tx, row, message, at);
    await tx.update(fulfilmentOrders).set({ lastError: message }).where(eq(fulfilmentOrders.id, row.subjectId));
    await logFo(tx, row.subjectId, message, null, at);
  },
};
