import type { Db } from '@/db/client';
import { amazonOrders, amazonStores, inboundAmazonShipments, inboundShipmentLines, inboundShipments } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { createTransfer, shipTransfer } from '@/lib/stock/transfers';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { createAdjustment } from '@/lib/stock/adjustments';
import { startStocktake } from '@/lib/stocktake/stocktake';
import { makeFulfilmentOrder, makeSaleWithLines } from '@/test/fulfilment-fixtures';
import { seedLocation, seedProduct } from '../support/seed';

/**
 * For phone.spec.ts: the widest screens it photographs at 375 px need rows to be wide with. A
 * shipped fulfilment order with two lines, two packages and a log (the order page), and a sale with
 * order lines of long product names (the sale page); a stocktake in progress at a location of its
 * own holding both products (the stocktake page); the connection's own tabs; an Amazon store with a
 * held order of a long SKU (its Orders and Setup tabs); a confirmed inbound shipment (its page).
 * Only read by the spec.
 */
export async function seed(db: Db) {
  const connection = await makeFbaConnection(db, { name: 'Phone Spec Amazon' });
  const mug = await seedProduct(db, { sku: 'PHONE-MUG-INSULATED-500ML', name: 'Insulated travel mug, stainless steel, 500 ml, midnight blue' });
  const towel = await seedProduct(db, { sku: 'PHONE-TOWEL', name: 'Tea towel' });
  const day = Date.parse('2026-03-02T09:00:00Z');
  const shipped = await makeFulfilmentOrder(db, {
    connection,
    status: 'Shipped',
    amazonStatus: 'Complete',
    createdAt: new Date(day),
    customerName: 'Harbour Goods and Household Supplies',
    comment: 'Thank you for shopping with us! Keep the mug away from the dishwasher.',
    shippingSpeed: 'Expedited',
    items: [
      { productId: mug.id, sku: mug.sku, quantity: 3, shipped: 3 },
      { productId: towel.id, sku: towel.sku, quantity: 1, shipped: 1 },
    ],
    packages: [
      { carrier: 'UPS', tracking: '1ZPHONESPEC00000001', lines: [{ lineNo: 1, quantity: 2 }], deliveredAt: new Date(day + 3 * 86_400_000) },
      { carrier: 'USPS', tracking: '9400PHONESPEC000000002', lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 2, quantity: 1 }] },
    ],
    log: ['Process: sending to Amazon (to ship).', 'Sent to Amazon: accepted (Received).', 'Shipped: package 1 UPS 1ZPHONESPEC00000001, package 2 USPS 9400PHONESPEC000000002.'],
  });
  const sale = await makeSaleWithLines(db, {
    lines: [
      { productId: mug.id, locationId: connection.location.id, quantity: 2 },
      { productId: towel.id, locationId: connection.location.id, quantity: 5 },
    ],
    picked: true,
  });
  const store = await seedLocation(db, 'Phone Spec Store');
  await createAdjustment(
    db,
    {
      reason: 'Opening stock',
      lines: [
        { sku: mug.sku, locationId: store.id, binId: null, quantity: 12, unitCost: 65_000 },
        { sku: towel.sku, locationId: store.id, binId: null, quantity: 30, unitCost: 12_500 },
      ],
    },
    null,
  );
  const stocktake = await startStocktake(db, { locationId: store.id, note: 'Phone spec: counted from the aisle' }, null);
  const [amazonStore] = await db
    .insert(amazonStores)
    .values({ name: 'Phone Spec Store on Amazon', sellerId: connection.conn.sellerId, marketplaceIds: ['ATVPDKIKX0DER'], refreshTokenEnc: encryptSecret('Atzr|phone-spec'), endpoint: 'sandbox', amazonStoreName: 'Phone Spec Store on Amazon' })
    .returning();
  await db.insert(amazonOrders).values({
    storeId: amazonStore.id,
    amazonOrderId: '114-0000000-0000001',
    marketplaceId: 'ATVPDKIKX0DER',
    fulfillmentChannel: 'AFN',
    amazonStatus: 'Shipped',
    purchaseDate: new Date(day),
    lastUpdateDate: new Date(day),
    currency: 'USD',
    orderTotal: 4_599,
    items: [{ orderItemId: '1', sellerSku: 'PHONE-LISTING-WITHOUT-A-PRODUCT-XL', asin: null, title: 'A listing', quantity: 2, quantityShipped: 2, price: 4_599, tax: 0 }],
    state: 'Held',
    heldReason: 'SKU PHONE-LISTING-WITHOUT-A-PRODUCT-XL matches no product: add a product with this SKU, or map the listing in the FBA Catalog; the order is imported at the next download.',
  });
  const tr = await createTransfer(db, { from: { locationId: store.id, binId: null }, to: { locationId: connection.location.id, binId: null }, lines: [{ productId: mug.id, quantity: 4 }] }, null);
  await shipTransfer(db, tr.id, null);
  const [inbound] = await db
    .insert(inboundShipments)
    .values({ connectionId: connection.conn.id, transferId: tr.id, name: `${tr.number} from Phone Spec Store`, status: 'Ready to Ship', step: 'done', shipFrom: { name: 'Phone Spec Store' }, inboundPlanId: 'wf-phone-spec', estimatedCharges: 1_234, currency: 'USD', confirmedAt: new Date(day) })
    .returning();
  await db.insert(inboundShipmentLines).values({ inboundId: inbound.id, lineNo: 1, productId: mug.id, sellerSku: mug.sku, quantity: 4 });
  await db.insert(inboundAmazonShipments).values({ inboundId: inbound.id, shipmentId: 'sh-phone-spec', confirmationId: 'FBAPHONE0001', warehouseId: 'ABE2', amazonStatus: 'READY_TO_SHIP', partnered: true, charge: 1_234, currency: 'USD' });
  return { amazonStoreId: amazonStore.id, inboundId: inbound.id, foId: shipped.fo.id, foNumber: shipped.fo.number, saleId: sale.id, saleNumber: sale.number, stocktakeId: stocktake.id, connectionId: connection.conn.id };
}

export type PhoneSeed = Awaited<ReturnType<typeof seed>>;
