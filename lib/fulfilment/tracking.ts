import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fulfilmentOrderItems, fulfilmentOrders, fulfilmentPackageItems, fulfilmentPackages, fulfilmentReturns, saleLog } from '@/db/schema';
import { spClientFor } from '@/lib/fba/connection-client';
import type { SpApiClient } from '@/lib/fba/sp-api';
import type { FulfillmentOrder, GetFulfillmentOrderResult } from '@/lib/fba/sp-api/models/outbound';
import { applyReturnItems } from '@/lib/returns/fo-returns';
import { emitWebhookEvents } from '@/lib/webhooks/emit';
import { amazonIdOf } from './amazon-order';
import { mapAmazonStatus } from './amazon-status';
import { foStatus, type FoStatus } from './fo-status';
import { logFo, moveFo } from './fo-write';

type FoRow = typeof fulfilmentOrders.$inferSelect;
type Connection = typeof fbaConnections.$inferSelect;
export type ClientFor = (conn: Connection) => SpApiClient;

/** A line of the sale's log under the Ship stage (status changes and tracking numbers of its fulfilment orders). */
export async function logSale(tx: Tx, saleId: string, message: string, at: Date, userId: string | null = null) {
  await tx.insert(saleLog).values({ saleId, stage: 'Ship', message, userId, createdAt: at });
}

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Applies what Amazon says of one order (getFulfillmentOrder) to ours, in the caller's
 * transaction: new packages with their carrier, tracking number and estimated arrival (logged on
 * the order and on the sale), delivery, the quantities shipped / cancelled / unfulfillable per line,
 * return items Amazon processed (lib/returns/fo-returns.ts `applyReturnItems`), and the status through `mapAmazonStatus` and `moveFo`. Reading the same answer twice changes
 * nothing. Returns the order's status afterwards.
 */
export async function applyAmazonOrder(tx: Tx, orderId: string, detail: GetFulfillmentOrderResult, now: Date, amazonNow: Date = now): Promise<FoStatus> {
  const [fo] = await tx.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, orderId)).for('update');
  if (!fo) return 'Cancelled';
  const order = detail.fulfillmentOrder;

  // Packages of shipped shipments, and which of our lines went in each.
  const known = new Map((await tx.select().from(fulfilmentPackages).where(eq(fulfilmentPackages.orderId, orderId))).map((p) => [p.packageNumber, p]));
  const shippedQty = new Map<number, number>();
  const packages: { delivered: boolean }[] = [];
  let arrival: Date | null = null;
  const newTracking: { packageNumber: number; carrier: string; trackingNumber: string }[] = [];
  for (const shipment of detail.fulfillmentShipments ?? []) {
    if (shipment.fulfillmentShipmentStatus !== 'SHIPPED') continue;
    for (const item of shipment.fulfillmentShipmentItem) {
      const lineNo = Number(item.sellerFulfillmentOrderItemId);
      if (Number.isInteger(lineNo)) shippedQty.set(lineNo, (shippedQty.get(lineNo) ?? 0) + item.quantity);
    }
    for (const pkg of shipment.fulfillmentShipmentPackage ?? []) {
      const delivered = pkg.deliveryInformation !== undefined;
      const estimated = pkg.estimatedArrivalDate ? new Date(pkg.estimatedArrivalDate) : shipment.estimatedArrivalDate ? new Date(shipment.estimatedArrivalDate) : null;
      packages.push({ delivered });
      arrival = later(arrival, estimated);
      const before = known.get(pkg.packageNumber);
      const values = {
        carrierCode: pkg.carrierCode,
        trackingNumber: pkg.trackingNumber ?? null,
        shippedAt: shipment.shippingDate ? new Date(shipment.shippingDate) : null,
        estimatedArrivalAt: estimated,
        deliveredAt: delivered ? (before?.deliveredAt ?? now) : null,
        trackingStatus: delivered ? 'DELIVERED' : 'IN_TRANSIT',
      };
      if (!before) {
        await tx.insert(fulfilmentPackages).values({ orderId, packageNumber: pkg.packageNumber, ...values });
        const lines = shipment.fulfillmentShipmentItem.filter((i) => i.packageNumber === pkg.packageNumber);
        for (const line of lines) {
          const lineNo = Number(line.sellerFulfillmentOrderItemId);
          if (Number.isInteger(lineNo))
            await tx
              .insert(fulfilmentPackageItems)
              .values({ orderId, packageNumber: pkg.packageNumber, lineNo, quantity: line.quantity })
              .onConflictDoUpdate({ target: [fulfilmentPackageItems.orderId, fulfilmentPackageItems.packageNumber, fulfilmentPackageItems.lineNo], set: { quantity: line.quantity } });
        }
        if (pkg.trackingNumber) {
          newTracking.push({ packageNumber: pkg.packageNumber, carrier: pkg.carrierCode, trackingNumber: pkg.trackingNumber });
          await logFo(tx, orderId, `Package ${pkg.packageNumber} shipped by ${pkg.carrierCode}, tracking number ${pkg.trackingNumber}.`, null, now);
        }
      } else if (before.trackingStatus !== values.trackingStatus || before.trackingNumber !== values.trackingNumber || before.estimatedArrivalAt?.getTime() !== estimated?.getTime()) {
        await tx.update(fulfilmentPackages).set(values).where(and(eq(fulfilmentPackages.orderId, orderId), eq(fulfilmentPackages.packageNumber, pkg.packageNumber)));
        if (delivered && !before.deliveredAt) await logFo(tx, orderId, `Package ${pkg.packageNumber} (${pkg.trackingNumber ?? pkg.carrierCode}) delivered.`, null, now);
      }
    }
  }
  if (newTracking.length) {
    await logSale(tx, fo.saleId, `Fulfilment order ${fo.number}: tracking number${newTracking.length > 1 ? 's' : ''} ${newTracking.map((t) => t.trackingNumber).join(', ')}.`, now);
    await emitWebhookEvents(tx, 'tracking.added', newTracking.map((t) => ({ source: 'fulfilment_order', fulfilmentOrderId: fo.id, number: fo.number, saleId: fo.saleId, ...t })), now);
  }

  // Quantities per line, as Amazon counts them.
  const unfulfilled: string[] = [];
  for (const item of detail.fulfillmentOrderItems) {
    const lineNo = Number(item.sellerFulfillmentOrderItemId);
    if (!Number.isInteger(lineNo)) continue;
    if (!arrival && item.estimatedArrivalDate && (order.fulfillmentOrderStatus === 'Complete' || order.fulfillmentOrderStatus === 'CompletePartialled'))
      arrival = later(arrival, new Date(item.estimatedArrivalDate));
    if (item.unfulfillableQuantity > 0) unfulfilled.push(`line ${lineNo} ${item.sellerSku} × ${item.unfulfillableQuantity}`);
    await tx
      .update(fulfilmentOrderItems)
      .set({ shippedQuantity: shippedQty.get(lineNo) ?? 0, cancelledQuantity: item.cancelledQuantity, unfulfillableQuantity: item.unfulfillableQuantity })
      .where(and(eq(fulfilmentOrderItems.orderId, orderId), eq(fulfilmentOrderItems.lineNo, lineNo)));
  }

  // Return items Amazon has processed: Received, with a credit note on the sale (and the sellable units back in stock).
  await applyReturnItems(tx, fo, detail, now);

  const mapped = mapAmazonStatus({ status: order.fulfillmentOrderStatus, fulfillmentAction: order.fulfillmentAction ?? null, packages, estimatedArrivalAt: arrival, now: amazonNow });
  const set = { amazonStatus: order.fulfillmentOrderStatus, lastTrackedAt: now, estimatedArrivalAt: arrival ?? fo.estimatedArrivalAt };
  if (mapped.partial && fo.amazonStatus !== 'CompletePartialled' && unfulfilled.length)
    await logFo(tx, orderId, `Amazon shipped part of the order; not fulfilled: ${unfulfilled.join('; ')}.`, null, now);
  if (mapped.status !== fo.status && foStatus.canMove(fo.status, mapped.status)) {
    const why = describeMove(order, mapped.status);
    const failed = mapped.status === 'Failed' ? { lastError: why } : {};
    await moveFo(tx, orderId, fo.status, mapped.status, { message: why, userId: null, set: { ...set, ...failed }, at: now });
    await logSale(tx, fo.saleId, `Fulfilment order ${fo.number} is ${mapped.status}.`, now);
    return mapped.status;
  }
  await tx.update(fulfilmentOrders).set(set).where(eq(fulfilmentOrders.id, orderId));
  return fo.status;
}

function describeMove(order: FulfillmentOrder, to: FoStatus): string {
  const s = order.fulfillmentOrderStatus;
  switch (to) {
    case 'Failed':
      return s === 'Invalid' ? 'Amazon marked the order Invalid (for example, an address it cannot deliver to). Edit the address and Process it again.' : 'Amazon cannot fulfil the order (Unfulfillable): not enough stock at Amazon.';
    case 'Delivered':
      return 'Every package is delivered.';
    case 'Completed':
      return 'The estimated arrival has passed without delivery information from the carrier.';
    case 'Cancelled':
      return 'Amazon cancelled the order.';
    default:
      return `Amazon reports ${s}: ${to}.`;
  }
}

/**
 * How far before the newest update it saw each run looks again next time, so an update Amazon
 * stamps a moment late is not missed. Orders listed again cost no read (their status is unchanged).
 */
export const TRACKING_OVERLAP_MS = 60_000;
/** Statuses the tracking run follows: sent, and not final (Completed may still become Delivered). */
const FOLLOWED: FoStatus[] = ['On Hold', 'Shipped', 'Completed'];

/** Orders with a return Amazon authorised and has not received yet. */
// Correlated: the outer table named in full (Drizzle may leave single-table columns unqualified).
const AWAITING_RETURN = sql`EXISTS (SELECT 1 FROM ${fulfilmentReturns} r WHERE r.order_id = fulfilment_orders.id AND r.status = 'Authorised')`;

/** `now` stamps what we record; Amazon's dates (estimated arrivals) are compared with Amazon's clock (`amazonNow`, else the client's). */
export type TrackingOptions = { now?: Date; amazonNow?: Date; clientFor?: ClientFor };

export type TrackingResult = { connectionId: string; listed: number; read: number; moved: number; errors: string[] };

/**
 * The tracking run for one connection (00:51 and 12:51 UTC):
 * 1. listAllFulfillmentOrders since the connection's checkpoint (all pages); of those, read with
 *    getFulfillmentOrder only ours that are followed and whose status or action Amazon changed.
 * 2. Orders Amazon completed whose estimated arrival has now passed are read once more, to learn
 *    whether every package was delivered (Delivered) or not (Completed). Amazon does not list an
 *    order as updated when a package is delivered, so this is the only read delivery costs.
 * 3. Orders with a return Amazon authorised and has not received are read once each, whatever
 *    their status, until the return arrives.
 * Unchanged orders cost no call. The checkpoint moves only after a run without errors.
 */
export async function trackConnection(db: Db, conn: Connection, opts: TrackingOptions = {}): Promise<TrackingResult> {
  const now = opts.now ?? new Date();
  const client = (opts.clientFor ?? spClientFor)(conn);
  const result: TrackingResult = { connectionId: conn.id, listed: 0, read: 0, moved: 0, errors: [] };

  const listed: FulfillmentOrder[] = [];
  let nextToken: string | null = null;
  const queryStartDate = conn.lastTrackingAt?.toISOString();
  do {
    const page: { fulfillmentOrders: FulfillmentOrder[]; nextToken: string | null } = await client.listAllFulfillmentOrders(nextToken ? { nextToken, queryStartDate } : { queryStartDate });
    listed.push(...page.fulfillmentOrders);
    nextToken = page.nextToken;
  } while (nextToken);
  result.listed = listed.length;
  const amazonNow = opts.amazonNow ?? client.amazonNow();

  const ours = new Map<string, FoRow>();
  const numbers = [...new Set(listed.map((o) => o.sellerFulfillmentOrderId))];
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db
      .select()
      .from(fulfilmentOrders)
      .where(
        and(
          eq(fulfilmentOrders.connectionId, conn.id),
          inArray(sql`coalesce(${fulfilmentOrders.amazonOrderId}, ${fulfilmentOrders.number})`, numbers.slice(i, i + 500)),
          inArray(fulfilmentOrders.status, FOLLOWED),
        ),
      );
    for (const r of rows) ours.set(amazonIdOf(r), r);
  }
  const toRead = new Map<string, FoRow>();
  for (const o of listed) {
    const fo = ours.get(o.sellerFulfillmentOrderId);
    if (!fo) continue;
    const actionChanged = (o.fulfillmentAction === 'Hold') !== (fo.status === 'On Hold');
    if (o.fulfillmentOrderStatus !== fo.amazonStatus || (actionChanged && fo.status !== 'Completed')) toRead.set(fo.id, fo);
  }
  // Completed at Amazon, in transit at ours, and the estimated arrival has passed: one read settles Delivered or Completed.
  const arrived = await db
    .select()
    .from(fulfilmentOrders)
    .where(
      and(
        eq(fulfilmentOrders.connectionId, conn.id),
        eq(fulfilmentOrders.status, 'Shipped'),
        inArray(fulfilmentOrders.amazonStatus, ['Complete', 'CompletePartialled']),
        lte(fulfilmentOrders.estimatedArrivalAt, amazonNow),
      ),
    );
  for (const fo of arrived) toRead.set(fo.id, fo);
  // Returns Amazon authorised and has not received yet: one read each tells whether they arrived
  // (Amazon does not list an order as updated when a return item is processed).
  const awaitingReturns = await db
    .select()
    .from(fulfilmentOrders)
    .where(and(eq(fulfilmentOrders.connectionId, conn.id), AWAITING_RETURN));
  for (const fo of awaitingReturns) toRead.set(fo.id, fo);

  const maxStamp = listed.reduce<number | null>((m, o) => Math.max(m ?? 0, Date.parse(o.statusUpdatedDate)), null);
  for (const fo of toRead.values()) {
    try {
      const detail = await client.getFulfillmentOrder(amazonIdOf(fo));
      result.read += 1;
      const after = await db.transaction((tx) => applyAmazonOrder(tx, fo.id, detail, now, amazonNow));
      if (after !== fo.status) result.moved += 1;
    } catch (e) {
      result.errors.push(`${fo.number}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (result.errors.length === 0) {
    // Amazon's own clock: the newest update it listed, less an overlap; without one, the old checkpoint stays.
    const checkpoint = maxStamp !== null ? new Date(maxStamp - TRACKING_OVERLAP_MS) : conn.lastTrackingAt;
    if (checkpoint && (!conn.lastTrackingAt || checkpoint > conn.lastTrackingAt))
      await db.update(fbaConnections).set({ lastTrackingAt: checkpoint }).where(eq(fbaConnections.id, conn.id));
  }
  return result;
}

/** The job: every active connection with orders to follow. One connection's failure does not stop the others. */
export async function trackAllConnections(db: Db, opts: TrackingOptions = {}) {
  const conns = await db
    .select()
    .from(fbaConnections)
    .where(
      and(
        eq(fbaConnections.status, 'Active'),
        isNull(fbaConnections.disconnectedAt),
        sql`EXISTS (SELECT 1 FROM ${fulfilmentOrders} WHERE ${fulfilmentOrders.connectionId} = ${fbaConnections.id} AND (${inArray(fulfilmentOrders.status, FOLLOWED)} OR ${AWAITING_RETURN}))`,
      ),
    );
  const results: TrackingResult[] = [];
  for (const conn of conns) {
    try {
      results.push(await trackConnection(db, conn, opts));
    } catch (e) {
      results.push({ connectionId: conn.id, listed: 0, read: 0, moved: 0, errors: [e instanceof Error ? e.message : String(e)] });
    }
  }
  const failed = results.filter((r) => r.errors.length);
  if (failed.length) throw new Error(`Tracking failed for ${failed.length} of ${results.length} connections: ${failed.map((r) => r.errors[0]).join('; ')}`);
  return results;
}
