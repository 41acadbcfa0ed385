// Fixtures for the outbox drain and tracking tests: a Queued order to a sandbox seller, with demo SKUs Amazon holds.
import type { Db } from '../db/client';
import { customers, fulfilmentOrderItems, fulfilmentOrders, saleShipments, sales } from '../db/schema';
import { makeProduct } from './fixtures';

let n = 0;
const uniq = () => `${process.pid.toString(36)}${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

export const FO_ADDRESS = { shipToName: 'Jane Doe', shipToLine1: '410 Terry Ave N', shipToCity: 'Seattle', shipToState: 'WA', shipToPostalCode: '98109', shipToCountry: 'US' };

/**
 * A sale with an authorised shipment and one fulfilment order (Queued, not sent) to a connection,
 * written directly: the Sale flow is not needed to test what happens to an order at Amazon. Items
 * are the sandbox's demo SKUs (DEMO-001… have stock there).
 */
export async function makeQueuedFulfilmentOrder(
  db: Db,
  conn: { id: string; locationId: string },
  opts: { items?: { sku: string; quantity: number }[]; over?: Partial<typeof fulfilmentOrders.$inferInsert> } = {},
) {
  const key = uniq();
  const [customer] = await db.insert(customers).values({ name: `Customer ${key}` }).returning();
  const [sale] = await db
    .insert(sales)
    .values({ number: `SO-${key}`, customerId: customer.id, priceTier: 1, orderStatus: 'Authorised', shipStatus: 'Authorised', ...FO_ADDRESS })
    .returning();
  const [shipment] = await db.insert(saleShipments).values({ saleId: sale.id, seq: 1, shippingOption: 'Standard' }).returning();
  const [fo] = await db
    .insert(fulfilmentOrders)
    .values({ number: `FO-${key}`, saleId: sale.id, shipmentId: shipment.id, connectionId: conn.id, locationId: conn.locationId, displayableOrderId: sale.number, shippingSpeed: 'Standard', ...FO_ADDRESS, ...opts.over })
    .returning();
  const items = opts.items ?? [{ sku: 'DEMO-001', quantity: 1 }];
  let lineNo = 0;
  for (const item of items) {
    const product = await makeProduct(db, { sku: `${item.sku}-${key}-${lineNo}` });
    await db.insert(fulfilmentOrderItems).values({ orderId: fo.id, lineNo: ++lineNo, productId: product.id, sellerSku: item.sku, quantity: item.quantity });
  }
  return { fo, sale };
}
