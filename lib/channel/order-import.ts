import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonOrders, amazonStores, customers, fbaConnections, fbaListings, fulfilmentOrders, locations, type AmazonOrderAddress, type AmazonOrderItem } from '@/db/schema';
import { isDomainError } from '@/lib/errors';
import { cancelFo } from '@/lib/fulfilment/fo-actions';
import { authoriseInvoice, undoInvoice } from '@/lib/sale/invoice';
import { authoriseOrderIn, undoOrder, voidSale } from '@/lib/sale/order';
import { authorisePackIn, undoPack } from '@/lib/sale/pack';
import { authorisePickIn, undoPick } from '@/lib/sale/pick';
import { authoriseShip, copyFromPack, undoShip } from '@/lib/sale/ship';
import { createSale } from '@/lib/sale/sales';
import { lockSale, logSale } from '@/lib/sale/sale-write';
import { findProductsBySku, skuKey } from '@/lib/stock/product-lookup';
import { PRICE_MAX, QUANTITY_MAX, groupDigits } from '@/lib/validation/numbers';
import { stripUnstorable } from '@/lib/validation/text';
import { amazonOrderState, type AmazonOrderState } from './amazon-order-state';

// One Amazon order → at most one sale (amazon_orders is unique per store × Amazon order id), in one
// transaction per order. Amazon-fulfilled (AFN) orders are sold from the FBA location and, once
// Amazon has shipped them, recorded as picked, packed and shipped by Amazon (no fulfilment order)
// and invoiced; merchant-fulfilled (MFN) orders are authorised at the mapped location and go on
// through Pick/Pack/Ship as any sale (Sales Process Customisation applies).

/** An Amazon order as downloaded: Amazon's facts only (items and address when they were read). */
export type DownloadedOrder = {
  amazonOrderId: string;
  marketplaceId: string;
  fulfillmentChannel: 'AFN' | 'MFN';
  amazonStatus: string;
  purchaseDate: Date;
  lastUpdateDate: Date;
  currency: string | null;
  orderTotal: number | null;
  /** Null when they were not read again (the order is already stored with its items). */
  items: AmazonOrderItem[] | null;
  shipTo: AmazonOrderAddress | null;
  /** The non-PII part of the address Amazon shows in getOrders (AFN orders' sales keep it). */
  region?: { city: string | null; state: string | null; postalCode: string | null; country: string | null } | null;
};

export type StoreForImport = Pick<typeof amazonStores.$inferSelect, 'id' | 'name' | 'sellerId' | 'endpoint' | 'afnLocationId' | 'mfnLocationId' | 'customerId'>;

export type ImportOutcome = 'imported' | 'held' | 'cancelled' | 'skipped' | 'shipped' | 'unchanged';

type OrderRow = typeof amazonOrders.$inferSelect;

/** Amazon's statuses of an order that has not left yet, and of one that has. */
const SHIPPED = new Set(['Shipped']);
const CANCELLED = 'Canceled';

/**
 * Records what Amazon said of one order and brings its sale in line, in one transaction: the row is
 * inserted once and locked, so two downloads of the same order queue behind each other and never
 * make two sales.
 */
export async function applyAmazonOrder(db: Db, store: StoreForImport, downloaded: DownloadedOrder): Promise<ImportOutcome> {
  const o = storableOrder(downloaded);
  return db.transaction(async (tx) => {
    await tx
      .insert(amazonOrders)
      .values({
        storeId: store.id,
        amazonOrderId: o.amazonOrderId,
        marketplaceId: o.marketplaceId,
        fulfillmentChannel: o.fulfillmentChannel,
        amazonStatus: o.amazonStatus,
        purchaseDate: o.purchaseDate,
        lastUpdateDate: o.lastUpdateDate,
        currency: o.currency,
        orderTotal: o.orderTotal,
        items: o.items ?? [],
        shipTo: o.shipTo,
        state: 'Held',
        heldReason: 'Not imported yet.',
      })
      .onConflictDoNothing();
    const [locked] = await tx
      .select()
      .from(amazonOrders)
      .where(and(eq(amazonOrders.storeId, store.id), eq(amazonOrders.amazonOrderId, o.amazonOrderId)))
      .for('update');
    const [row] = await tx
      .update(amazonOrders)
      .set({
        amazonStatus: o.amazonStatus,
        lastUpdateDate: o.lastUpdateDate,
        currency: o.currency ?? locked.currency,
        orderTotal: o.orderTotal ?? locked.orderTotal,
        ...(o.items ? { items: o.items } : {}),
        ...(o.shipTo ? { shipTo: o.shipTo } : {}),
        updatedAt: new Date(),
      })
      .where(eq(amazonOrders.id, locked.id))
      .returning();
    return settleOrder(tx, store, row, o.region ?? null);
  });
}

/**
 * Amazon's text without the characters PostgreSQL cannot hold (a NUL or half an emoji in a buyer's
 * name or a title): storing them would fail the order's transaction with an unexpected error and
 * stop every later order of the download, and Amazon would send the same text again next time.
 * Dropping them loses nothing a person could read.
 */
function storableOrder(o: DownloadedOrder): DownloadedOrder {
  const text = <T extends string | null>(v: T): T => (v === null ? v : (stripUnstorable(v) as T));
  return {
    ...o,
    amazonOrderId: text(o.amazonOrderId),
    amazonStatus: text(o.amazonStatus),
    items: o.items?.map((i) => ({ ...i, orderItemId: text(i.orderItemId), sellerSku: text(i.sellerSku), asin: text(i.asin), title: text(i.title) })) ?? null,
    shipTo: o.shipTo && {
      name: text(o.shipTo.name),
      line1: text(o.shipTo.line1),
      line2: text(o.shipTo.line2),
      city: text(o.shipTo.city),
      state: text(o.shipTo.state),
      postalCode: text(o.shipTo.postalCode),
      country: text(o.shipTo.country),
      phone: text(o.shipTo.phone),
    },
    region: o.region && { city: text(o.region.city), state: text(o.region.state), postalCode: text(o.region.postalCode), country: text(o.region.country) },
  };
}

/**
 * Why Amazon's lines cannot become a sale's, or null: a quantity a sale line cannot hold (0, past
 * the column) or a price that is negative or past the limit. The order is held with the reason
 * rather than failing the download (which would stop every later order with it).
 */
function unsellableLines(items: AmazonOrderItem[]): string | null {
  const problems = items.flatMap((item, index) => {
    const line = `line ${index + 1} (SKU ${item.sellerSku})`;
    if (!Number.isInteger(item.quantity) || item.quantity <= 0) return [`${line}: quantity ${item.quantity} is not a whole number of units above 0`];
    if (item.quantity > QUANTITY_MAX) return [`${line}: quantity ${groupDigits(item.quantity)} is more than the ${groupDigits(QUANTITY_MAX)} a sale line holds`];
    if (!Number.isInteger(item.price) || item.price < 0) return [`${line}: the price is negative or not in whole cents`];
    if (item.price > PRICE_MAX) return [`${line}: the price is more than a sale line holds`];
    return [];
  });
  return problems.length ? `Amazon's order has lines a sale cannot hold. ${problems.join('; ')}. The order is read again at the next download.` : null;
}

/** Held orders tried again (a product added, a listing mapped, stock counted): no call to Amazon. */
export async function retryHeldOrders(db: Db, store: StoreForImport, skip: Set<string> = new Set()) {
  const held = await db
    .select({ id: amazonOrders.id, amazonOrderId: amazonOrders.amazonOrderId })
    .from(amazonOrders)
    .where(and(eq(amazonOrders.storeId, store.id), eq(amazonOrders.state, 'Held')));
  const outcomes: ImportOutcome[] = [];
  for (const h of held) {
    if (skip.has(h.amazonOrderId)) continue;
    outcomes.push(
      await db.transaction(async (tx) => {
        const [row] = await tx.select().from(amazonOrders).where(eq(amazonOrders.id, h.id)).for('update');
        return row.state === 'Held' ? settleOrder(tx, store, row, null) : 'unchanged';
      }),
    );
  }
  return outcomes;
}

async function moveOrderRow(tx: Tx, row: OrderRow, to: AmazonOrderState, set: Partial<typeof amazonOrders.$inferInsert>) {
  return amazonOrderState.write(row.state, to, {
    update: async () => (await tx.update(amazonOrders).set({ ...set, state: to, updatedAt: new Date() }).where(and(eq(amazonOrders.id, row.id), eq(amazonOrders.state, row.state))).returning())[0],
    current: async () => {
      const [cur] = await tx.select({ state: amazonOrders.state }).from(amazonOrders).where(eq(amazonOrders.id, row.id));
      return cur && { label: `Amazon order ${row.amazonOrderId}`, status: cur.state };
    },
  });
}

async function hold(tx: Tx, row: OrderRow, reason: string): Promise<ImportOutcome> {
  if (row.heldReason !== reason) await tx.update(amazonOrders).set({ heldReason: reason, updatedAt: new Date() }).where(eq(amazonOrders.id, row.id));
  return 'held';
}

async function settleOrder(tx: Tx, store: StoreForImport, row: OrderRow, region: DownloadedOrder['region']): Promise<ImportOutcome> {
  if (row.state === 'Cancelled' || row.state === 'Skipped') return 'unchanged';
  if (row.amazonStatus === CANCELLED) {
    if (row.state === 'Held') {
      await moveOrderRow(tx, row, 'Skipped', { heldReason: null });
      return 'skipped';
    }
    await cancelSaleOfOrder(tx, row);
    await moveOrderRow(tx, row, 'Cancelled', {});
    return 'cancelled';
  }
  if (row.state === 'Imported') {
    if (row.fulfillmentChannel !== 'AFN' || !SHIPPED.has(row.amazonStatus) || !row.saleId) return 'unchanged';
    return (await completeAmazonShipped(tx, row.saleId, row.amazonOrderId)) ? 'shipped' : 'unchanged';
  }
  return importHeld(tx, store, row, region);
}

/** Where the order's units are sold from, and the products its SKUs name; or why it is held. */
async function resolveOrder(tx: Tx, store: StoreForImport, row: OrderRow): Promise<{ held: string } | { locationId: string; priceTier: number; productOf: Map<string, { id: string; sku: string }> }> {
  const afn = row.fulfillmentChannel === 'AFN';
  const locationId = afn ? store.afnLocationId : store.mfnLocationId;
  if (!locationId)
    return { held: `No location is mapped for ${afn ? 'Amazon-fulfilled (AFN)' : 'merchant-fulfilled (MFN)'} orders: choose one in the store's Setup; the order is imported at the next download.` };
  if (!store.customerId) return { held: "The store has no customer for its sales: save the store's Setup; the order is imported at the next download." };
  if (row.items.length === 0) return { held: 'Amazon listed no items for this order yet; it is read again at the next download.' };
  const unsellable = unsellableLines(row.items);
  if (unsellable) return { held: unsellable };
  if (!afn && !row.shipTo) return { held: 'Amazon gave no ship-to address for this order; it is read again at the next download.' };
  const skus = [...new Set(row.items.map((i) => i.sellerSku))];
  const bySku = await findProductsBySku(tx, skus);
  const missing = skus.filter((s) => !bySku.has(skuKey(s)));
  const productOf = new Map<string, { id: string; sku: string }>();
  for (const s of skus) {
    const p = bySku.get(skuKey(s));
    if (p) productOf.set(s, { id: p.id, sku: p.sku });
  }
  if (missing.length > 0) {
    // A listing mapped in an FBA Catalog of this seller names the product (its SKU may differ from Amazon's).
    const listed = await tx
      .selectDistinctOn([fbaListings.sellerSku], { sellerSku: fbaListings.sellerSku, productId: fbaListings.productId, sku: sql<string>`(SELECT sku FROM products WHERE id = ${fbaListings.productId})` })
      .from(fbaListings)
      .innerJoin(fbaConnections, eq(fbaConnections.id, fbaListings.connectionId))
      .where(and(eq(fbaConnections.sellerId, store.sellerId), eq(fbaConnections.endpoint, store.endpoint), inArray(fbaListings.sellerSku, missing), isNotNull(fbaListings.productId)));
    for (const l of listed) productOf.set(l.sellerSku, { id: l.productId!, sku: l.sku });
  }
  const unmapped = skus.filter((s) => !productOf.has(s));
  if (unmapped.length > 0)
    return {
      held: `SKU ${unmapped.join(', ')} ${unmapped.length === 1 ? 'matches' : 'match'} no product: add a product with ${unmapped.length === 1 ? 'this SKU' : 'these SKUs'}, or map the listing in the FBA Catalog; the order is imported at the next download.`,
    };
  const [customer] = await tx.select({ priceTier: customers.priceTier }).from(customers).where(eq(customers.id, store.customerId));
  if (!customer) return { held: "The store's customer no longer exists: save the store's Setup again." };
  return { locationId, priceTier: customer.priceTier, productOf };
}

/** The ship-to a sale of this order keeps: the buyer's address (MFN), or the region Amazon shows (AFN, shipped by Amazon). */
function shipToOf(row: OrderRow, region: DownloadedOrder['region']) {
  const a = row.shipTo;
  if (a)
    return { shipToName: a.name.slice(0, 50), shipToLine1: a.line1.slice(0, 60), shipToLine2: a.line2?.slice(0, 60) ?? null, shipToCity: a.city.slice(0, 50), shipToState: a.state, shipToPostalCode: a.postalCode.slice(0, 20), shipToCountry: a.country, shipToPhone: a.phone?.slice(0, 20) ?? null };
  return {
    shipToName: 'Amazon customer',
    shipToLine1: 'Delivered by Amazon',
    shipToLine2: null,
    shipToCity: region?.city ?? '—',
    shipToState: region?.state ?? null,
    shipToPostalCode: region?.postalCode ?? '—',
    shipToCountry: region?.country ?? 'US',
    shipToPhone: null,
  };
}

async function importHeld(tx: Tx, store: StoreForImport, row: OrderRow, region: DownloadedOrder['region']): Promise<ImportOutcome> {
  const resolved = await resolveOrder(tx, store, row);
  if ('held' in resolved) return hold(tx, row, resolved.held);
  const afn = row.fulfillmentChannel === 'AFN';
  try {
    // A savepoint: a sale refused for want of stock leaves nothing behind but the held order.
    const saleId = await tx.transaction(async (sp) => {
      const sale = await createSale(
        sp,
        {
          customerId: store.customerId!,
          priceTier: resolved.priceTier,
          ...shipToOf(row, region),
          customerReference: row.amazonOrderId,
          comment: null,
          lines: row.items.map((item, index) => ({
            index,
            sku: resolved.productOf.get(item.sellerSku)!.sku,
            quantity: item.quantity,
            // ItemPrice is the line's total; the sale keeps a unit price (rounded to the minor unit).
            price: Math.round(item.price / item.quantity),
            locationId: resolved.locationId,
          })),
        },
        null,
      );
      await logSale(sp, sale.id, 'Order', `From Amazon order ${row.amazonOrderId} (${afn ? 'fulfilled by Amazon' : 'merchant fulfilled'}) of store ${store.name}.`, null);
      await authoriseOrderIn(sp, sale.id, null);
      if (afn && SHIPPED.has(row.amazonStatus)) await completeAmazonShipped(sp, sale.id, row.amazonOrderId);
      return sale.id;
    });
    await moveOrderRow(tx, row, 'Imported', { saleId, locationId: resolved.locationId, heldReason: null });
    return 'imported';
  } catch (e) {
    if (isDomainError(e) && e.code === 'INSUFFICIENT_STOCK') {
      const [loc] = await tx.select({ name: locations.name, external: locations.externalConnectionId }).from(locations).where(eq(locations.id, resolved.locationId));
      const advice = loc?.external
        ? 'Count it with a stocktake (Sync with FBA) or receive an inbound shipment; the order is imported at the next download.'
        : 'Receive or adjust stock there; the order is imported at the next download.';
      return hold(tx, row, `${e.message} ${advice}`);
    }
    if (isDomainError(e) && e.code === 'INVALID_INPUT') return hold(tx, row, `${e.message} The order is tried again at the next download.`);
    throw e;
  }
}

/**
 * Amazon has shipped an AFN order: Pick, Pack and Ship are authorised as done by Amazon (Ship with
 * Skip fulfilment: no fulfilment order), then the invoice. Stages already authorised (by the
 * company's automation) are left as they are. False when there was nothing left to do.
 */
async function completeAmazonShipped(tx: Tx, saleId: string, amazonOrderId: string): Promise<boolean> {
  let sale = await lockSale(tx, saleId);
  if (sale.orderStatus !== 'Authorised') return false;
  const by = `Shipped by Amazon (order ${amazonOrderId})`;
  let changed = false;
  if (sale.pickStatus !== 'Authorised') {
    sale = await authorisePickIn(tx, sale, {}, null, by);
    changed = true;
  }
  if (sale.packStatus !== 'Authorised') {
    sale = await authorisePackIn(tx, sale, {}, null, `Packed by Amazon (order ${amazonOrderId})`);
    changed = true;
  }
  if (sale.shipStatus !== 'Authorised') {
    const lines = (await copyFromPack(tx, sale)).map((l) => ({ pickLineNo: l.pickLineNo, quantity: l.quantity }));
    sale = (await authoriseShip(tx, { saleId, lines, shippingOption: sale.shippingOption, carrier: 'Amazon', trackingNumber: null, skipFulfilment: true }, null)).sale;
    await logSale(tx, saleId, 'Ship', `${by}: Amazon fulfilled this order from its own warehouse; no fulfilment order is needed.`, null);
    changed = true;
  }
  if (sale.invoiceStatus !== 'Authorised') {
    await authoriseInvoice(tx, { saleId, dueDate: new Date() }, null);
    changed = true;
  }
  return changed;
}

/**
 * Amazon cancelled the order: every stage of its sale is undone in reverse (the stock picked goes
 * back, the allocation is released), its fulfilment orders not yet sent are voided and the ones
 * already at Amazon are asked to cancel, and the sale is voided.
 */
async function cancelSaleOfOrder(tx: Tx, row: OrderRow) {
  if (!row.saleId) return;
  const saleId = row.saleId;
  const sale = await lockSale(tx, saleId);
  if (sale.orderStatus === 'Voided') return;
  await logSale(tx, saleId, 'Order', `Amazon cancelled order ${row.amazonOrderId}: the sale is undone and voided.`, null);
  if (sale.shipStatus === 'Authorised') await undoShip(tx, saleId, null);
  // Undo Ship voided the orders that never left; the ones at Amazon are asked to cancel.
  const atAmazon = await tx
    .select({ id: fulfilmentOrders.id, number: fulfilmentOrders.number })
    .from(fulfilmentOrders)
    .where(and(eq(fulfilmentOrders.saleId, saleId), inArray(fulfilmentOrders.status, ['On Hold', 'Shipped'])));
  for (const fo of atAmazon) {
    try {
      await tx.transaction((sp) => cancelFo(sp, fo.id, null));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await logSale(tx, saleId, 'Ship', `${fo.number} could not be cancelled at Amazon now (${e.message}); cancel it from its page.`, null);
    }
  }
  const now = await lockSale(tx, saleId);
  if (now.invoiceStatus === 'Authorised') await undoInvoice(tx, saleId, null);
  if (now.packStatus === 'Authorised') await undoPack(tx, saleId, null);
  if (now.pickStatus === 'Authorised') await undoPick(tx, saleId, null);
  if (now.orderStatus === 'Authorised') await undoOrder(tx, saleId, null);
  await voidSale(tx, saleId, null);
}
