import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { products } from './catalog';
import { fbaConnections } from './fba';
import { locations } from './reference';
import { SHIPPING_OPTIONS, saleShipments, sales, shipToColumns } from './sale';

/** The seed's seven fulfilment order statuses, word for word. */
export const FO_STATUSES = ['Queued', 'On Hold', 'Shipped', 'Completed', 'Delivered', 'Cancelled', 'Failed'] as const;

/**
 * Sale → Fulfilment Orders: one order per sale shipment and external location, sent to Amazon as
 * a multi-channel fulfilment order. `number` (FO-00001) is the sellerFulfillmentOrderId: stable,
 * and Amazon's idempotency key, so a repeated send never ships twice.
 */
export const fulfilmentOrders = pgTable(
  'fulfilment_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    /**
     * The sellerFulfillmentOrderId this order has at Amazon: the number when first sent; after Amazon
     * kept it as Invalid/Unfulfillable and the order is processed again, number-R2, -R3… (Amazon never
     * reuses an id). Null until Amazon accepted it.
     */
    amazonOrderId: text('amazon_order_id'),
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    shipmentId: uuid('shipment_id').notNull().references(() => saleShipments.id),
    connectionId: uuid('connection_id').notNull().references(() => fbaConnections.id),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    status: text('status', { enum: FO_STATUSES }).notNull().default('Queued'),
    /** Amazon's FulfillmentOrderStatus as last read (Received, Planning, Processing, Complete, …). */
    amazonStatus: text('amazon_status'),
    /** Shown to the customer by Amazon (the sale number). */
    displayableOrderId: text('displayable_order_id').notNull(),
    /** DisplayableOrderComment: printed on the packing slip. */
    comment: text('comment'),
    shippingSpeed: text('shipping_speed', { enum: SHIPPING_OPTIONS }).notNull(),
    ...shipToColumns(),
    /** Raised by each Edit/Save; the outbox sends the newest version. */
    version: integer('version').notNull().default(1),
    /** The last refusal or failure from Amazon, in Amazon's words (also in the log). */
    lastError: text('last_error'),
    estimatedArrivalAt: timestamp('estimated_arrival_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    onHoldAt: timestamp('on_hold_at', { withTimezone: true }),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** When the tracking job last read this order from Amazon. */
    lastTrackedAt: timestamp('last_tracked_at', { withTimezone: true }),
    userId: uuid('user_id').references(() => users.id),
  },
  (t) => [
    // The list: newest first, by status, connection and date; counts per status.
    index('fulfilment_orders_created_idx').on(t.createdAt, t.id),
    index('fulfilment_orders_status_idx').on(t.status, t.createdAt, t.id),
    index('fulfilment_orders_connection_idx').on(t.connectionId, t.status, t.createdAt),
    index('fulfilment_orders_sale_idx').on(t.saleId),
    index('fulfilment_orders_number_prefix_idx').on(sql`lower(${t.number}) text_pattern_ops`),
    index('fulfilment_orders_amazon_id_idx').on(t.connectionId, t.amazonOrderId),
  ],
);

export const fulfilmentOrderItems = pgTable(
  'fulfilment_order_items',
  {
    orderId: uuid('order_id').notNull().references(() => fulfilmentOrders.id),
    /** sellerFulfillmentOrderItemId. */
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    sellerSku: text('seller_sku').notNull(),
    quantity: integer('quantity').notNull(),
    shippedQuantity: integer('shipped_quantity').notNull().default(0),
    cancelledQuantity: integer('cancelled_quantity').notNull().default(0),
    unfulfillableQuantity: integer('unfulfillable_quantity').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.lineNo] }), index('fulfilment_order_items_sku_idx').on(t.sellerSku)],
);

/** Amazon's packages: one carrier and tracking number each; an item may be split over several. */
export const fulfilmentPackages = pgTable(
  'fulfilment_packages',
  {
    orderId: uuid('order_id').notNull().references(() => fulfilmentOrders.id),
    packageNumber: integer('package_number').notNull(),
    carrierCode: text('carrier_code'),
    trackingNumber: text('tracking_number'),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    estimatedArrivalAt: timestamp('estimated_arrival_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** Amazon's current tracking status of the package (IN_TRANSIT, DELIVERED, …). */
    trackingStatus: text('tracking_status'),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.packageNumber] }), index('fulfilment_packages_tracking_idx').on(t.trackingNumber)],
);

export const fulfilmentPackageItems = pgTable(
  'fulfilment_package_items',
  {
    orderId: uuid('order_id').notNull().references(() => fulfilmentOrders.id),
    packageNumber: integer('package_number').notNull(),
    lineNo: integer('line_no').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.packageNumber, t.lineNo] })],
);

/** The fulfilment order log: status changes, sends, Amazon's refusals, tracking numbers, edits. */
export const fulfilmentOrderLog = pgTable(
  'fulfilment_order_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull().references(() => fulfilmentOrders.id),
    message: text('message').notNull(),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fulfilment_order_log_order_idx').on(t.orderId, t.id)],
);

export const OUTBOX_STATUSES = ['pending', 'sending', 'done', 'failed'] as const;

/**
 * Intent to call Amazon, written in the same transaction as the change that needs the call. The
 * worker's drain claims rows (FOR UPDATE SKIP LOCKED), calls Amazon outside any transaction, and
 * records the result; a claim left by a crashed worker is taken again after its lease, and the
 * call repeats with the same idempotency key.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** What to do, e.g. 'fo.create', 'fo.update', 'fo.cancel'. */
    kind: text('kind').notNull(),
    /** The row it concerns (a fulfilment order's id). */
    subjectId: uuid('subject_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while a worker holds the row; a lease older than the drain's timeout is taken again. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} IN ('pending', 'sending')`),
    index('outbox_subject_idx').on(t.subjectId, t.id),
  ],
);
