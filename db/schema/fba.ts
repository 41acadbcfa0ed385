import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { customers, products } from './catalog';
import { locations, priceTiers } from './reference';
import { stocktakes } from './stock';

/** Where a connection's SP-API calls go: the bundled sandbox, or Amazon's region endpoints. */
export const SP_ENDPOINTS = ['sandbox', 'NA', 'EU', 'FE'] as const;
export type SpEndpointName = (typeof SP_ENDPOINTS)[number];

/** Integration → Amazon: a seller's store (the eCommerce connection FBA can reuse). */
export const amazonStores = pgTable(
  'amazon_stores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    sellerId: text('seller_id').notNull(),
    marketplaceIds: text('marketplace_ids').array().notNull(),
    /** The SP-API refresh token (the seed's "MWS Auth Token"), AES-256-GCM encrypted. */
    refreshTokenEnc: text('refresh_token_enc').notNull(),
    /** Keyed hash (HMAC-SHA256) of the refresh token: recognises a token already connected without storing it in clear. */
    refreshTokenHash: text('refresh_token_hash'),
    endpoint: text('endpoint', { enum: SP_ENDPOINTS }).notNull().default('sandbox'),
    /** The store name Amazon returned when the credentials were verified. */
    amazonStoreName: text('amazon_store_name'),
    // Orders from this store (issue 11). Amazon-fulfilled (AFN) orders are sold from the FBA
    // location of the store's seller; merchant-fulfilled (MFN) orders from the location chosen here,
    // which may itself be an FBA location (then they go out as fulfilment orders).
    /** Where AFN orders are sold from: the external location of an FBA connection of this seller. */
    afnLocationId: uuid('afn_location_id').references(() => locations.id),
    /** Where MFN orders are picked from. */
    mfnLocationId: uuid('mfn_location_id').references(() => locations.id),
    /** The customer the store's sales are made out to (created with the mapping). */
    customerId: uuid('customer_id').references(() => customers.id),
    /** "Download orders every 15 minutes". */
    ordersEnabled: boolean('orders_enabled').notNull().default(false),
    /** Orders last updated at Amazon before this are not downloaded (the first run starts here). */
    ordersFrom: timestamp('orders_from', { withTimezone: true }),
    /** LastUpdatedAfter of the next download: Amazon's LastUpdatedBefore of the last one that finished. */
    lastOrdersAt: timestamp('last_orders_at', { withTimezone: true }),
    /** The end of the last customer returns report read (its dataEndTime). */
    lastReturnsAt: timestamp('last_returns_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('amazon_stores_seller').on(t.sellerId, t.endpoint), uniqueIndex('amazon_stores_token').on(t.refreshTokenHash, t.endpoint)],
);

export const FO_CREATE_STATUSES = ['On Hold', 'Shipped'] as const;
export const ORDER_PROCESSING = ['Manual', 'Automatic'] as const;
export const AUTO_SYNC_INTERVALS = ['Never', 'Daily', 'Weekly', 'Monthly'] as const;
export const CONNECTION_STATUSES = ['Active', 'Disconnected'] as const;

/** Integration → Fulfilment by Amazon: one FBA account, its external location and its Setup. */
export const fbaConnections = pgTable(
  'fba_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The FBA account name: the store name Amazon returns for the credentials. */
    name: text('name').notNull(),
    amazonStoreId: uuid('amazon_store_id').references(() => amazonStores.id),
    sellerId: text('seller_id').notNull(),
    marketplaceId: text('marketplace_id').notNull(),
    refreshTokenEnc: text('refresh_token_enc').notNull(),
    /** Keyed hash (HMAC-SHA256) of the refresh token: recognises a token already connected without storing it in clear. */
    refreshTokenHash: text('refresh_token_hash'),
    endpoint: text('endpoint', { enum: SP_ENDPOINTS }).notNull().default('sandbox'),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    status: text('status', { enum: CONNECTION_STATUSES }).notNull().default('Active'),
    // Setup tab
    priceTier: smallint('price_tier').notNull().default(1).references(() => priceTiers.tier),
    foCreateStatus: text('fo_create_status', { enum: FO_CREATE_STATUSES }).notNull().default('Shipped'),
    orderProcessing: text('order_processing', { enum: ORDER_PROCESSING }).notNull().default('Manual'),
    createMissingProducts: boolean('create_missing_products').notNull().default(false),
    autoSync: text('auto_sync', { enum: AUTO_SYNC_INTERVALS }).notNull().default('Never'),
    /** UTC hour (0–23) at which auto-sync runs; weekly runs on Mondays, monthly on the 1st. */
    autoSyncHour: smallint('auto_sync_hour').notNull().default(0),
    /** Amazon's PageType for box/shipping labels (e.g. PackageLabel_Letter_2). */
    labelPageType: text('label_page_type').notNull().default('PackageLabel_Letter_2'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    shipFromName: text('ship_from_name'),
    shipFromLine1: text('ship_from_line1'),
    shipFromLine2: text('ship_from_line2'),
    shipFromCity: text('ship_from_city'),
    shipFromState: text('ship_from_state'),
    shipFromPostalCode: text('ship_from_postal_code'),
    shipFromCountry: text('ship_from_country'),
    lastInventorySyncAt: timestamp('last_inventory_sync_at', { withTimezone: true }),
    lastAutoSyncAt: timestamp('last_auto_sync_at', { withTimezone: true }),
    /** The queryStartDate of the next tracking run: Amazon is asked only what changed since. */
    lastTrackingAt: timestamp('last_tracking_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true }),
  },
  (t) => [
    // One location per active connection, and one active connection per seller × marketplace.
    uniqueIndex('fba_connections_location_active').on(t.locationId).where(sql`${t.status} = 'Active'`),
    uniqueIndex('fba_connections_seller_active').on(t.sellerId, t.marketplaceId, t.endpoint).where(sql`${t.status} = 'Active'`),
    // One active connection per Amazon account × marketplace, whatever Seller ID was typed with its token.
    uniqueIndex('fba_connections_token_active').on(t.refreshTokenHash, t.marketplaceId, t.endpoint).where(sql`${t.status} = 'Active'`),
  ],
);

/** Every change to a connection's Setup: who, when, and field → [before, after]. */
export const fbaSettingsLog = pgTable(
  'fba_settings_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    connectionId: uuid('connection_id').notNull().references(() => fbaConnections.id),
    userId: uuid('user_id').references(() => users.id),
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fba_settings_log_connection_idx').on(t.connectionId, t.createdAt)],
);

export const MAPPED_BY = ['sku', 'barcode', 'manual'] as const;

/** The Catalog tab: a connection's FBA listings with Amazon's quantities by disposition. */
export const fbaListings = pgTable(
  'fba_listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    connectionId: uuid('connection_id').notNull().references(() => fbaConnections.id),
    sellerSku: text('seller_sku').notNull(),
    fnsku: text('fnsku'),
    asin: text('asin'),
    productName: text('product_name'),
    condition: text('condition'),
    productId: uuid('product_id').references(() => products.id),
    mappedBy: text('mapped_by', { enum: MAPPED_BY }),
    fulfillable: integer('fulfillable').notNull().default(0),
    inboundWorking: integer('inbound_working').notNull().default(0),
    inboundShipped: integer('inbound_shipped').notNull().default(0),
    inboundReceiving: integer('inbound_receiving').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    unsellable: integer('unsellable').notNull().default(0),
    total: integer('total').notNull().default(0),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
  },
  (t) => [
    unique('fba_listings_sku').on(t.connectionId, t.sellerSku),
    index('fba_listings_product_idx').on(t.connectionId, t.productId),
    index('fba_listings_fnsku_idx').on(t.connectionId, t.fnsku),
    index('fba_listings_asin_idx').on(t.connectionId, t.asin),
  ],
);

export const SYNC_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
/**
 * What a run does: fill the Catalog or a stocktake's counts from the inventory report, download
 * inbound shipment statuses, or download an Amazon store's orders and customer returns.
 */
export const SYNC_RUN_KINDS = ['catalog', 'stocktake', 'inbound', 'orders'] as const;

/**
 * One queued run that fetches a connection's FBA inventory report for the worker: a Catalog sync
 * (hourly job, or Force Sync) or a stocktake's Sync. A button only records the run; the worker
 * runs it, and the screen polls its phase and progress to show a progress bar.
 */
export const fbaSyncRuns = pgTable(
  'fba_sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: SYNC_RUN_KINDS }).notNull().default('catalog'),
    /** The FBA connection of a catalog, stocktake or inbound run (null for an 'orders' run). */
    connectionId: uuid('connection_id').references(() => fbaConnections.id),
    /** The Amazon store of an 'orders' run. */
    amazonStoreId: uuid('amazon_store_id').references(() => amazonStores.id),
    /** The stocktake a 'stocktake' run fills (null for a Catalog sync). */
    stocktakeId: uuid('stocktake_id').references(() => stocktakes.id),
    /** 'force': a person pressed the button (Force Sync, stocktake Sync); 'schedule': the worker's own. */
    trigger: text('trigger', { enum: ['schedule', 'force'] }).notNull(),
    status: text('status', { enum: SYNC_RUN_STATUSES }).notNull().default('queued'),
    /** Human-readable step: "Requesting report", "Waiting for Amazon", "Downloading", "Updating catalog". */
    phase: text('phase'),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    reportId: text('report_id'),
    /** What a finished run did, for the screen: "30 listings from Amazon's report." */
    summary: text('summary'),
    error: text('error'),
    requestedBy: uuid('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Stamped when a worker claims the run and every half minute while it works on it: a running run whose stamp is old lost its worker. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  },
  (t) => [
    index('fba_sync_runs_connection_idx').on(t.connectionId, t.createdAt),
    index('fba_sync_runs_stocktake_idx').on(t.stocktakeId, t.createdAt),
    // At most one queued or running Catalog sync per connection, and one Sync per stocktake: a
    // second press joins the first.
    uniqueIndex('fba_sync_runs_one_active').on(t.connectionId).where(sql`${t.status} IN ('queued', 'running') AND ${t.kind} = 'catalog'`),
    uniqueIndex('fba_sync_runs_one_active_stocktake').on(t.stocktakeId).where(sql`${t.status} IN ('queued', 'running')`),
    // One inbound status download (Download on the Inbound Shipments tab, or the hourly job) per connection.
    uniqueIndex('fba_sync_runs_one_active_inbound').on(t.connectionId).where(sql`${t.status} IN ('queued', 'running') AND ${t.kind} = 'inbound'`),
    // One orders download per Amazon store.
    uniqueIndex('fba_sync_runs_one_active_orders').on(t.amazonStoreId).where(sql`${t.status} IN ('queued', 'running') AND ${t.kind} = 'orders'`),
    index('fba_sync_runs_store_idx').on(t.amazonStoreId, t.createdAt),
    check('fba_sync_runs_stocktake_kind', sql`(${t.kind} = 'stocktake') = (${t.stocktakeId} IS NOT NULL)`),
    check('fba_sync_runs_target', sql`(${t.kind} = 'orders') = (${t.amazonStoreId} IS NOT NULL) AND (${t.kind} = 'orders') = (${t.connectionId} IS NULL)`),
  ],
);

export const AUTHORISATION_PURPOSES = ['store', 'fba'] as const;
export const AUTHORISATION_STATUSES = ['Pending', 'Connected', 'Failed'] as const;

/**
 * One "Connect with Amazon" attempt (Amazon's website authorisation workflow): the state sent to
 * Amazon's consent page (kept only as a hash), who started it, what they chose on the form, and how
 * it ended. The callback accepts a state once, from the same user, before it expires.
 */
export const amazonAuthorisations = pgTable(
  'amazon_authorisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateHash: text('state_hash').notNull().unique(),
    userId: uuid('user_id').notNull().references(() => users.id),
    purpose: text('purpose', { enum: AUTHORISATION_PURPOSES }).notNull(),
    endpoint: text('endpoint', { enum: SP_ENDPOINTS }).notNull(),
    /** The form's choices (store name and marketplaces, or marketplace and location). */
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: AUTHORISATION_STATUSES }).notNull().default('Pending'),
    /** Shown to the user when it failed (Amazon's words, or why the callback was refused). */
    message: text('message'),
    sellerId: text('seller_id'),
    /** The Amazon store or FBA connection it created. */
    resultId: uuid('result_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('amazon_authorisations_user_idx').on(t.userId, t.createdAt)],
);
