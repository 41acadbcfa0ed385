import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { FO_STATUSES, INBOUND_STATUSES, SALE_ORDER_STATUSES, SALE_STAGE_STATUSES } from '@/db/schema';
import { getStocktake } from '@/lib/stocktake/queries';
import { createTestDb } from '@/test/db';
import { generateMerchant, RARE_WORD, scaledSizes, type GeneratedMerchant } from './generate';

// The generator at a tiny size, so it stays true to the schema and the domain's rules as they move.
let db: Db;
let merchant: GeneratedMerchant;
const sizes = scaledSizes(0.0005);
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
const values = async (query: ReturnType<typeof sql>) => (await q<{ v: string }>(query)).map((r) => r.v).sort();

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString('base64');
  db = (await createTestDb()).db;
  merchant = await generateMerchant(db, sizes);
});

describe('the generated merchant', () => {
  it('has the sizes it was asked for', () => {
    expect(merchant.rows).toMatchObject({
      products: sizes.products,
      locations: sizes.locations,
      fba_listings: sizes.listings,
      sales: sizes.sales,
      fulfilment_orders: sizes.fulfilmentOrders,
      inbound_shipments: sizes.inboundShipments,
      stock_ledger: sizes.ledgerEntries,
      stocktake_lines: sizes.stocktakeLines,
    });
  });

  it('keeps every stock level equal to the sum of its ledger, never negative, with the products’ totals', async () => {
    const off = await q(sql`
      SELECT * FROM (SELECT product_id, location_id, bin_id, sum(quantity) AS q FROM stock_ledger GROUP BY 1, 2, 3) l
      FULL JOIN stock_levels s ON s.product_id = l.product_id AND s.location_id = l.location_id AND s.bin_id IS NOT DISTINCT FROM l.bin_id
      WHERE s.on_hand IS DISTINCT FROM l.q OR s.on_hand < 0 OR s.allocated <> 0`);
    expect(off).toEqual([]);
    const costs = await q(sql`
      SELECT * FROM product_costs c FULL JOIN (SELECT product_id, sum(on_hand) AS q FROM stock_levels GROUP BY 1) s ON s.product_id = c.product_id
      WHERE c.quantity IS DISTINCT FROM s.q`);
    expect(costs).toEqual([]);
    const [span] = await q<{ days: number }>(sql`SELECT extract(day FROM max(created_at) - min(created_at))::int AS days FROM stock_ledger`);
    expect(span.days).toBeGreaterThan(365 * sizes.years - 30);
  });

  it('has sales in every order and stage status, each with lines, picks and shipments where the stage needs them', async () => {
    expect(await values(sql`SELECT DISTINCT order_status AS v FROM sales`)).toEqual([...SALE_ORDER_STATUSES].sort());
    for (const col of ['pick_status', 'pack_status', 'ship_status', 'invoice_status'])
      expect(await values(sql`SELECT DISTINCT ${sql.raw(col)} AS v FROM sales`), col).toEqual([...SALE_STAGE_STATUSES].sort());
    const broken = await q(sql`
      SELECT s.number FROM sales s
      WHERE NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)
         OR (s.pick_status <> 'Not Started') <> EXISTS (SELECT 1 FROM sale_pick_lines p WHERE p.sale_id = s.id)
         OR (s.ship_status = 'Authorised') <> EXISTS (SELECT 1 FROM sale_shipments h WHERE h.sale_id = s.id)
         OR (s.order_status <> 'Authorised' AND (s.pick_status, s.pack_status, s.ship_status, s.invoice_status) <> ('Not Started', 'Not Started', 'Not Started', 'Not Started'))
         OR (s.ship_status = 'Authorised' AND s.pick_status <> 'Authorised')`);
    expect(broken).toEqual([]);
  });

  it('has fulfilment orders in each of the seven statuses, each with its items, sale and that sale’s shipment', async () => {
    expect(await values(sql`SELECT DISTINCT status AS v FROM fulfilment_orders`)).toEqual([...FO_STATUSES].sort());
    const broken = await q(sql`
      SELECT f.number FROM fulfilment_orders f JOIN sale_shipments h ON h.id = f.shipment_id
      LEFT JOIN fba_listings li ON li.connection_id = f.connection_id AND li.seller_sku = (SELECT min(seller_sku) FROM fulfilment_order_items i WHERE i.order_id = f.id)
      WHERE h.sale_id <> f.sale_id OR li.id IS NULL OR f.location_id <> ${merchant.fbaLocationId}`);
    expect(broken).toEqual([]);
    const [{ n }] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM fulfilment_orders f JOIN sale_shipments h ON h.id = f.shipment_id`);
    expect(n).toBe(sizes.fulfilmentOrders);
  });

  it('has inbound shipments in every status with lines and transfers, a catalog and a stocktake of the FBA location', async () => {
    expect(await values(sql`SELECT DISTINCT status AS v FROM inbound_shipments`)).toEqual([...INBOUND_STATUSES].sort());
    expect(await q(sql`SELECT id FROM inbound_shipments i WHERE NOT EXISTS (SELECT 1 FROM inbound_shipment_lines l WHERE l.inbound_id = i.id)`)).toEqual([]);
    const [loc] = await q<{ external_connection_id: string }>(sql`SELECT external_connection_id FROM locations WHERE id = ${merchant.fbaLocationId}`);
    expect(loc.external_connection_id).toBe(merchant.connectionId);
    const wrong = await q(sql`
      SELECT l.id FROM stocktake_lines l JOIN stock_levels s ON s.product_id = l.product_id AND s.location_id = ${merchant.fbaLocationId}
      WHERE l.stocktake_id = ${merchant.stocktakeId} AND l.expected <> s.on_hand`);
    expect(wrong).toEqual([]);
    // The stocktake page's totals ("n of m counted").
    const [{ counted }] = await q<{ counted: number }>(sql`SELECT count(*)::int AS counted FROM stocktake_lines WHERE counted IS NOT NULL`);
    expect(counted).toBeGreaterThan(0);
    expect(await getStocktake(db, merchant.stocktakeId)).toMatchObject({ lines: sizes.stocktakeLines, counted });
    const [rare] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM products WHERE name ILIKE ${`%${RARE_WORD}%`}`);
    expect(rare.n).toBeGreaterThan(0);
    expect(rare.n).toBeLessThan(sizes.products / 2);
  });

  it('leaves the audit trigger working after a load that skipped it', async () => {
    const [before] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'products'`);
    expect(before.n).toBe(0);
    await db.execute(sql`INSERT INTO products (sku, name) VALUES ('AFTER-LOAD', 'Added by a person')`);
    const [after] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'products'`);
    expect(after.n).toBe(1);
  });
});
