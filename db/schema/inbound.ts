import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { products } from './catalog';
import { fbaConnections } from './fba';
import { stockTransfers } from './stock';

/**
 * Our status of an inbound shipment: Draft while the wizard runs, then the least advanced status of
 * its shipments at Amazon (v0's words, title case). Cancelled, Deleted and Error are final: the
 * status download leaves them alone.
 */
export const INBOUND_STATUSES = [
  'Draft',
  'Working',
  'Ready to Ship',
  'Shipped',
  'In Transit',
  'Delivered',
  'Checked In',
  'Receiving',
  'Closed',
  'Cancelled',
  'Deleted',
  'Error',
] as const;

/** The wizard's steps, in order; `done` once the shipment is confirmed at Amazon. */
export const INBOUND_STEPS = ['items', 'packing', 'boxes', 'placement', 'transport', 'delivery', 'review', 'done'] as const;

export const LABEL_OWNERS = ['SELLER', 'AMAZON', 'NONE'] as const;
export const PREP_OWNERS = ['SELLER', 'AMAZON', 'NONE'] as const;
export const DIMENSION_UNITS = ['IN', 'CM'] as const;
export const WEIGHT_UNITS = ['LB', 'KG'] as const;

/** An option Amazon offered, kept as Amazon listed it (ids, fees in minor units, dates as ISO strings). */
export type InboundOption = Record<string, unknown>;

/**
 * Integration → Fulfilment by Amazon → Inbound Shipments: one Send-to-Amazon inbound plan, made by
 * the wizard, moving the goods of one stock transfer (the seed's "Replenishment order") from a
 * location of ours into the connection's FBA location. Deleting it (X) keeps the row with
 * `deletedAt` set; the shipment at Amazon is not touched.
 */
export const inboundShipments = pgTable(
  'inbound_shipments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    connectionId: uuid('connection_id').notNull().references(() => fbaConnections.id),
    transferId: uuid('transfer_id').notNull().references(() => stockTransfers.id),
    /** The plan's name at Amazon (the transfer number and where the goods come from). */
    name: text('name').notNull(),
    status: text('status', { enum: INBOUND_STATUSES }).notNull().default('Draft'),
    step: text('step', { enum: INBOUND_STEPS }).notNull().default('items'),
    /** The ship-from address and contact sent to Amazon (from the Setup tab when the plan was made). */
    shipFrom: jsonb('ship_from').$type<Record<string, string | null>>().notNull(),
    inboundPlanId: text('inbound_plan_id'),
    packingGroupId: text('packing_group_id'),
    packingOptions: jsonb('packing_options').$type<InboundOption[]>().notNull().default([]),
    packingOptionId: text('packing_option_id'),
    placementOptions: jsonb('placement_options').$type<InboundOption[]>().notNull().default([]),
    placementOptionId: text('placement_option_id'),
    /** Amazon's placement fee of the chosen option, in minor units. */
    placementFee: bigint('placement_fee', { mode: 'number' }),
    /** The day the goods are ready to ship (readyToShipWindow.start), UTC. */
    readyToShipOn: date('ready_to_ship_on', { mode: 'string' }),
    /** Estimated shipping charges: the partnered carrier's quotes of the chosen options, in minor units. */
    estimatedCharges: bigint('estimated_charges', { mode: 'number' }),
    currency: text('currency'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** When the status download last read it from Amazon. */
    statusCheckedAt: timestamp('status_checked_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('inbound_shipments_transfer').on(t.transferId),
    // The tab: a connection's shipments, newest first, within a date range.
    index('inbound_shipments_list_idx').on(t.connectionId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    // The status download: shipments still moving.
    index('inbound_shipments_open_idx').on(t.connectionId, t.status).where(sql`${t.deletedAt} IS NULL AND ${t.status} NOT IN ('Draft', 'Closed', 'Cancelled', 'Deleted', 'Error')`),
  ],
);

/** The goods: one line per product, numbered as the transfer's lines. */
export const inboundShipmentLines = pgTable(
  'inbound_shipment_lines',
  {
    inboundId: uuid('inbound_id').notNull().references(() => inboundShipments.id),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    /** The FBA listing's merchant SKU (msku) and FNSKU when the line was added. */
    sellerSku: text('seller_sku').notNull(),
    fnsku: text('fnsku'),
    quantity: integer('quantity').notNull(),
    labelOwner: text('label_owner', { enum: LABEL_OWNERS }).notNull().default('SELLER'),
    prepOwner: text('prep_owner', { enum: PREP_OWNERS }).notNull().default('NONE'),
  },
  (t) => [primaryKey({ columns: [t.inboundId, t.lineNo] }), unique('inbound_shipment_lines_sku').on(t.inboundId, t.sellerSku), check('inbound_lines_quantity', sql`${t.quantity} > 0`)],
);

/** A shipment at Amazon: the chosen placement splits a plan into one or more, each to a warehouse. */
export const inboundAmazonShipments = pgTable(
  'inbound_amazon_shipments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inboundId: uuid('inbound_id').notNull().references(() => inboundShipments.id),
    /** Amazon's shipmentId (2024-03-20) and shipmentConfirmationId (FBA…, v0's ShipmentId, on labels). */
    shipmentId: text('shipment_id').notNull(),
    confirmationId: text('confirmation_id'),
    name: text('name'),
    warehouseId: text('warehouse_id'),
    destination: jsonb('destination').$type<Record<string, string | null>>(),
    /** Amazon's status word as last read (WORKING, SHIPPED, RECEIVING, CLOSED, …). */
    amazonStatus: text('amazon_status'),
    transportationOptions: jsonb('transportation_options').$type<InboundOption[]>().notNull().default([]),
    transportationOptionId: text('transportation_option_id'),
    /** Amazon-partnered carrier (quote, labels from Amazon) or another carrier (tracking entered later). */
    partnered: boolean('partnered'),
    carrier: text('carrier'),
    /** The partnered carrier's quote, in minor units. */
    charge: bigint('charge', { mode: 'number' }),
    currency: text('currency'),
    deliveryWindowOptions: jsonb('delivery_window_options').$type<InboundOption[]>().notNull().default([]),
    deliveryWindowOptionId: text('delivery_window_option_id'),
    deliveryWindowStart: timestamp('delivery_window_start', { withTimezone: true }),
    deliveryWindowEnd: timestamp('delivery_window_end', { withTimezone: true }),
    /** Tracking numbers sent to Amazon (another carrier), per box id. */
    tracking: jsonb('tracking').$type<{ boxId: string; trackingId: string }[]>().notNull().default([]),
    statusUpdatedAt: timestamp('status_updated_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('inbound_amazon_shipments_id').on(t.shipmentId), index('inbound_amazon_shipments_inbound_idx').on(t.inboundId)],
);

/** What Amazon says it received, per shipment and SKU; the FBA location is stocked by the difference. */
export const inboundReceipts = pgTable(
  'inbound_receipts',
  {
    amazonShipmentId: uuid('amazon_shipment_id').notNull().references(() => inboundAmazonShipments.id),
    lineNo: integer('line_no').notNull(),
    shipped: integer('shipped').notNull(),
    received: integer('received').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.amazonShipmentId, t.lineNo] })],
);

/** A box: dimensions and weight as decimal strings in the chosen units; Amazon's box id once placed. */
export const inboundBoxes = pgTable(
  'inbound_boxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inboundId: uuid('inbound_id').notNull().references(() => inboundShipments.id),
    boxNo: integer('box_no').notNull(),
    length: numeric('length', { precision: 8, scale: 2 }).notNull(),
    width: numeric('width', { precision: 8, scale: 2 }).notNull(),
    height: numeric('height', { precision: 8, scale: 2 }).notNull(),
    dimensionUnit: text('dimension_unit', { enum: DIMENSION_UNITS }).notNull().default('IN'),
    weight: numeric('weight', { precision: 8, scale: 2 }).notNull(),
    weightUnit: text('weight_unit', { enum: WEIGHT_UNITS }).notNull().default('LB'),
    /** FBA…U000001: Amazon's id of the box, printed as its barcode. */
    amazonBoxId: text('amazon_box_id'),
    amazonShipmentId: uuid('amazon_shipment_id').references(() => inboundAmazonShipments.id),
  },
  (t) => [unique('inbound_boxes_no').on(t.inboundId, t.boxNo)],
);

export const inboundBoxItems = pgTable(
  'inbound_box_items',
  {
    boxId: uuid('box_id').notNull().references(() => inboundBoxes.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.boxId, t.lineNo] }), check('inbound_box_items_quantity', sql`${t.quantity} > 0`)],
);

/** The inbound shipment's log: each step, Amazon's answers and refusals, statuses, receipts, who pressed what. */
export const inboundLog = pgTable(
  'inbound_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    inboundId: uuid('inbound_id').notNull().references(() => inboundShipments.id),
    message: text('message').notNull(),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbound_log_inbound_idx').on(t.inboundId, t.id)],
);
