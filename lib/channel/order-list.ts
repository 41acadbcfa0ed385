import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonOrders, amazonStores, AMAZON_ORDER_STATES, FULFILLMENT_CHANNELS, locations, sales } from '@/db/schema';
import { decodeCursor, encodeCursor, PAGE_SIZE, type Cursor, type Page } from '@/lib/paging';
import { momentKeyset } from '@/lib/paging-sql';
import type { AmazonOrderState } from './amazon-order-state';

// Integration → Amazon → [store] → Orders: the store's downloaded orders, newest purchase first,
// in one query (keyset on purchase_date, id; an index per filter: state, channel; the order id
// prefix search uses amazon_orders_order_id_idx).

type SearchParams = Record<string, string | undefined>;

export type OrderListParams = { state?: AmazonOrderState; channel?: 'AFN' | 'MFN'; q?: string; after: Cursor | null; limit?: number };

export type OrderListRow = {
  id: string;
  amazonOrderId: string;
  fulfillmentChannel: 'AFN' | 'MFN';
  amazonStatus: string;
  purchaseDate: Date;
  currency: string | null;
  orderTotal: number | null;
  units: number;
  skus: string[];
  state: AmazonOrderState;
  heldReason: string | null;
  saleId: string | null;
  saleNumber: string | null;
  location: string | null;
};

/** The states in the order the filter lists them. */
export const AMAZON_ORDER_STATE_LIST = AMAZON_ORDER_STATES;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function readOrderListParams(sp: SearchParams): OrderListParams {
  const state = (AMAZON_ORDER_STATES as readonly string[]).includes(sp.state ?? '') ? (sp.state as AmazonOrderState) : undefined;
  const channel = (FULFILLMENT_CHANNELS as readonly string[]).includes(sp.channel ?? '') ? (sp.channel as 'AFN' | 'MFN') : undefined;
  return { state, channel, q: sp.q?.trim() || undefined, after: decodeCursor(sp.after) };
}

function where(storeId: string, p: OrderListParams): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(amazonOrders.storeId, storeId)];
  if (p.state) conds.push(eq(amazonOrders.state, p.state));
  if (p.channel) conds.push(eq(amazonOrders.fulfillmentChannel, p.channel));
  if (p.q) conds.push(sql`${amazonOrders.amazonOrderId} LIKE ${`${escapeLike(p.q)}%`}`);
  conds.push(momentKeyset(amazonOrders.purchaseDate, amazonOrders.id, 'desc', p.after).where);
  return and(...conds);
}

/** One page of a store's Amazon orders with their sale and location: one query. */
export async function listAmazonOrders(db: Db | Tx, storeId: string, p: OrderListParams): Promise<Page<OrderListRow>> {
  const limit = p.limit ?? PAGE_SIZE;
  const rows = await db
    .select({
      id: amazonOrders.id,
      amazonOrderId: amazonOrders.amazonOrderId,
      fulfillmentChannel: amazonOrders.fulfillmentChannel,
      amazonStatus: amazonOrders.amazonStatus,
      purchaseDate: amazonOrders.purchaseDate,
      key: sql<string>`${amazonOrders.purchaseDate}::text`,
      currency: amazonOrders.currency,
      orderTotal: amazonOrders.orderTotal,
      units: sql<number>`(SELECT coalesce(sum((i->>'quantity')::int), 0) FROM jsonb_array_elements(${amazonOrders.items}) i)::int`,
      skus: sql<string[] | null>`(SELECT array_agg(i->>'sellerSku') FROM jsonb_array_elements(${amazonOrders.items}) i)`,
      state: amazonOrders.state,
      heldReason: amazonOrders.heldReason,
      saleId: amazonOrders.saleId,
      saleNumber: sales.number,
      location: locations.name,
    })
    .from(amazonOrders)
    .leftJoin(sales, eq(sales.id, amazonOrders.saleId))
    .leftJoin(locations, eq(locations.id, amazonOrders.locationId))
    .where(where(storeId, p))
    .orderBy(desc(amazonOrders.purchaseDate), desc(amazonOrders.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    rows: shown.map(({ key: _k, ...r }) => ({ ...r, units: Number(r.units), skus: r.skus ?? [], orderTotal: r.orderTotal === null ? null : Number(r.orderTotal) })),
    next: more && last ? encodeCursor({ v: last.key, id: last.id }) : null,
  };
}

/** How many of the store's orders are in each state, for the tab's filter counts: one query. */
export async function countAmazonOrders(db: Db | Tx, storeId: string): Promise<Record<AmazonOrderState, number>> {
  const rows = await db.select({ state: amazonOrders.state, n: sql<number>`count(*)::int` }).from(amazonOrders).where(eq(amazonOrders.storeId, storeId)).groupBy(amazonOrders.state);
  const out = Object.fromEntries(AMAZON_ORDER_STATES.map((s) => [s, 0])) as Record<AmazonOrderState, number>;
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/** The Amazon order a sale came from, for the sale page. */
export async function amazonOrderOfSale(db: Db | Tx, saleId: string) {
  const [row] = await db
    .select({ amazonOrderId: amazonOrders.amazonOrderId, fulfillmentChannel: amazonOrders.fulfillmentChannel, storeId: amazonOrders.storeId, storeName: amazonStores.name, amazonStatus: amazonOrders.amazonStatus, state: amazonOrders.state })
    .from(amazonOrders)
    .innerJoin(amazonStores, eq(amazonStores.id, amazonOrders.storeId))
    .where(eq(amazonOrders.saleId, saleId));
  return row ?? null;
}
