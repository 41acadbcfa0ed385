import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customers, products, salePickLines, sales } from '@/db/schema';
import type { CsvRecord } from '@/lib/csv/write';

export const THREE_PL_HEADER: CsvRecord = ['Order', 'Customer', 'Ship to name', 'Address line 1', 'Address line 2', 'City', 'State / region', 'Postal code', 'Country', 'Phone', 'SKU', 'Product', 'Quantity', 'Shipping option'];

/**
 * Ready to ship: the order authorised, Pick (or Pack) authorised, Ship not. The one rule of the 3PL
 * Shipment List and of the API's `readyToShipFrom`, so the two cannot disagree.
 */
export function readyToShip(): SQL {
  return and(eq(sales.orderStatus, 'Authorised'), or(eq(sales.packStatus, 'Authorised'), eq(sales.pickStatus, 'Authorised')), sql`${sales.shipStatus} <> 'Authorised'`)!;
}

/** Sales with a picked line at the location (sale_pick_lines_location_idx answers it). */
export function pickedAt(locationId: string): SQL {
  return sql`${sales.id} IN (SELECT pl.sale_id FROM ${salePickLines} pl WHERE pl.location_id = ${locationId})`;
}

/** Ready to ship with a picked line at the location: the API's `readyToShipFrom` filter. */
export function readyToShipFrom(locationId: string): SQL {
  return and(readyToShip(), pickedAt(locationId))!;
}

/**
 * The 3PL Shipment List: one row per picked line at `locationId` of every sale ready to ship
 * (Pack authorised, or Pick authorised, and Ship not authorised), for a provider without an
 * integration. One query, oldest sale first.
 */
export async function threePlRows(db: Db | Tx, locationId: string): Promise<CsvRecord[]> {
  const rows = await db
    .select({
      number: sales.number,
      customer: customers.name,
      name: sales.shipToName,
      line1: sales.shipToLine1,
      line2: sales.shipToLine2,
      city: sales.shipToCity,
      state: sales.shipToState,
      postal: sales.shipToPostalCode,
      country: sales.shipToCountry,
      phone: sales.shipToPhone,
      sku: products.sku,
      product: products.name,
      quantity: salePickLines.quantity,
      option: sales.shippingOption,
    })
    .from(salePickLines)
    .innerJoin(sales, eq(sales.id, salePickLines.saleId))
    .innerJoin(customers, eq(customers.id, sales.customerId))
    .innerJoin(products, eq(products.id, salePickLines.productId))
    .where(
and(eq(salePickLines.locationId, locationId), readyToShip()),
    )
    .orderBy(asc(sales.number), asc(salePickLines.lineNo));
  return rows.map((r) => [r.number, r.customer, r.name, r.line1, r.line2, r.city, r.state, r.postal, r.country, r.phone, r.sku, r.product, r.quantity, r.option]);
}
