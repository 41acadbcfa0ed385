import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '@/db';
import { fbaConnections, fbaListings, fulfilmentOrderItems, fulfilmentOrders, locations, products, saleShipLines, saleShipments, sales } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { nextNumber } from '@/lib/reference/numbers';
import { fulfillmentActionFor } from './fo-actions';
import { FO_OUTBOX } from './fo-status';
import { logFo } from './fo-write';
import { enqueue } from './outbox-queue';

export type CreatedFo = { id: string; number: string; locationId: string; location: string; connectionId: string; sent: boolean };

/**
 * Ship → Authorise: one fulfilment order per external location among the shipment's lines, in the
 * caller's transaction. Each is Queued, numbered FO-00001… (its sellerFulfillmentOrderId), carries
 * the sale's ship-to, number (displayable order id), comment and the shipment's shipping option,
 * and names each product by its seller SKU in that connection's FBA catalog. When the connection
 * processes orders automatically an outbox row asks the drain to send it; nothing here calls Amazon.
 */
export async function createFulfilmentOrders(tx: Tx, opts: { saleId: string; shipmentId: string; userId: string | null }): Promise<CreatedFo[]> {
  const [sale] = await tx.select().from(sales).where(eq(sales.id, opts.saleId));
  const [shipment] = await tx.select().from(saleShipments).where(and(eq(saleShipments.id, opts.shipmentId), eq(saleShipments.saleId, opts.saleId)));
  if (!sale || !shipment) throw new DomainError('NOT_FOUND', 'That sale shipment no longer exists.');
  const lines = await tx
    .select({
      lineNo: saleShipLines.lineNo,
      productId: saleShipLines.productId,
      sku: products.sku,
      quantity: saleShipLines.quantity,
      locationId: saleShipLines.locationId,
      location: locations.name,
      connectionId: fbaConnections.id,
      connection: fbaConnections.name,
      orderProcessing: fbaConnections.orderProcessing,
    })
    .from(saleShipLines)
    .innerJoin(products, eq(products.id, saleShipLines.productId))
    .innerJoin(locations, eq(locations.id, saleShipLines.locationId))
    .innerJoin(fbaConnections, eq(fbaConnections.id, locations.externalConnectionId))
    .where(and(eq(saleShipLines.saleId, sale.id), isNotNull(locations.externalConnectionId)))
    .orderBy(asc(saleShipLines.lineNo));
  if (lines.length === 0) return [];

  const byLocation = new Map<string, typeof lines>();
  for (const l of lines) byLocation.set(l.locationId, [...(byLocation.get(l.locationId) ?? []), l]);

  // The seller SKU of each product in each connection's catalog, in one query.
  const listings = await tx
    .select({ connectionId: fbaListings.connectionId, productId: fbaListings.productId, sellerSku: fbaListings.sellerSku })
    .from(fbaListings)
    .where(and(inArray(fbaListings.connectionId, [...new Set(lines.map((l) => l.connectionId))]), inArray(fbaListings.productId, [...new Set(lines.map((l) => l.productId))])))
    .orderBy(asc(fbaListings.sellerSku));
  const skuOf = new Map<string, string>();
  for (const l of listings) if (l.productId && !skuOf.has(`${l.connectionId}|${l.productId}`)) skuOf.set(`${l.connectionId}|${l.productId}`, l.sellerSku);
  const unmapped = lines.find((l) => !skuOf.has(`${l.connectionId}|${l.productId}`));
  if (unmapped)
    throw new DomainError(
      'INVALID_INPUT',
      `SKU ${unmapped.sku} is not in the FBA catalog of ${unmapped.connection}; map it in Integration → Fulfilment by Amazon → Catalog.`,
    );

  const created: CreatedFo[] = [];
  for (const [locationId, group] of byLocation) {
    const first = group[0];
    const number = await nextNumber(tx, 'FO');
    const [fo] = await tx
      .insert(fulfilmentOrders)
      .values({
        number,
        saleId: sale.id,
        shipmentId: shipment.id,
        connectionId: first.connectionId,
        locationId,
        status: 'Queued',
        displayableOrderId: sale.number,
        comment: sale.comment,
        shippingSpeed: shipment.shippingOption,
        shipToName: sale.shipToName,
        shipToLine1: sale.shipToLine1,
        shipToLine2: sale.shipToLine2,
        shipToCity: sale.shipToCity,
        shipToState: sale.shipToState,
        shipToPostalCode: sale.shipToPostalCode,
        shipToCountry: sale.shipToCountry,
        shipToPhone: sale.shipToPhone,
        userId: opts.userId,
      })
      .returning({ id: fulfilmentOrders.id, version: fulfilmentOrders.version });
    // One item per product: two ship lines of one product become one line for Amazon.
    const qty = new Map<string, number>();
    for (const l of group) qty.set(l.productId, (qty.get(l.productId) ?? 0) + l.quantity);
    await tx.insert(fulfilmentOrderItems).values(
      [...qty.entries()].map(([productId, quantity], i) => ({ orderId: fo.id, lineNo: i + 1, productId, sellerSku: skuOf.get(`${first.connectionId}|${productId}`)!, quantity })),
    );
    await logFo(tx, fo.id, `Created from ${sale.number} shipment ${shipment.seq}.`, opts.userId);
    const automatic = first.orderProcessing === 'Automatic';
    if (automatic) {
      const fulfillmentAction = await fulfillmentActionFor(tx, first.connectionId);
      await enqueue(tx, FO_OUTBOX.create, fo.id, { fulfillmentAction, version: fo.version });
      await logFo(tx, fo.id, `Process: sending to Amazon automatically (${fulfillmentAction === 'Hold' ? 'to be held' : 'to ship'}).`, opts.userId);
    }
    created.push({ id: fo.id, number, locationId, location: first.location, connectionId: first.connectionId, sent: automatic });
  }
  return created;
}
