import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Set while a fulfilment-service connection owns this location (no bins, no rename, no delete). */
    externalConnectionId: uuid('external_connection_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('locations_name_ci').on(sql`lower(${t.name})`)],
);

export const bins = pgTable(
  'bins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locationId: uuid('location_id').notNull().references(() => locations.id),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('bins_location_name_ci').on(t.locationId, sql`lower(${t.name})`)],
);

/** Ten tiers, numbered 1–10; only the names are editable. */
export const priceTiers = pgTable('price_tiers', {
  tier: smallint('tier').primaryKey(),
  name: text('name').notNull(),
});

/** One row (id = 1): the company's general settings. */
export const companySettings = pgTable('company_settings', {
  id: integer('id').primaryKey().default(1),
  companyName: text('company_name').notNull(),
  baseCurrency: text('base_currency').notNull().default('USD'),
  // General Settings → Sales Process Customisation: each stage Manual or Automatic.
  autoPick: boolean('auto_pick').notNull().default(false),
  autoPack: boolean('auto_pack').notNull().default(false),
  autoShip: boolean('auto_ship').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Document numbers (ADJ-00001, ST-00001, TR-00001) handed out under a row lock. */
export const documentCounters = pgTable('document_counters', {
  kind: text('kind').primaryKey(),
  next: integer('next').notNull().default(1),
});
