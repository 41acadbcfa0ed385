import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customers, products, salePickLines, sales } from '@/db/schema';
import type { CsvRecord } from '@/lib/csv/write';

export const THREE_PL_HEADER: CsvRecord = ['Order', 'Customer', 'Ship to name', 'Address line 1', 'Address line 2', 'City', 'State / region', 'Postal code', 'Country', 'Phone', 'SKU', 'Product', 'Quantity', 'Shipping option'];

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
      and(
        eq(salePickLines.locationId, locationId),
        eq(sales.orderStatus, 'Authorised'),
        or(eq(sales.packStatus, 'Authorised'), eq(sales.pickStatus, 'Authorised')),
        sql`${sales.shipStatus} <> 'Authorised'`,
      ),
    )
    .orderBy(asc(sales.number), asc(salePickLines.lineNo));
  return rows.map((r) => [r.number, r.customer, r.name, r.line1, r.line2, r.city, r.state, r.postal, r.country, r.phone, r.sku, r.product, r.quantity, r.option]);
}
