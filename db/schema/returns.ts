import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { products } from './catalog';
import { fulfilmentOrders } from './fulfilment';
import { locations } from './reference';
import { sales } from './sale';

/** Where a credit note's units came from: Amazon's FBA customer returns report, or a fulfilment order's return. */
export const CREDIT_NOTE_SOURCES = ['customer_return', 'fo_return'] as const;

/**
 * A credit note on a sale: units the customer sent back. Sellable units go back into stock at the
 * location (ledger source 'return'); unsellable ones are recorded with Amazon's disposition and
 * reason and never become stock.
 */
export const saleCreditNotes = pgTable(
  'sale_credit_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** CR-00001, handed out by document_counters. */
    number: text('number').notNull().unique(),
    saleId: uuid('sale_id')
      .notNull()
      .references(() => sales.id),
    source: text('source', { enum: CREDIT_NOTE_SOURCES }).notNull(),
    /** Amazon's reference: the order id of a customer return, the return authorisation of a fulfilment order's return. */
    reference: text('reference'),
    /** Minor units: the returned units at the sale's prices. */
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sale_credit_notes_sale_idx').on(t.saleId, t.createdAt)],
);

export const saleCreditNoteLines = pgTable(
  'sale_credit_note_lines',
  {
    creditNoteId: uuid('credit_note_id')
      .notNull()
      .references(() => saleCreditNotes.id),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    quantity: integer('quantity').notNull(),
    /** Minor units. */
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    /** Amazon's words: SELLABLE, DEFECTIVE, CUSTOMER_DAMAGED… or Sellable, Defective… for a fulfilment order's return. */
    disposition: text('disposition').notNull(),
    reason: text('reason'),
    /** True when the units went back into stock (sellable); false when only recorded. */
    restocked: boolean('restocked').notNull(),
    /**
     * What Amazon reported, once: a customer returns report row (order, SKU, return date, licence
     * plate, disposition) or a fulfilment order's return item id. A second download adds nothing.
     */
    externalKey: text('external_key').notNull(),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.creditNoteId, t.lineNo] }),
    uniqueIndex('sale_credit_note_lines_external').on(t.externalKey),
    check('sale_credit_note_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/** A return requested at Amazon for a fulfilment order (createFulfillmentReturn), one row per unit asked back. */
export const FO_RETURN_STATUSES = ['Requested', 'Authorised', 'Received', 'Refused'] as const;

export const fulfilmentReturns = pgTable(
  'fulfilment_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => fulfilmentOrders.id),
    /** sellerReturnItemId: unique per seller at Amazon. */
    sellerReturnItemId: text('seller_return_item_id').notNull(),
    /** The fulfilment order's line (sellerFulfillmentOrderItemId). */
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    amazonShipmentId: text('amazon_shipment_id').notNull(),
    reasonCode: text('reason_code').notNull(),
    comment: text('comment'),
    status: text('status', { enum: FO_RETURN_STATUSES }).notNull().default('Requested'),
    returnAuthorizationId: text('return_authorization_id'),
    amazonRmaId: text('amazon_rma_id'),
    /** Amazon's returnReceivedCondition once processed (Sellable, Defective, CustomerDamaged, …). */
    receivedCondition: text('received_condition'),
    /** Amazon's refusal (invalidReturnItems) in its words. */
    error: text('error'),
    creditNoteId: uuid('credit_note_id').references(() => saleCreditNotes.id),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('fulfilment_returns_item').on(t.sellerReturnItemId), index('fulfilment_returns_order_idx').on(t.orderId, t.createdAt)],
);
