// npx tsx bench/merchant/generate.ts — fills DATABASE_URL with a large merchant (issue 13, "Scale"):
// products, locations and bins, customers, five years of stock ledger with its levels and costs, an
// FBA connection with its external location and a catalog of listings, sales in every stage with
// their lines, fulfilment orders in each of the seven statuses, inbound shipments with their
// transfers, and an open stocktake of the FBA location. Prints rows per table and seconds.
// MERCHANT_SCALE=0.1 makes everything ten times smaller; MERCHANT_AUDIT=1 lets the audit trigger
// write a row per audited insert (off by default: see `audit` below).
import { pathToFileURL } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { migrateDb, openPostgres, type Db } from '../../db/client';
import { rowsOf } from '../../db/driver';
import { ensurePriceTiers } from '../../lib/catalog/price-tiers';
import { encryptSecret } from '../../lib/crypto/secret-box';

/** A word no generated name holds but a few products: the Products search's rare word. */
export const RARE_WORD = 'Zephyrine';

/** The merchant. */
export const FULL_SIZES = {
  products: 100_000,
  locations: 10,
  binsPerLocation: 20,
  customers: 2_000,
  /** Products listed on the FBA connection (they are the ones stocked at the FBA location). */
  listings: 60_000,
  sales: 200_000,
  /** Each made from its own sale (shipped through FBA), so at most half the sales. */
  fulfilmentOrders: 100_000,
  inboundShipments: 2_000,
  /** Entries of stock_ledger, spread over `years`. */
  ledgerEntries: 600_000,
  years: 5,
  stocktakeLines: 50_000,
};

const sizesSchema = z
  .object({
    products: z.number().int().min(10),
    locations: z.number().int().min(2).max(99),
    binsPerLocation: z.number().int().min(1).max(999),
    customers: z.number().int().min(1),
    listings: z.number().int().min(1),
    sales: z.number().int().min(14),
    fulfilmentOrders: z.number().int().min(7),
    inboundShipments: z.number().int().min(12),
    ledgerEntries: z.number().int().min(1),
    years: z.number().int().min(1).max(20),
    stocktakeLines: z.number().int().min(1),
  })
  .refine((s) => s.listings <= s.products, 'listings ≤ products')
  .refine((s) => s.stocktakeLines <= s.listings, 'stocktakeLines ≤ listings (the stocktake counts the FBA location)')
  .refine((s) => s.fulfilmentOrders * 2 <= s.sales, 'fulfilmentOrders ≤ sales / 2 (one sale each; the rest go through every stage)')
  .refine((s) => s.sales - s.fulfilmentOrders >= 7, 'at least 7 sales without a fulfilment order (one per stage)')
  .refine((s) => s.ledgerEntries >= s.products + s.listings && s.ledgerEntries <= 20 * (s.products + s.listings), 'products + listings ≤ ledgerEntries ≤ 20 × that (one receipt per stocked place first)');

export type MerchantSizes = z.infer<typeof sizesSchema>;

/** FULL_SIZES times `factor`, kept within the rules above. */
export function scaledSizes(factor: number): MerchantSizes {
  const s = (n: number, min: number) => Math.max(min, Math.round(n * factor));
  const products = s(FULL_SIZES.products, 10);
  const listings = Math.min(products, s(FULL_SIZES.listings, 5));
  const sales = s(FULL_SIZES.sales, 28);
  return {
    products,
    locations: FULL_SIZES.locations,
    binsPerLocation: Math.min(FULL_SIZES.binsPerLocation, s(FULL_SIZES.binsPerLocation, 2)),
    customers: s(FULL_SIZES.customers, 3),
    listings,
    sales,
    fulfilmentOrders: Math.min(Math.floor(sales / 2), s(FULL_SIZES.fulfilmentOrders, 14)),
    inboundShipments: s(FULL_SIZES.inboundShipments, 12),
    ledgerEntries: Math.max(products + listings, s(FULL_SIZES.ledgerEntries, 1)),
    years: FULL_SIZES.years,
    stocktakeLines: Math.min(listings, s(FULL_SIZES.stocktakeLines, 5)),
  };
}

export type GeneratedMerchant = {
  connectionId: string;
  fbaLocationId: string;
  stocktakeId: string;
  /** A sale that went through every stage, and one fulfilment order, for page checks. */
  saleId: string;
  fulfilmentOrderId: string;
  /** Rows inserted per table, in insertion order. */
  rows: Record<string, number>;
  seconds: number;
  audited: boolean;
};

export type GenerateOptions = {
  /** Prefix of every generated name and number, so a second merchant can sit beside the first. */
  prefix?: string;
  /**
   * true: the audit trigger (migration 0013) writes one audit_log row per audited insert, as it
   * would for rows people enter. false (default): the generator's transaction disables that one
   * trigger on the tables it fills and enables it again before committing — the rows then read as
   * data loaded before the audit log existed. Foreign keys and every other trigger still run.
   */
  audit?: boolean;
};

/** The seven fulfilment order statuses, the FO of index k taking STATUS[k % 7]. */
const FO_STATUS_SQL = `(ARRAY['Queued','On Hold','Shipped','Completed','Delivered','Cancelled','Failed'])[1 + k % 7]`;
const INBOUND_STATUS_SQL = `(ARRAY['Draft','Working','Ready to Ship','Shipped','In Transit','Delivered','Checked In','Receiving','Closed','Cancelled','Deleted','Error'])[1 + i % 12]`;
/** The tables whose inserts the audit trigger records. */
const AUDITED = ['locations', 'bins', 'customers', 'products', 'fba_connections', 'sales', 'fulfilment_orders', 'stock_transfers', 'inbound_shipments', 'stocktakes'];

/**
 * Fills `db` with a merchant of `sizes` in one transaction of multi-row INSERT … SELECT
 * generate_series (PostgreSQL and PGlite alike). The schema's invariants hold: stock_levels is the
 * sum of stock_ledger per product, location and bin (nothing allocated), product_costs holds each
 * product's on-hand total, every stage status is present with lines (pick lines from Pick Draft on,
 * a shipment and ship lines once Ship is authorised), every fulfilment order has an item, a sale
 * and that sale's shipment. APP_ENCRYPTION_KEY must be set (the connection's token is encrypted).
 */
export async function generateMerchant(db: Db, input: MerchantSizes, opts: GenerateOptions = {}): Promise<GeneratedMerchant> {
  const n = sizesSchema.parse(input);
  const prefix = opts.prefix ?? 'M';
  if (!/^[A-Z][A-Z0-9]{0,5}$/.test(prefix)) throw new Error('prefix: 1-6 capital letters or digits, starting with a letter');
  const audited = opts.audit ?? false;
  const started = performance.now();
  const rows: Record<string, number> = {};
  await ensurePriceTiers(db);
  const token = encryptSecret(`Atzr|${prefix.toLowerCase()}-merchant`);

  const out = await db.transaction(async (tx) => {
    const run = async (table: string, q: SQL) => {
      const res = await tx.execute(q);
      rows[table] = (rows[table] ?? 0) + countOf(res);
    };
    const one = async <T>(q: SQL) => rowsOf<T>(await tx.execute(q))[0];
    const p = sql.raw(`'${prefix}'`);
    const years = sql.raw(`interval '${n.years * 365} days'`);
    if (!audited) for (const t of AUDITED) await tx.execute(sql.raw(`ALTER TABLE ${t} DISABLE TRIGGER audit`));

    // Index → id maps for the generated rows (dropped at commit).
    const map = async (name: string, count: number) => {
      await tx.execute(sql.raw(`CREATE TEMP TABLE ${name} ON COMMIT DROP AS SELECT g AS i, gen_random_uuid() AS id FROM generate_series(1, ${count}) g`));
      await tx.execute(sql.raw(`ALTER TABLE ${name} ADD PRIMARY KEY (i)`));
      await tx.execute(sql.raw(`ANALYZE ${name}`));
    };
    await map('g_loc', n.locations);
    await map('g_prod', n.products);
    await map('g_cust', n.customers);
    await map('g_sale', n.sales);
    await map('g_ship', n.fulfilmentOrders);
    await map('g_fo', n.fulfilmentOrders);
    await map('g_tr', n.inboundShipments);
    const ordinary = n.locations - 1;
    const fbaLoc = n.locations;

    // Locations 1..n-1 are warehouses with bins; the last is the FBA connection's external location.
    await run('locations', sql`INSERT INTO locations (id, name) SELECT id, CASE WHEN i = ${fbaLoc} THEN ${p} || ' Amazon FBA' ELSE ${p} || ' Warehouse ' || lpad(i::text, 2, '0') END FROM g_loc`);
    await run('bins', sql`INSERT INTO bins (location_id, name) SELECT l.id, 'A-' || lpad(b::text, 3, '0') FROM g_loc l, generate_series(1, ${n.binsPerLocation}) b WHERE l.i < ${fbaLoc}`);
    const conn = await one<{ id: string; location_id: string }>(sql`
      INSERT INTO fba_connections (name, seller_id, marketplace_id, refresh_token_enc, location_id, contact_name, contact_email, contact_phone,
        ship_from_name, ship_from_line1, ship_from_city, ship_from_state, ship_from_postal_code, ship_from_country, last_inventory_sync_at, created_at)
      SELECT ${p} || ' Amazon FBA', 'A' || ${p} || 'MERCHANT', 'ATVPDKIKX0DER', ${token}, id, 'Pat Shipper', 'ship@example.com', '+1 555 0100',
        ${p} || ' Warehouse 01', '1 Dock Road', 'Seattle', 'WA', '98101', 'US', now() - interval '1 hour', now() - ${years}
      FROM g_loc WHERE i = ${fbaLoc}
      RETURNING id, location_id`);
    rows.fba_connections = 1;
    await tx.execute(sql`UPDATE locations SET external_connection_id = ${conn.id} WHERE id = ${conn.location_id}`);

    await run('customers', sql`
      INSERT INTO customers (id, name, contact_name, email, shipping_line1, shipping_city, shipping_postal_code, shipping_country, created_at)
      SELECT id, ${p} || ' Customer ' || lpad(i::text, 5, '0'), 'Buyer ' || i, 'buyer' || i || '@example.com', i || ' Market Street', 'Springfield', lpad((10000 + i % 89999)::text, 5, '0'), 'US', now() - ${years}
      FROM g_cust`);

    // Names from a few word lists; one product in 20,000 (and at least one) holds the rare word.
    const rareEvery = Math.max(1, Math.min(20_000, Math.floor(n.products / 5)));
    await run('products', sql`
      INSERT INTO products (id, sku, name, barcode, barcode_type, fnsku, asin, unit_cost, default_location_id, created_at, updated_at)
      SELECT p.id, ${p} || '-' || lpad(p.i::text, 6, '0'),
        (ARRAY['Red','Blue','Green','Black','White','Steel','Oak','Bamboo','Linen','Copper','Glass','Stone'])[1 + p.i % 12] || ' ' ||
        (ARRAY['Mug','Lamp','Chair','Kettle','Towel','Notebook','Backpack','Candle','Bottle','Basket','Clock','Pillow','Scarf','Pan','Vase','Rug','Shelf','Tray','Bowl','Jar'])[1 + (p.i / 12) % 20] ||
        CASE WHEN p.i % ${rareEvery} = 1 THEN ' ${sql.raw(RARE_WORD)}' ELSE '' END || ' ' || p.i,
        lpad((400000000000 + p.i)::text, 12, '0'), 'UPC', ${p} || lpad(p.i::text, 8, '0'), 'B0' || lpad(p.i::text, 8, '0'),
        1000 + (p.i * 7919) % 90000, l.id, now() - ${years}, now() - ${years}
      FROM g_prod p JOIN g_loc l ON l.i = 1 + p.i % ${ordinary}`);

    // The places stock sits: each product in one warehouse (in a bin there), the listed ones also at FBA.
    await tx.execute(sql`
      CREATE TEMP TABLE g_place ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY kind, i)::int AS k, i, product_id, location_id, bin_id FROM (
        SELECT 0 AS kind, p.i, p.id AS product_id, l.id AS location_id, b.id AS bin_id
        FROM g_prod p JOIN g_loc l ON l.i = 1 + p.i % ${ordinary}
        JOIN bins b ON b.location_id = l.id AND b.name = 'A-' || lpad((1 + p.i % ${n.binsPerLocation})::text, 3, '0')
        UNION ALL
        SELECT 1, p.i, p.id, l.id, NULL FROM g_prod p JOIN g_loc l ON l.i = ${fbaLoc} WHERE p.i <= ${n.listings}) s`);
    await tx.execute(sql`ALTER TABLE g_place ADD PRIMARY KEY (k)`);
    await tx.execute(sql`ANALYZE g_place`);
    const places = n.products + n.listings;
    // Round 0 receives 50..249 per place; odd rounds take 1..5 out, even rounds bring 1..20 in:
    // never below zero (at most 20 rounds). Oldest first, spread over the years.
    await run('stock_ledger', sql`
      INSERT INTO stock_ledger (product_id, location_id, bin_id, quantity, unit_cost, source_type, source_id, source_line, created_at)
      SELECT g.product_id, g.location_id, g.bin_id,
        CASE WHEN r = 0 THEN 50 + (g.k * 13) % 200 WHEN r % 2 = 1 THEN -(1 + j % 5) ELSE 1 + j % 20 END,
        1000 + (g.i * 7919) % 90000,
        (ARRAY['adjustment','sale','transfer','stocktake'])[CASE WHEN r = 0 THEN 1 WHEN r % 2 = 1 THEN 2 ELSE 1 + (j % 3) * (j % 2) END],
        gen_random_uuid(), 1,
        now() - ${years} * ((${n.ledgerEntries} - j)::float8 / ${n.ledgerEntries})
      FROM (SELECT j, (j - 1) / ${places} AS r, 1 + (j - 1) % ${places} AS k FROM generate_series(1, ${n.ledgerEntries}) j) s
      JOIN g_place g ON g.k = s.k`);
    await run('stock_levels', sql`
      INSERT INTO stock_levels (product_id, location_id, bin_id, on_hand)
      SELECT l.product_id, l.location_id, l.bin_id, sum(l.quantity) FROM stock_ledger l JOIN g_prod p ON p.id = l.product_id
      GROUP BY l.product_id, l.location_id, l.bin_id`);
    await run('product_costs', sql`
      INSERT INTO product_costs (product_id, quantity, average_cost)
      SELECT s.product_id, sum(s.on_hand), min(pr.unit_cost) FROM stock_levels s JOIN g_prod p ON p.id = s.product_id JOIN products pr ON pr.id = s.product_id
      GROUP BY s.product_id`);

    await run('fba_listings', sql`
      INSERT INTO fba_listings (connection_id, seller_sku, fnsku, asin, product_name, condition, product_id, mapped_by, fulfillable, reserved, total, last_synced_at)
      SELECT ${conn.id}, pr.sku, pr.fnsku, pr.asin, pr.name, 'New', pr.id, 'sku', s.on_hand, p.i % 3, s.on_hand + p.i % 3, now() - interval '1 hour'
      FROM g_prod p JOIN products pr ON pr.id = p.id JOIN stock_levels s ON s.product_id = p.id AND s.location_id = ${conn.location_id}
      WHERE p.i <= ${n.listings}`);

    // Sales: one in every S/F (rounded) shipped through FBA, each becoming one fulfilment order;
    // the others take the stage mixes below in turn (every stage status appears).
    const S = n.sales;
    const F = n.fulfilmentOrders;
    await tx.execute(sql`
      CREATE TEMP TABLE g_sale_x ON COMMIT DROP AS
      SELECT s.i, s.id,
        CASE WHEN (s.i::bigint * ${F}) / ${S} > ((s.i - 1)::bigint * ${F}) / ${S} THEN ((s.i::bigint * ${F}) / ${S})::int END AS k,
        now() - ${years} * ((${S} - s.i)::float8 / ${S}) AS at
      FROM g_sale s`);
    await tx.execute(sql`ALTER TABLE g_sale_x ADD PRIMARY KEY (i)`);
    await tx.execute(sql`ANALYZE g_sale_x`);
    await tx.execute(sql`
      CREATE TEMP TABLE g_sale_st ON COMMIT DROP AS
      SELECT x.i, x.id, x.k, x.at, m.o, m.pi, m.pa, m.sh, m.inv
      FROM g_sale_x x
      JOIN (VALUES
        (0, 'Draft', 'Not Started', 'Not Started', 'Not Started', 'Not Started'),
        (1, 'Voided', 'Not Started', 'Not Started', 'Not Started', 'Not Started'),
        (2, 'Authorised', 'Not Started', 'Not Started', 'Not Started', 'Draft'),
        (3, 'Authorised', 'Draft', 'Not Started', 'Not Started', 'Not Started'),
        (4, 'Authorised', 'Authorised', 'Draft', 'Not Started', 'Authorised'),
        (5, 'Authorised', 'Authorised', 'Authorised', 'Draft', 'Authorised'),
        (6, 'Authorised', 'Authorised', 'Authorised', 'Authorised', 'Authorised'),
        (7, 'Authorised', 'Authorised', 'Authorised', 'Authorised', 'Authorised')
      ) AS m(mix, o, pi, pa, sh, inv) ON m.mix = CASE WHEN x.k IS NOT NULL THEN 7 ELSE x.i % 7 END`);
    await tx.execute(sql`ALTER TABLE g_sale_st ADD PRIMARY KEY (i)`);
    await tx.execute(sql`ANALYZE g_sale_st`);
    // Lines: an FBA sale one line from the FBA location (a listed product); the others two lines
    // from the warehouses.
    await tx.execute(sql`
      CREATE TEMP TABLE g_line ON COMMIT DROP AS
      SELECT s.i, s.id AS sale_id, 1 AS line_no, pr.id AS product_id, (SELECT id FROM g_loc WHERE i = ${fbaLoc}) AS location_id, 1 + s.i % 3 AS quantity, 1999 + (pr.i % 50) * 100 AS price
      FROM g_sale_st s JOIN g_prod pr ON pr.i = 1 + (s.k * 7) % ${n.listings} WHERE s.k IS NOT NULL
      UNION ALL
      SELECT s.i, s.id, n, pr.id, l.id, 1 + (s.i + n) % 4, 999 + (pr.i % 80) * 100
      FROM g_sale_st s CROSS JOIN generate_series(1, 2) n
      JOIN g_prod pr ON pr.i = 1 + ((s.i * 2 + n) * 31) % ${n.products}
      JOIN g_loc l ON l.i = 1 + pr.i % ${ordinary}
      WHERE s.k IS NULL`);
    await tx.execute(sql`CREATE INDEX ON g_line (i)`);
    await tx.execute(sql`CREATE INDEX ON g_line (sale_id)`);
    await tx.execute(sql`ANALYZE g_line`);
    await run('sales', sql`
      INSERT INTO sales (id, number, customer_id, price_tier, order_status, pick_status, pack_status, ship_status, invoice_status,
        ship_to_name, ship_to_line1, ship_to_city, ship_to_state, ship_to_postal_code, ship_to_country, customer_reference, shipping_option,
        invoice_number, invoice_total, invoice_due_at, created_at, authorised_at, updated_at)
      SELECT s.id, 'SO-' || ${p} || lpad(s.i::text, 6, '0'), c.id, 1, s.o, s.pi, s.pa, s.sh, s.inv,
        'Buyer ' || c.i, c.i || ' Market Street', 'Springfield', 'IL', lpad((10000 + c.i % 89999)::text, 5, '0'), 'US', 'PO-' || s.i,
        (ARRAY['Standard','Expedited','Priority'])[1 + s.i % 3],
        CASE WHEN s.inv = 'Authorised' THEN 'INV-' || ${p} || lpad(s.i::text, 6, '0') END,
        CASE WHEN s.inv = 'Authorised' THEN t.total END,
        CASE WHEN s.inv = 'Authorised' THEN s.at + interval '30 days' END,
        s.at, CASE WHEN s.o = 'Authorised' THEN s.at + interval '10 minutes' END, s.at + interval '1 hour'
      FROM g_sale_st s JOIN g_cust c ON c.i = 1 + s.i % ${n.customers}
      JOIN (SELECT i, sum(quantity * price) AS total FROM g_line GROUP BY i) t ON t.i = s.i`);
    await run('sale_lines', sql`INSERT INTO sale_lines (sale_id, line_no, product_id, quantity, price, location_id) SELECT sale_id, line_no, product_id, quantity, price, location_id FROM g_line`);
    await run('sale_pick_lines', sql`
      INSERT INTO sale_pick_lines (sale_id, line_no, sale_line_no, product_id, location_id, quantity)
      SELECT l.sale_id, l.line_no, l.line_no, l.product_id, l.location_id, l.quantity FROM g_line l JOIN g_sale_st s ON s.i = l.i WHERE s.pi <> 'Not Started'`);
    await run('sale_log', sql`
      INSERT INTO sale_log (sale_id, stage, message, created_at) SELECT id, 'Order', 'Created by the merchant generator.', at FROM g_sale_st`);
    // A shipment per sale whose Ship is authorised (the FBA ones take theirs from g_ship, for their FO).
    await run('sale_shipments', sql`
      INSERT INTO sale_shipments (id, sale_id, seq, shipping_option, authorised_at)
      SELECT coalesce(g.id, gen_random_uuid()), s.id, 1, (ARRAY['Standard','Expedited','Priority'])[1 + s.i % 3], s.at + interval '1 hour'
      FROM g_sale_st s LEFT JOIN g_ship g ON g.i = s.k WHERE s.sh = 'Authorised'`);
    await run('sale_ship_lines', sql`
      INSERT INTO sale_ship_lines (sale_id, line_no, pick_line_no, product_id, location_id, quantity)
      SELECT l.sale_id, l.line_no, l.line_no, l.product_id, l.location_id, l.quantity FROM g_line l JOIN g_sale_st s ON s.i = l.i WHERE s.sh = 'Authorised'`);

    await run('fulfilment_orders', sql`
      INSERT INTO fulfilment_orders (id, number, sale_id, shipment_id, connection_id, location_id, status, amazon_status, displayable_order_id, shipping_speed,
        ship_to_name, ship_to_line1, ship_to_city, ship_to_state, ship_to_postal_code, ship_to_country, last_error, estimated_arrival_at,
        created_at, sent_at, on_hold_at, shipped_at, completed_at, delivered_at, cancelled_at, failed_at, amazon_order_id)
      SELECT f.id, 'FO-' || ${p} || lpad(k::text, 6, '0'), s.id, sh.id, ${conn.id}, ${conn.location_id}, st,
        CASE st WHEN 'Queued' THEN NULL WHEN 'On Hold' THEN 'RECEIVED' WHEN 'Shipped' THEN 'PROCESSING' WHEN 'Completed' THEN 'COMPLETE' WHEN 'Delivered' THEN 'COMPLETE' WHEN 'Cancelled' THEN 'CANCELLED' ELSE 'INVALID' END,
        'SO-' || ${p} || lpad(s.i::text, 6, '0'), (ARRAY['Standard','Expedited','Priority'])[1 + s.i % 3],
        'Buyer ' || s.i, s.i || ' Market Street', 'Springfield', 'IL', lpad((10000 + s.i % 89999)::text, 5, '0'), 'US',
        CASE WHEN st = 'Failed' THEN 'Amazon refused the order: invalid ship-to postal code.' END,
        CASE WHEN st IN ('Shipped','Completed','Delivered') THEN s.at + interval '4 days' END,
        s.at + interval '1 hour',
        CASE WHEN st <> 'Queued' THEN s.at + interval '1 hour 1 minute' END,
        CASE WHEN st = 'On Hold' THEN s.at + interval '1 hour 2 minutes' END,
        CASE WHEN st IN ('Shipped','Completed','Delivered') THEN s.at + interval '1 day' END,
        CASE WHEN st IN ('Completed','Delivered') THEN s.at + interval '4 days' END,
        CASE WHEN st = 'Delivered' THEN s.at + interval '4 days' END,
        CASE WHEN st = 'Cancelled' THEN s.at + interval '2 hours' END,
        CASE WHEN st = 'Failed' THEN s.at + interval '1 hour 2 minutes' END,
        CASE WHEN st <> 'Queued' THEN 'FO-' || ${p} || lpad(k::text, 6, '0') END
      FROM (SELECT s.*, ${sql.raw(FO_STATUS_SQL)} AS st FROM g_sale_st s WHERE s.k IS NOT NULL) s
      JOIN g_fo f ON f.i = s.k JOIN g_ship sh ON sh.i = s.k`);
    await run('fulfilment_order_items', sql`
      INSERT INTO fulfilment_order_items (order_id, line_no, product_id, seller_sku, quantity, shipped_quantity, cancelled_quantity)
      SELECT fo.id, 1, l.product_id, pr.sku, l.quantity,
        CASE WHEN fo.status IN ('Shipped','Completed','Delivered') THEN l.quantity ELSE 0 END,
        CASE WHEN fo.status = 'Cancelled' THEN l.quantity ELSE 0 END
      FROM fulfilment_orders fo JOIN g_fo f ON f.id = fo.id JOIN g_line l ON l.sale_id = fo.sale_id JOIN products pr ON pr.id = l.product_id`);
    await run('fulfilment_packages', sql`
      INSERT INTO fulfilment_packages (order_id, package_number, carrier_code, tracking_number, shipped_at, estimated_arrival_at, delivered_at, tracking_status)
      SELECT fo.id, 1, 'UPS', '1Z' || ${p} || lpad(f.i::text, 10, '0'), fo.shipped_at, fo.estimated_arrival_at, fo.delivered_at,
        CASE WHEN fo.status = 'Delivered' THEN 'DELIVERED' ELSE 'IN_TRANSIT' END
      FROM fulfilment_orders fo JOIN g_fo f ON f.id = fo.id WHERE fo.status IN ('Shipped','Completed','Delivered')`);
    await run('fulfilment_order_log', sql`
      INSERT INTO fulfilment_order_log (order_id, message, created_at)
      SELECT fo.id, 'Created from ' || fo.displayable_order_id || ' shipment 1.', fo.created_at FROM fulfilment_orders fo JOIN g_fo f ON f.id = fo.id
      UNION ALL
      SELECT fo.id, 'Status: ' || fo.status || '.', fo.created_at + interval '1 minute' FROM fulfilment_orders fo JOIN g_fo f ON f.id = fo.id WHERE fo.status <> 'Queued'`);

    // Inbound shipments, each with the transfer it ships (from a warehouse to the FBA location).
    await run('stock_transfers', sql`
      INSERT INTO stock_transfers (id, number, from_location_id, to_location_id, status, created_at, shipped_at)
      SELECT t.id, 'TR-' || ${p} || lpad(t.i::text, 5, '0'), l.id, ${conn.location_id},
        CASE WHEN t.i % 12 IN (0, 1, 2) THEN 'Draft' WHEN t.i % 12 IN (9, 10, 11) THEN 'Voided' WHEN t.i % 12 = 8 THEN 'Completed' ELSE 'In Transit' END,
        now() - ${years} * ((${n.inboundShipments} - t.i)::float8 / ${n.inboundShipments}),
        CASE WHEN t.i % 12 BETWEEN 3 AND 8 THEN now() - ${years} * ((${n.inboundShipments} - t.i)::float8 / ${n.inboundShipments}) + interval '1 day' END
      FROM g_tr t JOIN g_loc l ON l.i = 1 + t.i % ${ordinary}`);
    await run('stock_transfer_lines', sql`
      INSERT INTO stock_transfer_lines (transfer_id, line_no, product_id, quantity)
      SELECT t.id, n, pr.id, 10 + (t.i * n) % 90 FROM g_tr t CROSS JOIN generate_series(1, 3) n JOIN g_prod pr ON pr.i = 1 + (t.i * 3 + n) % ${n.listings}`);
    await run('inbound_shipments', sql`
      INSERT INTO inbound_shipments (connection_id, transfer_id, name, status, step, ship_from, inbound_plan_id, estimated_charges, currency, created_at, updated_at, confirmed_at)
      SELECT ${conn.id}, t.id, st.number || ' from ' || l.name, ${sql.raw(INBOUND_STATUS_SQL)},
        CASE WHEN t.i % 12 = 0 THEN 'items' ELSE 'done' END,
        jsonb_build_object('name', ${p} || ' Warehouse 01', 'addressLine1', '1 Dock Road', 'city', 'Seattle', 'stateOrProvinceCode', 'WA', 'postalCode', '98101', 'countryCode', 'US', 'phoneNumber', '+1 555 0100'),
        CASE WHEN t.i % 12 <> 0 THEN 'wf' || replace(t.id::text, '-', '') END,
        CASE WHEN t.i % 12 <> 0 THEN 1500 + (t.i % 40) * 250 END, CASE WHEN t.i % 12 <> 0 THEN 'USD' END,
        st.created_at, st.created_at, CASE WHEN t.i % 12 <> 0 THEN st.created_at + interval '1 hour' END
      FROM g_tr t JOIN stock_transfers st ON st.id = t.id JOIN locations l ON l.id = st.from_location_id`);
    await run('inbound_shipment_lines', sql`
      INSERT INTO inbound_shipment_lines (inbound_id, line_no, product_id, seller_sku, fnsku, quantity)
      SELECT ib.id, tl.line_no, tl.product_id, pr.sku, pr.fnsku, tl.quantity
      FROM g_tr t JOIN inbound_shipments ib ON ib.transfer_id = t.id JOIN stock_transfer_lines tl ON tl.transfer_id = t.id JOIN products pr ON pr.id = tl.product_id`);

    // An open stocktake of the FBA location: its first `stocktakeLines` stock levels, a third counted.
    const st = await one<{ id: string }>(sql`
      INSERT INTO stocktakes (number, location_id, status, note, started_at) VALUES ('ST-' || ${p} || '00001', ${conn.location_id}, 'In Progress', 'Generated: the whole FBA location.', now() - interval '2 hours')
      RETURNING id`);
    rows.stocktakes = 1;
    await run('stocktake_lines', sql`
      INSERT INTO stocktake_lines (stocktake_id, product_id, bin_id, expected, counted)
      SELECT ${st.id}, s.product_id, s.bin_id, s.on_hand, CASE WHEN p.i % 3 = 0 THEN s.on_hand - p.i % 2 END
      FROM stock_levels s JOIN g_prod p ON p.id = s.product_id
      WHERE s.location_id = ${conn.location_id} AND p.i <= ${n.stocktakeLines}`);

    // Numbers the app hands out next continue after the generated ones.
    await tx.execute(sql`
      INSERT INTO document_counters (kind, next) VALUES ('SO', ${S + 1}), ('FO', ${F + 1}), ('TR', ${n.inboundShipments + 1}), ('ST', 2), ('INV', ${S + 1})
      ON CONFLICT (kind) DO UPDATE SET next = greatest(document_counters.next, excluded.next)`);

    const picks = await one<{ sale_id: string; fo_id: string }>(sql`
      SELECT (SELECT id FROM g_sale_st WHERE k IS NULL AND inv = 'Authorised' AND sh = 'Authorised' ORDER BY i DESC LIMIT 1) AS sale_id,
             (SELECT id FROM g_fo ORDER BY i DESC LIMIT 1) AS fo_id`);
    if (!audited) for (const t of AUDITED) await tx.execute(sql.raw(`ALTER TABLE ${t} ENABLE TRIGGER audit`));
    return { connectionId: conn.id, fbaLocationId: conn.location_id, stocktakeId: st.id, saleId: picks.sale_id, fulfilmentOrderId: picks.fo_id };
  });
  await db.execute(sql`ANALYZE`);
  if (audited) rows.audit_log = Number(rowsOf<{ n: string }>(await db.execute(sql`SELECT count(*) AS n FROM audit_log`))[0].n);
  return { ...out, rows, seconds: (performance.now() - started) / 1000, audited };
}

/** The ids generateMerchant returned, read back from a database it filled earlier (null if none). */
export async function findMerchant(db: Db, prefix = 'M'): Promise<Omit<GeneratedMerchant, 'rows' | 'seconds' | 'audited'> | null> {
  const [m] = rowsOf<{ connectionId: string | null; fbaLocationId: string; stocktakeId: string; saleId: string; fulfilmentOrderId: string }>(
    await db.execute(sql`
      SELECT c.id AS "connectionId", c.location_id AS "fbaLocationId",
        (SELECT id FROM stocktakes WHERE number = 'ST-' || ${prefix} || '00001') AS "stocktakeId",
        (SELECT s.id FROM sales s WHERE s.number LIKE 'SO-' || ${prefix} || '%' AND s.invoice_status = 'Authorised' AND s.ship_status = 'Authorised'
           AND NOT EXISTS (SELECT 1 FROM fulfilment_orders f WHERE f.sale_id = s.id) ORDER BY s.number DESC LIMIT 1) AS "saleId",
        (SELECT id FROM fulfilment_orders WHERE number LIKE 'FO-' || ${prefix} || '%' ORDER BY number DESC LIMIT 1) AS "fulfilmentOrderId"
      FROM fba_connections c WHERE c.seller_id = 'A' || ${prefix} || 'MERCHANT'`),
  );
  return m?.connectionId ? (m as Omit<GeneratedMerchant, 'rows' | 'seconds' | 'audited'>) : null;
}

/** Rows a statement touched: postgres.js gives `count`, PGlite `affectedRows`. */
function countOf(res: unknown): number {
  const r = res as { count?: number; affectedRows?: number };
  return Number(r.count ?? r.affectedRows ?? 0);
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the PostgreSQL database to fill (it is migrated first).');
  const factor = Number(process.env.MERCHANT_SCALE ?? '1');
  const sizes = scaledSizes(factor);
  const handle = await openPostgres(url, 2);
  try {
    await migrateDb(handle);
    const res = await generateMerchant(handle.db, sizes, { audit: process.env.MERCHANT_AUDIT === '1', prefix: process.env.MERCHANT_PREFIX });
    printMerchant(res);
  } finally {
    await handle.close();
  }
}

export function printMerchant(res: GeneratedMerchant) {
  for (const [table, n] of Object.entries(res.rows)) console.log(`${table.padEnd(24)} ${String(n).padStart(9)}`);
  console.log(
    `Generated in ${res.seconds.toFixed(1)} s, ${res.audited ? 'with the audit trigger writing a row per audited insert' : 'with the audit trigger disabled for the load (foreign keys and other triggers ran; the rows read as loaded before the audit log existed)'}.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
