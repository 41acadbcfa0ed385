import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { locations, priceTiers } from './reference';

export const BARCODE_TYPES = ['UPC', 'EAN', 'GCID', 'JAN', 'ISBN'] as const;
/** Which barcode a product's FBA labels carry: its FNSKU, or its manufacturer barcode (the seed's per-product choice). */
export const FBA_BARCODES = ['FNSKU', 'Manufacturer'] as const;

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    barcode: text('barcode'),
    barcodeType: text('barcode_type', { enum: BARCODE_TYPES }),
    fnsku: text('fnsku'),
    asin: text('asin'),
    /** The barcode on this product's FBA labels: its FNSKU (Amazon's advice) or its manufacturer barcode. */
    fbaBarcode: text('fba_barcode', { enum: FBA_BARCODES }).notNull().default('FNSKU'),
    /** Standard unit cost in 1/10,000 of the base currency (used when nothing else gives a cost). */
    unitCost: bigint('unit_cost', { mode: 'number' }),
    defaultLocationId: uuid('default_location_id').references(() => locations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('products_sku_ci').on(sql`lower(${t.sku})`),
    // Keyset paging sorts by (sku, id) and (name, id); searches match codes from their start,
    // which needs pattern_ops indexes when the database collation is not C.
    index('products_sku_idx').on(t.sku, t.id),
    index('products_name_idx').on(t.name, t.id),
    // The name matches anywhere (ILIKE '%word%'): a trigram index answers that without reading every product.
    index('products_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('products_sku_prefix_idx').on(sql`lower(${t.sku}) text_pattern_ops`),
    index('products_barcode_idx').on(t.barcode.op('text_pattern_ops')),
    index('products_fnsku_idx').on(t.fnsku.op('text_pattern_ops')),
    index('products_asin_idx').on(t.asin.op('text_pattern_ops')),
    // Products without a standard cost: where the stocktake page's "lines needing a cost" starts
    // (without it, every product was read: 12-49 ms at 100,000 products, bench/load.ts).
    index('products_no_cost_idx').on(t.id).where(sql`${t.unitCost} IS NULL`),
  ],
);

/** Selling price per tier in minor units (cents). */
export const productPrices = pgTable(
  'product_prices',
  {
    productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
    tier: smallint('tier').notNull().references(() => priceTiers.tier),
    price: bigint('price', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.tier] })],
);

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    contactName: text('contact_name'),
    email: text('email'),
    phone: text('phone'),
    billingAddress: text('billing_address'),
    shippingLine1: text('shipping_line1'),
    shippingLine2: text('shipping_line2'),
    shippingCity: text('shipping_city'),
    shippingState: text('shipping_state'),
    shippingPostalCode: text('shipping_postal_code'),
    shippingCountry: text('shipping_country'),
    priceTier: smallint('price_tier').notNull().default(1).references(() => priceTiers.tier),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customers_name_ci').on(sql`lower(${t.name})`), index('customers_name_idx').on(t.name, t.id)],
);
