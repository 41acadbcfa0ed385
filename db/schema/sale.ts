import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { customers, products } from './catalog';
import { bins, locations, priceTiers } from './reference';

/** The order itself: Draft until Authorised; Voided only from Draft (an authorised order is undone first). */
export const SALE_ORDER_STATUSES = ['Draft', 'Authorised', 'Voided'] as const;
/** Each of Pick, Pack, Ship and Invoice: not reached yet, being filled in, or authorised. */
export const SALE_STAGE_STATUSES = ['Not Started', 'Draft', 'Authorised'] as const;
export const SALE_STAGES = ['Order', 'Pick', 'Pack', 'Ship', 'Invoice'] as const;
/** The seed's shipping options; they map onto Amazon's ShippingSpeedCategory of the same names. */
export const SHIPPING_OPTIONS = ['Standard', 'Expedited', 'Priority'] as const;

/**
 * A ship-to address, copied onto the row that ships (a sale, then each of its fulfilment orders),
 * so a later change of the customer never changes where a shipped order went. Country: ISO 3166-1
 * alpha-2. A function: every table needs its own column builders.
 */
export function shipToColumns() {
  return {
    shipToName: text('ship_to_name').notNull(),
    shipToLine1: text('ship_to_line1').notNull(),
    shipToLine2: text('ship_to_line2'),
    shipToCity: text('ship_to_city').notNull(),
    shipToState: text('ship_to_state'),
    shipToPostalCode: text('ship_to_postal_code').notNull(),
    shipToCountry: text('ship_to_country').notNull(),
    shipToPhone: text('ship_to_phone'),
  };
}

/**
 * Sale → New sale: a customer's order and its stages. Addresses are copied from the customer when
 * the sale is made, so editing the customer later does not change a sale already shipped.
 */
export const sales = pgTable(
  'sales',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SO-00001, handed out by document_counters. */
    number: text('number').notNull().unique(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    priceTier: smallint('price_tier').notNull().references(() => priceTiers.tier),
    orderStatus: text('order_status', { enum: SALE_ORDER_STATUSES }).notNull().default('Draft'),
    pickStatus: text('pick_status', { enum: SALE_STAGE_STATUSES }).notNull().default('Not Started'),
    packStatus: text('pack_status', { enum: SALE_STAGE_STATUSES }).notNull().default('Not Started'),
    shipStatus: text('ship_status', { enum: SALE_STAGE_STATUSES }).notNull().default('Not Started'),
    invoiceStatus: text('invoice_status', { enum: SALE_STAGE_STATUSES }).notNull().default('Not Started'),
    ...shipToColumns(),
    customerReference: text('customer_reference'),
    /** Printed by Amazon on the packing slip of its fulfilment orders (DisplayableOrderComment). */
    comment: text('comment'),
    // Ship stage (the current, or last authorised, shipment)
    shippingOption: text('shipping_option', { enum: SHIPPING_OPTIONS }).notNull().default('Standard'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    skipFulfilment: boolean('skip_fulfilment').notNull().default(false),
    // Invoice stage, fixed when it is authorised (minor units)
    invoiceNumber: text('invoice_number'),
    invoiceTotal: bigint('invoice_total', { mode: 'number' }),
    invoiceDueAt: timestamp('invoice_due_at', { withTimezone: true }),
    /** Sum of payments (minor units), kept with each payment under the sale's row lock. */
    paidTotal: bigint('paid_total', { mode: 'number' }).notNull().default(0),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    authorisedAt: timestamp('authorised_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The sale list pages by (created_at, id) newest first, filtered by any stage's status.
    index('sales_created_idx').on(t.createdAt, t.id),
    index('sales_order_status_idx').on(t.orderStatus, t.createdAt, t.id),
    index('sales_pick_status_idx').on(t.pickStatus, t.createdAt, t.id),
    index('sales_pack_status_idx').on(t.packStatus, t.createdAt, t.id),
    index('sales_ship_status_idx').on(t.shipStatus, t.createdAt, t.id),
    index('sales_invoice_status_idx').on(t.invoiceStatus, t.createdAt, t.id),
    index('sales_customer_idx').on(t.customerId, t.createdAt),
    index('sales_number_prefix_idx').on(sql`lower(${t.number}) text_pattern_ops`),
    check('sales_paid_nonnegative', sql`${t.paidTotal} >= 0`),
  ],
);

/** Order lines: what was sold, at what price (minor units), from which location by default. */
export const saleLines = pgTable(
  'sale_lines',
  {
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    quantity: integer('quantity').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    /** Where Pick takes it from unless changed there: the product's default location when added. */
    locationId: uuid('location_id').references(() => locations.id),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.lineNo] }), index('sale_lines_product_idx').on(t.productId), check('sale_lines_quantity_positive', sql`${t.quantity} > 0`)],
);

/** Pick: where each unit comes from. Authorising Pick moves these out through the ledger. */
export const salePickLines = pgTable(
  'sale_pick_lines',
  {
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    saleLineNo: integer('sale_line_no').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    binId: uuid('bin_id').references(() => bins.id),
    quantity: integer('quantity').notNull(),
  },
  // The 3PL Shipment List and the API's readyToShipFrom find the sales picked at a location from here.
  (t) => [primaryKey({ columns: [t.saleId, t.lineNo] }), index('sale_pick_lines_location_idx').on(t.locationId, t.saleId), check('sale_pick_lines_quantity_positive', sql`${t.quantity} > 0`)],
);

/**
 * Pack: boxes. A box holds own stock (external_location_id null) or the lines of one external
 * location, never both: FBA items are boxed apart from the merchant's own.
 */
export const saleBoxes = pgTable(
  'sale_boxes',
  {
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    boxNo: integer('box_no').notNull(),
    externalLocationId: uuid('external_location_id').references(() => locations.id),
    /** Grams and millimetres, as typed (optional). */
    weightGrams: integer('weight_grams'),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.boxNo] })],
);

export const salePackLines = pgTable(
  'sale_pack_lines',
  {
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    boxNo: integer('box_no').notNull(),
    pickLineNo: integer('pick_line_no').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.boxNo, t.pickLineNo] }), check('sale_pack_lines_quantity_positive', sql`${t.quantity} > 0`)],
);

/**
 * One Ship authorisation of a sale. Undoing Ship ends it (undone_at) and a new one is made when Ship
 * is authorised again, so a fulfilment order always belongs to the shipment that created it.
 */
export const saleShipments = pgTable(
  'sale_shipments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    seq: integer('seq').notNull(),
    shippingOption: text('shipping_option', { enum: SHIPPING_OPTIONS }).notNull(),
    skipFulfilment: boolean('skip_fulfilment').notNull().default(false),
    userId: uuid('user_id').references(() => users.id),
    authorisedAt: timestamp('authorised_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the goods left, as an outside warehouse reports it through the API (null: not reported). */
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('sale_shipments_sale_idx').on(t.saleId, t.seq)],
);

/** Ship lines ("Copy from Pack" or added by hand). */
export const saleShipLines = pgTable(
  'sale_ship_lines',
  {
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    pickLineNo: integer('pick_line_no').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    boxNo: integer('box_no'),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.lineNo] }), check('sale_ship_lines_quantity_positive', sql`${t.quantity} > 0`)],
);

export const salePayments = pgTable(
  'sale_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    /** Minor units; a refund is negative. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    method: text('method'),
    reference: text('reference'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sale_payments_sale_idx').on(t.saleId, t.paidAt)],
);

/** Every stage change of a sale (who, when, what), and tracking numbers from fulfilment orders. */
export const saleLog = pgTable(
  'sale_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    saleId: uuid('sale_id').notNull().references(() => sales.id),
    stage: text('stage', { enum: SALE_STAGES }).notNull(),
    message: text('message').notNull(),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sale_log_sale_idx').on(t.saleId, t.id)],
);
