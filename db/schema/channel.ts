import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { amazonStores } from './fba';
import { locations } from './reference';
import { sales } from './sale';

/**
 * What became of an Amazon order here:
 * - Imported: a sale was made (sale_id);
 * - Held: not imported yet, for the reason in held_reason (a SKU that maps to no product, too little
 *   stock at the FBA location, no location mapped); tried again at every download;
 * - Cancelled: Amazon cancelled it (the sale, if one was made, was cancelled and its stock moves reversed);
 * - Skipped: never imported (cancelled at Amazon before a sale was made).
 */
export const AMAZON_ORDER_STATES = ['Imported', 'Held', 'Cancelled', 'Skipped'] as const;
export const FULFILLMENT_CHANNELS = ['AFN', 'MFN'] as const;

/** One item of an Amazon order as downloaded (getOrderItems); money in minor units. */
export type AmazonOrderItem = {
  orderItemId: string;
  sellerSku: string;
  asin: string | null;
  title: string | null;
  quantity: number;
  quantityShipped: number;
  /** ItemPrice: the line's total (unit price × quantity), minor units. */
  price: number;
  tax: number;
};

/** Where the order goes, from getOrderAddress (MFN orders need it for a fulfilment order). */
export type AmazonOrderAddress = {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
};

/**
 * Integration → Amazon → [store] → Orders: every Amazon order downloaded from a store, once per
 * Amazon order id (a re-download updates the row, never makes a second sale).
 */
export const amazonOrders = pgTable(
  'amazon_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => amazonStores.id),
    amazonOrderId: text('amazon_order_id').notNull(),
    marketplaceId: text('marketplace_id').notNull(),
    fulfillmentChannel: text('fulfillment_channel', { enum: FULFILLMENT_CHANNELS }).notNull(),
    /** Amazon's OrderStatus as last downloaded (Pending, Unshipped, PartiallyShipped, Shipped, Canceled, …). */
    amazonStatus: text('amazon_status').notNull(),
    purchaseDate: timestamp('purchase_date', { withTimezone: true }).notNull(),
    lastUpdateDate: timestamp('last_update_date', { withTimezone: true }).notNull(),
    currency: text('currency'),
    /** OrderTotal, minor units. */
    orderTotal: bigint('order_total', { mode: 'number' }),
    items: jsonb('items').$type<AmazonOrderItem[]>().notNull(),
    shipTo: jsonb('ship_to').$type<AmazonOrderAddress>(),
    state: text('state', { enum: AMAZON_ORDER_STATES }).notNull(),
    /** Why a Held order is not imported yet, in words for the page. */
    heldReason: text('held_reason'),
    saleId: uuid('sale_id').references(() => sales.id),
    /** Where the sale is sold from (the AFN or MFN location when it was imported). */
    locationId: uuid('location_id').references(() => locations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('amazon_orders_store_order').on(t.storeId, t.amazonOrderId),
    uniqueIndex('amazon_orders_sale').on(t.saleId),
    // The Orders tab pages by purchase date newest first, filtered by state or channel, searched by order id.
    index('amazon_orders_store_purchase_idx').on(t.storeId, t.purchaseDate, t.id),
    index('amazon_orders_store_state_idx').on(t.storeId, t.state, t.purchaseDate, t.id),
    index('amazon_orders_store_channel_idx').on(t.storeId, t.fulfillmentChannel, t.purchaseDate, t.id),
    index('amazon_orders_order_id_idx').on(sql`${t.amazonOrderId} text_pattern_ops`),
  ],
);
