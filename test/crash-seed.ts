import type { Db } from '../db/client';
import { customers, fbaListings, inboundAmazonShipments, inboundReceipts, inboundShipmentLines, inboundShipments, products } from '../db/schema';
import { ensurePriceTiers } from '../lib/catalog/price-tiers';
import { saveSalesProcess } from '../lib/reference/company';
import { authoriseOrder } from '../lib/sale/order';
import { createSale } from '../lib/sale/sales';
import { createAdjustment } from '../lib/stock/adjustments';
import { createTransfer } from '../lib/stock/transfers';
import { startStocktake } from '../lib/stocktake/stocktake';
import { makeFbaConnection } from './fba-fixtures';
import { FIXTURE_SHIP_FROM } from './inbound-fixtures';
import { makeLocation } from './fixtures';

export type CrashSizes = { products: number; stocktakes: number; sales: number; saleLines: number; inbounds: number; inboundLines: number };

/**
 * The documents the crash test posts (scripts/crash-poster.ts), each kind at places of its own so
 * a document's expected postings do not depend on the order the others were posted in:
 * stocktakes In Progress with a line per product (one location each); sales with the order
 * authorised (Pick and Ship open), own-warehouse lines and FBA lines (the connection processes
 * orders by hand: Ship creates fulfilment orders and nothing is sent); inbound shipments at the
 * wizard's last step (Review, Draft) with a Draft transfer from a source location and one Amazon
 * shipment carrying every line, the connection shipping the transfer on confirmation (Setup:
 * create orders as Shipped).
 */
export async function seedCrashDocuments(db: Db, size: CrashSizes) {
  await ensurePriceTiers(db);
  await saveSalesProcess(db, { autoPick: false, autoPack: false, autoShip: false });
  const tag = Date.now().toString(36).toUpperCase();
  const prods = await db
    .insert(products)
    .values(Array.from({ length: size.products }, (_, i) => ({ sku: `CR-${tag}-${String(i).padStart(4, '0')}`, name: `Crash product ${i}`, unitCost: 5_000 })))
    .returning({ id: products.id, sku: products.sku });
  const stockAt = (locationId: string, quantity: (i: number) => number) =>
    createAdjustment(db, { reason: 'Crash test stock', lines: prods.map((p, i) => ({ sku: p.sku, locationId, binId: null, quantity: quantity(i), unitCost: 10_000 })) }, null);

  for (let s = 0; s < size.stocktakes; s++) {
    const loc = await makeLocation(db, `Count ${tag} ${s}`);
    await stockAt(loc.id, (i) => 5 + ((i + s) % 11));
    await startStocktake(db, { locationId: loc.id }, null);
  }

  const { conn, location: fba } = await makeFbaConnection(db, { orderProcessing: 'Manual', foCreateStatus: 'Shipped' });
  await db.insert(fbaListings).values(prods.map((p) => ({ connectionId: conn.id, sellerSku: p.sku, productId: p.id, mappedBy: 'manual' as const })));
  const warehouse = await makeLocation(db, `Sales ${tag}`);
  await stockAt(warehouse.id, () => 1_000);
  await stockAt(fba.id, () => 1_000);
  const [customer] = await db.insert(customers).values({ name: `Crash buyer ${tag}`, priceTier: 1 }).returning();
  for (let s = 0; s < size.sales; s++) {
    const lines = Array.from({ length: size.saleLines }, (_, i) => {
      const p = prods[(s * size.saleLines + i) % prods.length];
      // Every fourth line ships from the FBA location, so Ship creates a fulfilment order.
      return { index: i, sku: p.sku, quantity: 1 + (i % 3), price: 1_250, locationId: i % 4 === 3 ? fba.id : warehouse.id };
    });
    const sale = await createSale(
      db,
      { customerId: customer.id, priceTier: 1, shipToName: 'Jo Buyer', shipToLine1: '1 Pike St', shipToLine2: null, shipToCity: 'Seattle', shipToState: 'WA', shipToPostalCode: '98101', shipToCountry: 'US', shipToPhone: null, customerReference: null, comment: null, lines },
      null,
    );
    await authoriseOrder(db, sale.id, null);
  }

  const source = await makeLocation(db, `Inbound source ${tag}`);
  await stockAt(source.id, () => 1_000);
  for (let s = 0; s < size.inbounds; s++) {
    const lines = Array.from({ length: size.inboundLines }, (_, i) => ({ product: prods[(s * size.inboundLines + i) % prods.length], quantity: 1 + (i % 4) }));
    const transfer = await createTransfer(db, { from: { locationId: source.id, binId: null }, to: { locationId: fba.id, binId: null }, lines: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })) }, null);
    const [inbound] = await db
      .insert(inboundShipments)
      .values({ connectionId: conn.id, transferId: transfer.id, name: `${transfer.number} from ${source.name}`, status: 'Draft', step: 'review', shipFrom: FIXTURE_SHIP_FROM, inboundPlanId: `wf-crash-${tag}-${s}`, currency: 'USD' })
      .returning();
    await db.insert(inboundShipmentLines).values(lines.map((l, i) => ({ inboundId: inbound.id, lineNo: i + 1, productId: l.product.id, sellerSku: l.product.sku, quantity: l.quantity })));
    const [amazon] = await db
      .insert(inboundAmazonShipments)
      .values({ inboundId: inbound.id, shipmentId: `sh-crash-${tag}-${s}`, amazonStatus: 'WORKING', partnered: true, transportationOptionId: `to-crash-${s}`, carrier: 'UPS', charge: 12_345, currency: 'USD' })
      .returning();
    // Placement records what each Amazon shipment carries; Amazon counts it in later (the status download).
    await db.insert(inboundReceipts).values(lines.map((l, i) => ({ amazonShipmentId: amazon.id, lineNo: i + 1, shipped: l.quantity })));
  }
}
