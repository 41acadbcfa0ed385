import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonOrders, amazonStores, type AmazonOrderAddress, type AmazonOrderItem } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { amazonMoney } from '@/lib/fba/amazon-money';
import { amazonReason, spClientFor } from '@/lib/fba/connection-client';
import { isSpApiError, type Order, type OrderItem, type SpApiClient } from '@/lib/fba/sp-api';
import { downloadStoreReturns, type CustomerReturnsResult } from '@/lib/returns/customer-returns';
import { drainQueuedRuns, executeRun, getLatestRun, queueRun, type Run, type RunWork } from '@/lib/runs/queued-runs';
import { WRITING_PHASE } from '@/lib/runs/run-progress';
import { applyAmazonOrder, retryHeldOrders, type DownloadedOrder, type ImportOutcome, type StoreForImport } from './order-import';

// Download orders (the button, and every 15 minutes): the store's orders Amazon changed since the
// last download (getOrders with LastUpdatedAfter, paging with NextToken), the items of each order
// seen for the first time (getOrderItems) and the ship-to of a new merchant-fulfilled one
// (getOrderAddress); an order already stored and unchanged costs no call. Each order is written in
// its own transaction; the cursor moves only when every page was read, so a stopped download is
// simply done again (re-downloading never duplicates a sale).

type Store = typeof amazonStores.$inferSelect;
export type ClientForStore = (store: Store) => SpApiClient;

export type OrdersDownloadDeps = {
  clientFor?: ClientForStore;
  now?: () => Date;
  onProgress?: (p: { done: number; total: number }) => Promise<void>;
  /** The returns step after the orders: the store's FBA customer returns report by default; null skips it. */
  returns?: ((db: Db, store: Store, client: SpApiClient) => Promise<string | null>) | null;
};

/** The first download reaches this far back when the Setup did not say. */
export const DEFAULT_ORDERS_DAYS = 7;
/** Where the first download starts when the Setup has no date: a week back. */
export const defaultOrdersFrom = (now = new Date()) => new Date(now.getTime() - DEFAULT_ORDERS_DAYS * 86_400_000);

/** Amazon's LastUpdateDate can lag its listing a little: each download starts this much before the last one ended. */
const CURSOR_OVERLAP_MS = 5 * 60_000;

export type DownloadSummary = Record<ImportOutcome, number> & { pending: number; calls: number };

const emptySummary = (): DownloadSummary => ({ imported: 0, held: 0, cancelled: 0, skipped: 0, shipped: 0, unchanged: 0, pending: 0, calls: 0 });

function minorOf(money: { CurrencyCode?: string; Amount?: string } | undefined, fallbackCurrency: string | null): number | null {
  const currency = money?.CurrencyCode ?? fallbackCurrency;
  if (!money?.Amount || !currency) return null;
  return amazonMoney(currency, money.Amount)?.minor ?? null;
}

export function toOrderItem(item: OrderItem, currency: string | null): AmazonOrderItem {
  return {
    orderItemId: item.OrderItemId,
    sellerSku: item.SellerSKU ?? item.ASIN,
    asin: item.ASIN,
    title: item.Title ?? null,
    quantity: item.QuantityOrdered,
    quantityShipped: item.QuantityShipped ?? 0,
    price: minorOf(item.ItemPrice, currency) ?? 0,
    tax: minorOf(item.ItemTax, currency) ?? 0,
  };
}

async function readItems(client: SpApiClient, orderId: string, currency: string | null, count: () => void): Promise<AmazonOrderItem[]> {
  const out: AmazonOrderItem[] = [];
  let token: string | undefined;
  do {
    count();
    const page = await client.getOrderItems(orderId, token);
    out.push(...page.items.map((i) => toOrderItem(i, currency)));
    token = page.nextToken ?? undefined;
  } while (token);
  return out;
}

async function readAddress(client: SpApiClient, orderId: string): Promise<AmazonOrderAddress | null> {
  const a = await client.getOrderAddress(orderId);
  if (!a || !a.Name || !a.AddressLine1 || !a.City || !a.PostalCode || !a.CountryCode) return null;
  return { name: a.Name, line1: a.AddressLine1, line2: a.AddressLine2 ?? null, city: a.City, state: a.StateOrRegion ?? null, postalCode: a.PostalCode, country: a.CountryCode, phone: a.Phone ?? null };
}

function regionOf(o: Order): DownloadedOrder['region'] {
  const a = o.ShippingAddress;
  return a ? { city: a.City ?? null, state: a.StateOrRegion ?? null, postalCode: a.PostalCode ?? null, country: a.CountryCode ?? null } : null;
}

/** The store as the import needs it, refused when its Setup is not saved. */
export async function storeForImport(db: Db | Tx, storeId: string): Promise<Store> {
  const [store] = await db.select().from(amazonStores).where(eq(amazonStores.id, storeId));
  if (!store) throw new DomainError('NOT_FOUND', 'That Amazon store no longer exists.');
  if (!store.customerId || (!store.afnLocationId && !store.mfnLocationId))
    throw new DomainError('INVALID_INPUT', `Save the Setup of store ${store.name} first: where its Amazon-fulfilled and merchant-fulfilled orders are sold from.`);
  return store;
}

/**
 * One download of a store's orders. Returns what became of each order, and the number of calls to
 * Amazon it made (for the benchmark: calls per order).
 */
export async function downloadStoreOrders(db: Db, storeId: string, deps: OrdersDownloadDeps = {}): Promise<DownloadSummary & { store: Store }> {
  const store = await storeForImport(db, storeId);
  try {
    return await downloadOrders(db, store, deps);
  } catch (e) {
    // Amazon's failure after the client's retries (5xx, throttling, no answer): its words, and what
    // happens next; each order read so far was written whole, and the cursor did not move.
    if (isSpApiError(e)) throw new DomainError('AMAZON_ERROR', `The order download stopped. ${amazonReason(e)} The orders read so far are kept; the next download carries on from there.`);
    throw e;
  }
}

async function downloadOrders(db: Db, store: Store, deps: OrdersDownloadDeps): Promise<DownloadSummary & { store: Store }> {
  const now = (deps.now ?? (() => new Date()))();
  const client = (deps.clientFor ?? spClientFor)(store);
  const importer: StoreForImport = store;
  const since = store.lastOrdersAt ?? store.ordersFrom ?? defaultOrdersFrom(now);
  const summary = emptySummary();
  const count = () => (summary.calls += 1);
  const seen = new Set<string>();
  let token: string | undefined;
  let cutoff: string | null = null;
  let done = 0;
  do {
    count();
    const page = await client.getOrders(
      token ? { MarketplaceIds: store.marketplaceIds, NextToken: token } : { MarketplaceIds: store.marketplaceIds, LastUpdatedAfter: since.toISOString(), MaxResultsPerPage: 100 },
    );
    cutoff ??= page.lastUpdatedBefore;
    token = page.nextToken ?? undefined;
    const ids = page.orders.map((o) => o.AmazonOrderId);
    const known = new Map(
      ids.length
        ? (
            await db
              .select({ amazonOrderId: amazonOrders.amazonOrderId, amazonStatus: amazonOrders.amazonStatus, lastUpdateDate: amazonOrders.lastUpdateDate, state: amazonOrders.state, items: amazonOrders.items })
              .from(amazonOrders)
              .where(and(eq(amazonOrders.storeId, store.id), inArray(amazonOrders.amazonOrderId, ids)))
          ).map((r) => [r.amazonOrderId, r])
        : [],
    );
    for (const o of page.orders) {
      done += 1;
      // Amazon has not confirmed the payment yet: it comes back when it becomes Unshipped.
      if (o.OrderStatus === 'Pending') {
        summary.pending += 1;
        continue;
      }
      seen.add(o.AmazonOrderId);
      const had = known.get(o.AmazonOrderId);
      if (had && had.amazonStatus === o.OrderStatus && had.lastUpdateDate.getTime() >= new Date(o.LastUpdateDate).getTime() && had.state !== 'Held') {
        summary.unchanged += 1;
        continue;
      }
      const channel = o.FulfillmentChannel ?? 'MFN';
      const cancelled = o.OrderStatus === 'Canceled';
      const currency = o.OrderTotal?.CurrencyCode ?? null;
      const needItems = !cancelled && (!had || had.items.length === 0);
      const items = needItems ? await readItems(client, o.AmazonOrderId, currency, count) : null;
      const shipTo = !had && channel === 'MFN' && !cancelled ? (count(), await readAddress(client, o.AmazonOrderId)) : null;
      const outcome = await applyAmazonOrder(db, importer, {
        amazonOrderId: o.AmazonOrderId,
        marketplaceId: o.MarketplaceId ?? store.marketplaceIds[0],
        fulfillmentChannel: channel,
        amazonStatus: o.OrderStatus,
        purchaseDate: new Date(o.PurchaseDate),
        lastUpdateDate: new Date(o.LastUpdateDate),
        currency,
        orderTotal: minorOf(o.OrderTotal, currency),
        items,
        shipTo,
        region: regionOf(o),
      });
      summary[outcome] += 1;
      await deps.onProgress?.({ done, total: done + (page.orders.length - page.orders.indexOf(o) - 1) + (token ? 100 : 0) });
    }
  } while (token);
  // Orders held earlier and not in this download: a product may have been added since.
  for (const outcome of await retryHeldOrders(db, importer, seen)) summary[outcome] += 1;
  if (cutoff) await db.update(amazonStores).set({ lastOrdersAt: new Date(new Date(cutoff).getTime() - CURSOR_OVERLAP_MS) }).where(eq(amazonStores.id, store.id));
  return { ...summary, store };
}

export function describeDownload(s: DownloadSummary): string {
  const seen = s.imported + s.held + s.cancelled + s.skipped + s.shipped + s.unchanged;
  const parts = [
    s.imported && `${s.imported} imported`,
    s.shipped && `${s.shipped} shipped by Amazon`,
    s.cancelled && `${s.cancelled} cancelled`,
    s.skipped && `${s.skipped} cancelled before import`,
    s.held && `${s.held} held`,
    s.unchanged && `${s.unchanged} unchanged`,
    s.pending && `${s.pending} still pending at Amazon`,
  ].filter(Boolean);
  return `${seen} order${seen === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

/** What the returns step did, for the run's summary. */
export function describeReturns(r: CustomerReturnsResult): string | null {
  if (r.lines === 0 && r.unmatched === 0) return 'No new customer returns.';
  const parts = [
    r.creditNotes > 0 && `${r.creditNotes} credit note${r.creditNotes === 1 ? '' : 's'}`,
    r.restocked > 0 && `${r.restocked} unit${r.restocked === 1 ? '' : 's'} back in stock`,
    r.unsellable > 0 && `${r.unsellable} unsellable`,
    r.unmatched > 0 && `${r.unmatched} for orders not imported here`,
  ].filter(Boolean);
  return `Customer returns: ${parts.join(', ')}.`;
}

/** The returns step of a download: Amazon's FBA customer returns report since the last one, as credit notes. */
export const storeReturns = async (db: Db, store: Store, client: SpApiClient) => describeReturns(await downloadStoreReturns(db, store.id, client));

/**
 * Download orders: queues the store's 'orders' run (a second press joins the first). Refused until
 * the store's Setup says where its orders are sold from.
 */
export async function requestOrdersDownload(db: Db, storeId: string, trigger: Run['trigger'], userId: string | null, now = new Date()): Promise<Run> {
  await storeForImport(db, storeId);
  return queueRun(db, { kind: 'orders', amazonStoreId: storeId }, trigger, userId, now);
}

function ordersWork(deps: OrdersDownloadDeps): RunWork {
  const now = deps.now ?? (() => new Date());
  return async ({ db, run, progress, finish }) => {
    await progress({ phase: 'Reading orders' });
    const result = await downloadStoreOrders(db, run.amazonStoreId!, {
      ...deps,
      onProgress: (p) => progress({ phase: WRITING_PHASE.orders, done: p.done, total: p.total }),
    });
    let returns: string | null = null;
    const step = deps.returns === undefined ? storeReturns : deps.returns;
    if (step) {
      await progress({ phase: 'Reading returns' });
      returns = await step(db, result.store, (deps.clientFor ?? spClientFor)(result.store));
    }
    const seen = result.imported + result.held + result.cancelled + result.skipped + result.shipped + result.unchanged;
    return db.transaction((tx) => finish(tx, { summary: [describeDownload(result), returns].filter(Boolean).join(' '), done: seen, total: seen, at: now() }));
  };
}

export function runOrdersDownload(db: Db, runId: string, deps: OrdersDownloadDeps = {}) {
  return executeRun(db, runId, ordersWork(deps), deps.now);
}

/** The worker's drain of Download orders presses and scheduled downloads. */
export function drainOrdersDownloads(db: Db, deps: OrdersDownloadDeps = {}) {
  return drainQueuedRuns(db, 'orders', ordersWork(deps), deps.now);
}

/** Every 15 minutes: a 'schedule' run for each store whose Setup turned the download on (joining one already active). */
export async function downloadAllStores(db: Db, deps: OrdersDownloadDeps = {}) {
  const stores = await db.select({ id: amazonStores.id }).from(amazonStores).where(eq(amazonStores.ordersEnabled, true));
  const results = await Promise.allSettled(
    stores.map(async (s) => {
      const run = await requestOrdersDownload(db, s.id, 'schedule', null, (deps.now ?? (() => new Date()))());
      return run.status === 'queued' ? runOrdersDownload(db, run.id, deps) : run;
    }),
  );
  const failed = results.filter((r) => r.status === 'rejected' || r.value?.status === 'failed').length;
  if (failed > 0) throw new DomainError('AMAZON_ERROR', `${failed} of ${stores.length} order downloads failed; see the Orders tab of each Amazon store.`);
  return { stores: stores.length };
}

/** The latest download of a store: what the Orders tab's progress bar starts from and polls. */
export const getLatestOrdersRun = (db: Db | Tx, storeId: string) => getLatestRun(db, { kind: 'orders', amazonStoreId: storeId });
