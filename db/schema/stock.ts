import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, pgTable, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { products } from './catalog';
import { bins, locations } from './reference';

/** Every document that can move stock; the ledger names its source with one of these. */
export const SOURCE_TYPES = ['adjustment', 'stocktake', 'transfer', 'sale', 'return', 'channel_order'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/**
 * The stock ledger: append-only. A correction is a new entry with `reversesId` set, never an
 * UPDATE or DELETE. `unitCost` is in 1/10,000 of the base currency.
 */
export const stockLedger = pgTable(
  'stock_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: uuid('product_id').notNull().references(() => products.id),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    binId: uuid('bin_id').references(() => bins.id),
    quantity: integer('quantity').notNull(),
    unitCost: bigint('unit_cost', { mode: 'number' }).notNull(),
    sourceType: text('source_type', { enum: SOURCE_TYPES }).notNull(),
    sourceId: uuid('source_id').notNull(),
    sourceLine: integer('source_line').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_ledger_product_idx').on(t.productId, t.locationId),
    index('stock_ledger_source_idx').on(t.sourceType, t.sourceId),
    check('stock_ledger_nonzero', sql`${t.quantity} <> 0`),
  ],
);

/** Cache of the ledger per product × location × bin, updated under a row lock with each entry. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id').notNull().references(() => products.id),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    binId: uuid('bin_id').references(() => bins.id),
    onHand: integer('on_hand').notNull().default(0),
    allocated: integer('allocated').notNull().default(0),
  },
  (t) => [
    unique('stock_levels_key').on(t.productId, t.locationId, t.binId).nullsNotDistinct(),
    index('stock_levels_location_idx').on(t.locationId, t.productId),
    check('stock_levels_on_hand_nonnegative', sql`${t.onHand} >= 0`),
    check('stock_levels_allocated_range', sql`${t.allocated} >= 0 AND ${t.allocated} <= ${t.onHand}`),
  ],
);

/** Moving weighted average cost per product, over all owned stock (in transit included). */
export const productCosts = pgTable('product_costs', {
  productId: uuid('product_id').primaryKey().references(() => products.id),
  quantity: integer('quantity').notNull().default(0),
  averageCost: bigint('average_cost', { mode: 'number' }).notNull().default(0),
});

export const ADJUSTMENT_STATUSES = ['Completed', 'Voided'] as const;
export const stockAdjustments = pgTable('stock_adjustments', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  reason: text('reason').notNull(),
  status: text('status', { enum: ADJUSTMENT_STATUSES }).notNull().default('Completed'),
  /** The transfer whose short receipt this adjustment writes off (voiding the transfer voids it first). */
  transferId: uuid('transfer_id').references((): AnyPgColumn => stockTransfers.id),
  userId: uuid('user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
});

export const stockAdjustmentLines = pgTable(
  'stock_adjustment_lines',
  {
    adjustmentId: uuid('adjustment_id').notNull().references(() => stockAdjustments.id),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    binId: uuid('bin_id').references(() => bins.id),
    quantity: integer('quantity').notNull(),
    unitCost: bigint('unit_cost', { mode: 'number' }),
  },
  (t) => [unique('stock_adjustment_lines_pk').on(t.adjustmentId, t.lineNo)],
);

export const STOCKTAKE_STATUSES = ['In Progress', 'Completed', 'Voided'] as const;
export const stocktakes = pgTable(
  'stocktakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    status: text('status', { enum: STOCKTAKE_STATUSES }).notNull().default('In Progress'),
    note: text('note'),
    /** Set when Auto-Sync Stock with FBA made it; `needsAttention` when it could not complete alone. */
    autoSync: boolean('auto_sync').notNull().default(false),
    needsAttention: text('needs_attention'),
    /** When the FBA Sync last filled the counts (null: never synced). */
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    userId: uuid('user_id').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Who completed it: the page says so, so a user whose request died after the commit is not left guessing. */
    completedBy: uuid('completed_by').references(() => users.id),
  },
  (t) => [index('stocktakes_status_idx').on(t.status, t.startedAt)],
);

export const stocktakeLines = pgTable(
  'stocktake_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stocktakeId: uuid('stocktake_id').notNull().references(() => stocktakes.id),
    productId: uuid('product_id').notNull().references(() => products.id),
    binId: uuid('bin_id').references(() => bins.id),
    /** On hand when the stocktake started (or when the line was added). */
    expected: integer('expected').notNull(),
    /** Null = not counted yet; Complete leaves uncounted lines unchanged. */
    counted: integer('counted'),
    /** Needed for a product the company holds none of (no average cost to use). */
    unitCost: bigint('unit_cost', { mode: 'number' }),
  },
  (t) => [unique('stocktake_lines_key').on(t.stocktakeId, t.productId, t.binId).nullsNotDistinct()],
);

/**
 * A stocktake's line counts, kept by statement triggers on stocktake_lines (migration 0021) so the
 * stocktake page reads one row instead of counting 50,000 lines on every load. A table of its own,
 * not columns of stocktakes: scanners hold the stocktake FOR SHARE side by side, and writing the
 * stocktake row under them would deadlock. Only a statement that adds, removes, or counts / uncounts
 * a line writes here; a scan that adds to an already counted line does not.
 */
export const stocktakeLineCounts = pgTable('stocktake_line_counts', {
  stocktakeId: uuid('stocktake_id')
    .primaryKey()
    .references(() => stocktakes.id, { onDelete: 'cascade' }),
  lines: integer('lines').notNull().default(0),
  counted: integer('counted').notNull().default(0),
});

export const TRANSFER_STATUSES = ['Draft', 'In Transit', 'Completed', 'Voided'] as const;
export const stockTransfers = pgTable(
  'stock_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    fromLocationId: uuid('from_location_id').notNull().references(() => locations.id),
    fromBinId: uuid('from_bin_id').references(() => bins.id),
    toLocationId: uuid('to_location_id').notNull().references(() => locations.id),
    toBinId: uuid('to_bin_id').references(() => bins.id),
    status: text('status', { enum: TRANSFER_STATUSES }).notNull().default('Draft'),
    note: text('note'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
  },
  (t) => [index('stock_transfers_status_idx').on(t.status, t.createdAt)],
);

export const stockTransferLines = pgTable(
  'stock_transfer_lines',
  {
    transferId: uuid('transfer_id').notNull().references(() => stockTransfers.id),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    quantity: integer('quantity').notNull(),
    /** Units received so far (a transfer received in parts, e.g. by Amazon); short when below quantity at completion. */
    received: integer('received').notNull().default(0),
  },
  (t) => [unique('stock_transfer_lines_pk').on(t.transferId, t.lineNo)],
);

/**
 * One scan on the floor (Stocktake → Count): the device makes its id, so a scan sent twice (a
 * retry, a queue replayed after the connection came back) is counted once. Undo marks the row and
 * takes its quantity off the line again.
 */
export const stocktakeScans = pgTable(
  'stocktake_scans',
  {
    id: uuid('id').primaryKey(),
    stocktakeId: uuid('stocktake_id').notNull().references(() => stocktakes.id),
    lineId: uuid('line_id').notNull().references(() => stocktakeLines.id),
    /** What was scanned or typed (SKU, manufacturer barcode or FNSKU). */
    code: text('code').notNull(),
    quantity: integer('quantity').notNull(),
    userId: uuid('user_id').references(() => users.id),
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('stocktake_scans_stocktake_idx').on(t.stocktakeId, t.userId, t.scannedAt), check('stocktake_scans_quantity_positive', sql`${t.quantity} > 0`)],
);
