import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { amazonOrders, amazonStores, fbaConnections, fbaListings, products, saleLines } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { fetchCustomerReturnsReport, type CustomerReturnRow } from '@/lib/fba/customer-returns-report';
import type { ReportProgress } from '@/lib/fba/inventory-report-types';
import type { SpApiClient } from '@/lib/fba/sp-api';
import { writeCreditNote, type CreditLineInput } from './credit-notes';

/** Amazon's disposition of a unit that goes back on the shelf; every other one is recorded only. */
export const SELLABLE_DISPOSITION = 'SELLABLE';

export type CustomerReturnsResult = {
  /** Credit notes made (one per sale with new returns). */
  creditNotes: number;
  /** Credit note lines written (report rows not recorded before). */
  lines: number;
  /** Units back in stock at the order's location. */
  restocked: number;
  /** Units recorded with their disposition, not as stock. */
  unsellable: number;
  /** Rows whose order is not imported here (unknown, held) or whose SKU is on no line of its sale: not recorded. */
  unmatched: number;
};

/**
 * What Amazon reported, once: the store, the order, the SKU, the return date, the unit's licence
 * plate and the disposition. The same row in a later (overlapping) report adds nothing.
 */
export function customerReturnKey(storeId: string, r: CustomerReturnRow): string {
  return ['cr', storeId, r.orderId, r.sellerSku, r.returnDate.toISOString(), r.licensePlateNumber ?? '', r.disposition].join('|');
}

/**
 * Records the rows of Amazon's FBA customer returns report against the sales made from the store's
 * Amazon orders: one credit note per sale (one transaction each), a line per row with Amazon's
 * disposition and reason, valued at the sale line's unit price. SELLABLE units go back into stock
 * at the order's location; the rest are recorded only. The product is the sale line's whose SKU is
 * the row's, else the one the FBA catalog of that location maps the seller SKU to.
 */
export async function importCustomerReturns(db: Db, storeId: string, rows: CustomerReturnRow[], userId: string | null = null): Promise<CustomerReturnsResult> {
  const result: CustomerReturnsResult = { creditNotes: 0, lines: 0, restocked: 0, unsellable: 0, unmatched: 0 };
  if (rows.length === 0) return result;
  const orderIds = [...new Set(rows.map((r) => r.orderId))];
  const orders = new Map<string, { id: string; amazonOrderId: string; saleId: string; locationId: string | null }>();
  for (let i = 0; i < orderIds.length; i += 500) {
    const found = await db
      .select({ id: amazonOrders.id, amazonOrderId: amazonOrders.amazonOrderId, saleId: amazonOrders.saleId, locationId: amazonOrders.locationId })
      .from(amazonOrders)
      .where(and(eq(amazonOrders.storeId, storeId), inArray(amazonOrders.amazonOrderId, orderIds.slice(i, i + 500)), eq(amazonOrders.state, 'Imported'), isNotNull(amazonOrders.saleId)));
    for (const o of found) orders.set(o.amazonOrderId, { ...o, saleId: o.saleId! });
  }

  // Rows per sale, in report order.
  const bySale = new Map<string, { order: { id: string; amazonOrderId: string; locationId: string | null }; rows: CustomerReturnRow[]; orderIds: Set<string> }>();
  for (const r of rows) {
    const order = orders.get(r.orderId);
    if (!order) {
      result.unmatched += 1;
      continue;
    }
    const group = bySale.get(order.saleId) ?? { order, rows: [], orderIds: new Set<string>() };
    group.rows.push(r);
    group.orderIds.add(order.id);
    bySale.set(order.saleId, group);
  }
  if (bySale.size === 0) return result;

  const saleIds = [...bySale.keys()];
  const lines = await db
    .select({ saleId: saleLines.saleId, lineNo: saleLines.lineNo, productId: saleLines.productId, sku: products.sku, price: saleLines.price, locationId: saleLines.locationId })
    .from(saleLines)
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(inArray(saleLines.saleId, saleIds));
  // The FBA catalog of each order's location: seller SKU → product.
  const locationIds = [...new Set([...bySale.values()].map((g) => g.order.locationId).filter((l): l is string => l !== null))];
  const listings =
    locationIds.length === 0
      ? []
      : await db
          .select({ locationId: fbaConnections.locationId, sellerSku: fbaListings.sellerSku, productId: fbaListings.productId })
          .from(fbaListings)
          .innerJoin(fbaConnections, eq(fbaConnections.id, fbaListings.connectionId))
          .where(and(inArray(fbaConnections.locationId, locationIds), inArray(fbaListings.sellerSku, [...new Set(rows.map((r) => r.sellerSku))]), isNotNull(fbaListings.productId)));
  const mapped = new Map(listings.map((l) => [`${l.locationId}|${l.sellerSku}`, l.productId!]));

  for (const [saleId, group] of bySale) {
    const saleLinesOf = lines.filter((l) => l.saleId === saleId).sort((a, b) => a.lineNo - b.lineNo);
    const credit: CreditLineInput[] = [];
    for (const r of group.rows) {
      const locationId = group.order.locationId;
      const bySku = saleLinesOf.find((l) => l.sku === r.sellerSku);
      const viaListing = locationId ? mapped.get(`${locationId}|${r.sellerSku}`) : undefined;
      const line = bySku ?? saleLinesOf.find((l) => l.productId === viaListing);
      const at = locationId ?? line?.locationId ?? null;
      if (!line || !at) {
        result.unmatched += 1;
        continue;
      }
      const sellable = r.disposition.toUpperCase() === SELLABLE_DISPOSITION;
      credit.push({
        productId: line.productId,
        locationId: at,
        quantity: r.quantity,
        amount: r.quantity * line.price,
        disposition: r.disposition,
        reason: r.reason,
        restocked: sellable,
        externalKey: customerReturnKey(storeId, r),
        returnedAt: r.returnDate,
      });
    }
    if (credit.length === 0) continue;
    const orderRefs = [...new Set(group.rows.map((r) => r.orderId))].join(', ');
    const note = await db.transaction((tx) =>
      writeCreditNote(tx, { saleId, source: 'customer_return', reference: orderRefs, lines: credit, userId, costSourceIds: [...group.orderIds] }),
    );
    if (!note) continue;
    result.creditNotes += 1;
    result.lines += note.lines.length;
    result.restocked += note.restocked;
    result.unsellable += note.unsellable;
  }
  return result;
}

/** Each download reads again the last 3 days before the previous one ended: a return Amazon reports late is not missed. */
export const RETURNS_OVERLAP_MS = 3 * 24 * 3600_000;
/** A store's first download, without an orders-from date, starts this far back. */
export const RETURNS_FIRST_WINDOW_MS = 30 * 24 * 3600_000;

export type DownloadReturnsOptions = {
  /** The end of the range (dataEndTime); default now at Amazon. */
  now?: Date;
  onProgress?: (progress: ReportProgress) => void | Promise<void>;
  /** The report poll's wait (tests move the sandbox clock instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  userId?: string | null;
};

/**
 * One store's customer returns since its last download: Amazon's FBA customer returns report for
 * the store's first marketplace from `last_returns_at` less 3 days (the first time from the
 * store's `orders_from`, or 30 days back) to now, imported by `importCustomerReturns`; then
 * `last_returns_at` moves to the end of the range. Calls Amazon outside any transaction; a report
 * Amazon refuses or cannot build records nothing and leaves the cursor where it was.
 */
export async function downloadStoreReturns(db: Db, storeId: string, client: SpApiClient, opts: DownloadReturnsOptions = {}): Promise<CustomerReturnsResult> {
  const [store] = await db.select().from(amazonStores).where(eq(amazonStores.id, storeId));
  if (!store) throw new DomainError('NOT_FOUND', 'That Amazon store no longer exists.');
  const marketplaceId = store.marketplaceIds[0];
  if (!marketplaceId) throw new DomainError('INVALID_INPUT', `The Amazon store ${store.name} has no marketplace.`);
  const end = opts.now ?? null;
  const reference = end ?? client.amazonNow();
  const since = store.lastReturnsAt
    ? new Date(store.lastReturnsAt.getTime() - RETURNS_OVERLAP_MS)
    : (store.ordersFrom ?? new Date(reference.getTime() - RETURNS_FIRST_WINDOW_MS));
  const report = await fetchCustomerReturnsReport(client, {
    marketplaceId,
    since,
    ...(end ? { until: end } : {}),
    onProgress: opts.onProgress,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  const result = await importCustomerReturns(db, storeId, report.rows, opts.userId ?? null);
  // Without a given end, the report ran to Amazon's now at its request: Amazon's clock after the download is no earlier.
  const until = end ?? client.amazonNow();
  await db.update(amazonStores).set({ lastReturnsAt: until }).where(eq(amazonStores.id, storeId));
  return result;
}
