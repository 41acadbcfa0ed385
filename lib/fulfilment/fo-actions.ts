import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { fbaConnections, fulfilmentOrders } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { amazonIdOf, resendIdFor } from './amazon-order';
import { canDo, FO_OUTBOX, type FoAction } from './fo-status';
import { logFo, moveFo } from './fo-write';
import { enqueue, pendingCalls } from './outbox-queue';

type FoRow = typeof fulfilmentOrders.$inferSelect;

/** The order, locked for the rest of the caller's transaction, with the action checked against its status. */
async function lockFor(tx: Tx, orderId: string, action: FoAction): Promise<FoRow> {
  const [row] = await tx.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, orderId)).for('update');
  if (!row) throw new DomainError('NOT_FOUND', 'That fulfilment order no longer exists.');
  if (!canDo(row.status, action)) throw new DomainError('INVALID_TRANSITION', `Fulfilment order ${row.number} is ${row.status}: ${action} does not apply.`);
  const waiting = await pendingCalls(tx, orderId);
  if (waiting.length > 0) throw new DomainError('STALE_STATE', `Fulfilment order ${row.number} is waiting for Amazon's answer to an earlier request. Try again when it has arrived.`);
  return row;
}

/** What Amazon is asked to do with a new order: hold it, or ship it, per the connection's Setup. */
export async function fulfillmentActionFor(tx: Tx, connectionId: string): Promise<'Hold' | 'Ship'> {
  const [conn] = await tx.select({ foCreateStatus: fbaConnections.foCreateStatus }).from(fbaConnections).where(eq(fbaConnections.id, connectionId));
  return conn?.foCreateStatus === 'On Hold' ? 'Hold' : 'Ship';
}

/**
 * Process: send a Queued order to Amazon (or a Failed one again, after Edit/Save). The drain
 * makes the call and moves it to On Hold or Shipped when Amazon accepts, Failed when it refuses.
 */
export async function processFo(tx: Tx, orderId: string, userId: string | null) {
  const fo = await lockFor(tx, orderId, 'Process');
  if (fo.status === 'Failed') await moveFo(tx, orderId, 'Failed', 'Queued', { message: 'Processed again after Amazon refused it.', userId, set: { lastError: null } });
  const fulfillmentAction = await fulfillmentActionFor(tx, fo.connectionId);
  // Amazon keeps an order it marked Invalid or Unfulfillable under its id: sending again needs a new one.
  const sellerFulfillmentOrderId = fo.status === 'Failed' ? resendIdFor(fo) : amazonIdOf(fo);
  await enqueue(tx, FO_OUTBOX.create, orderId, { fulfillmentAction, version: fo.version, sellerFulfillmentOrderId });
  await logFo(tx, orderId, `Process: sending to Amazon (${fulfillmentAction === 'Hold' ? 'to be held' : 'to ship'}).`, userId);
}

/** Void: an order that never reached Amazon (Queued), or that Amazon refused (Failed), is cancelled here. */
export async function voidFo(tx: Tx, orderId: string, userId: string | null) {
  const fo = await lockFor(tx, orderId, 'Void');
  await moveFo(tx, orderId, fo.status, 'Cancelled', { message: 'Voided: not sent to Amazon.', userId });
}

/** Where Amazon delivers a fulfilment order (copied from the sale; Edit/Save changes it). */
export type FoAddress = {
  shipToName: string;
  shipToLine1: string;
  shipToLine2: string | null;
  shipToCity: string;
  shipToState: string | null;
  shipToPostalCode: string;
  shipToCountry: string;
  shipToPhone: string | null;
};

export type FoEdit = FoAddress & {
  comment: string | null;
  shippingSpeed: FoRow['shippingSpeed'];
};

/** Edit/Save: address, comment and shipping speed. An order held at Amazon is updated there too. */
export async function editFo(tx: Tx, orderId: string, edit: FoEdit, userId: string | null) {
  const fo = await lockFor(tx, orderId, 'Edit');
  const changed = (Object.keys(edit) as (keyof FoEdit)[]).filter((k) => (fo[k] ?? null) !== (edit[k] ?? null));
  if (changed.length === 0) return fo;
  const [row] = await tx
    .update(fulfilmentOrders)
    .set({ ...edit, version: sql`${fulfilmentOrders.version} + 1` })
    .where(eq(fulfilmentOrders.id, orderId))
    .returning();
  if (fo.status === 'On Hold') await enqueue(tx, FO_OUTBOX.update, orderId, { version: row!.version });
  await logFo(tx, orderId, `Edited (${changed.join(', ')})${fo.status === 'On Hold' ? '; sending the change to Amazon' : ''}.`, userId);
  return row!;
}

/** Ship: release an order held at Amazon (FulfillmentAction Hold → Ship). */
export async function shipFo(tx: Tx, orderId: string, userId: string | null) {
  await lockFor(tx, orderId, 'Ship');
  await enqueue(tx, FO_OUTBOX.update, orderId, { fulfillmentAction: 'Ship' });
  await logFo(tx, orderId, 'Ship: asking Amazon to ship the held order.', userId);
}

/** Cancel: asks Amazon; the order becomes Cancelled when Amazon agrees, and Amazon's refusal is logged. */
export async function cancelFo(tx: Tx, orderId: string, userId: string | null) {
  await lockFor(tx, orderId, 'Cancel');
  await enqueue(tx, FO_OUTBOX.cancel, orderId);
  await logFo(tx, orderId, 'Cancel: asking Amazon to cancel.', userId);
}

/** Refresh status: read this order from Amazon now (what the tracking job does twice a day). */
export async function refreshFo(tx: Tx, orderId: string, userId: string | null) {
  const [fo] = await tx.select({ status: fulfilmentOrders.status, sentAt: fulfilmentOrders.sentAt, number: fulfilmentOrders.number }).from(fulfilmentOrders).where(eq(fulfilmentOrders.id, orderId)).for('update');
  if (!fo) throw new DomainError('NOT_FOUND', 'That fulfilment order no longer exists.');
  if (!fo.sentAt) throw new DomainError('INVALID_TRANSITION', `Fulfilment order ${fo.number} has not been sent to Amazon: there is nothing to refresh.`);
  if ((await pendingCalls(tx, orderId)).some((c) => c.kind === FO_OUTBOX.refresh)) return;
  await enqueue(tx, FO_OUTBOX.refresh, orderId);
  void userId;
}
