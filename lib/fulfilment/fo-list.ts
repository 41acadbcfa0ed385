import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { FO_STATUSES, customers, fbaConnections, fulfilmentOrderItems, fulfilmentOrders, fulfilmentPackages, sales } from '@/db/schema';
import type { SearchParams } from '@/lib/http/search-params';
import { decodeCursor, encodeCursor, PAGE_SIZE, type Cursor, type Page } from '@/lib/paging';
import { keyset, momentKeyset } from '@/lib/paging-sql';
import { isUuid } from '@/lib/validation/id';
import { validDay } from '@/lib/validation/day';
import type { FoStatus } from './fo-status';

export const FO_SORTS = ['created', 'number'] as const;
export type FoSort = (typeof FO_SORTS)[number];

/** What narrows the list: status, connection, a day range (UTC, both days included) and a search. */
export type FoFilters = {
  status?: FoStatus;
  connectionId?: string;
  /** YYYY-MM-DD, UTC. */
  from?: string;
  to?: string;
  /** Sale number, fulfilment order number (prefix), seller SKU or tracking number (exact). */
  q?: string;
};

export type FoListParams = FoFilters & { sort: FoSort; dir: 'asc' | 'desc'; after: Cursor | null; limit?: number };


/** Reads the list's search params (?status=&connection=&from=&to=&q=&sort=&dir=&after=), ignoring anything unknown. */
export function readFoListParams(sp: SearchParams): FoListParams {
  const status = (FO_STATUSES as readonly string[]).includes(sp.status ?? '') ? (sp.status as FoStatus) : undefined;
  const sort = (FO_SORTS as readonly string[]).includes(sp.sort ?? '') ? (sp.sort as FoSort) : 'created';
  const dir = sp.dir === 'asc' ? 'asc' : 'desc';
  return {
    status,
    connectionId: isUuid(sp.connection) ? sp.connection : undefined,
    from: validDay(sp.from),
    to: validDay(sp.to),
    q: sp.q?.trim() || undefined,
    sort,
    dir,
    after: decodeCursor(sp.after),
  };
}

/** The filters as search params (for links that keep them: counts, sort headers, pager, CSV). */
export function foFilterQuery(f: FoFilters & { sort?: FoSort; dir?: 'asc' | 'desc' }): Record<string, string | undefined> {
  return { status: f.status, connection: f.connectionId, from: f.from, to: f.to, q: f.q, sort: f.sort === 'created' ? undefined : f.sort, dir: f.dir === 'desc' ? undefined : f.dir };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every filter but the status (the counts per status are read under these). */
function baseWhere(f: FoFilters): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.connectionId) conds.push(eq(fulfilmentOrders.connectionId, f.connectionId));
  if (f.from) conds.push(gte(fulfilmentOrders.createdAt, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) conds.push(lt(fulfilmentOrders.createdAt, new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)));
  if (f.q) {
    const prefix = `${escapeLike(f.q.toLowerCase())}%`;
    // Numbers by prefix (their lower() prefix indexes); SKU and tracking number exactly (their
    // indexes). Each way is its own indexed lookup and the orders found are united: one OR across
    // the joined tables reads every order (about 0.3-0.5 s at 100,000 orders, bench/load.ts).
    conds.push(sql`${fulfilmentOrders.id} IN (
      SELECT f.id FROM ${fulfilmentOrders} f WHERE lower(f.number) LIKE ${prefix}
      UNION SELECT f.id FROM ${sales} s JOIN ${fulfilmentOrders} f ON f.sale_id = s.id WHERE lower(s.number) LIKE ${prefix}
      UNION SELECT i.order_id FROM ${fulfilmentOrderItems} i WHERE i.seller_sku IN (${f.q}, ${f.q.toUpperCase()})
      UNION SELECT p.order_id FROM ${fulfilmentPackages} p WHERE p.tracking_number IN (${f.q}, ${f.q.toUpperCase()}))`);
  }
  return and(...conds);
}

/** A row of the list: the order, its sale and connection, what it holds and its tracking numbers. */
function listColumns() {
  return {
    id: fulfilmentOrders.id,
    number: fulfilmentOrders.number,
    status: fulfilmentOrders.status,
    amazonStatus: fulfilmentOrders.amazonStatus,
    createdAt: fulfilmentOrders.createdAt,
    shippedAt: fulfilmentOrders.shippedAt,
    deliveredAt: fulfilmentOrders.deliveredAt,
    shippingSpeed: fulfilmentOrders.shippingSpeed,
    shipToName: fulfilmentOrders.shipToName,
    shipToCountry: fulfilmentOrders.shipToCountry,
    lastError: fulfilmentOrders.lastError,
    saleId: fulfilmentOrders.saleId,
    saleNumber: sales.number,
    customer: customers.name,
    connectionId: fulfilmentOrders.connectionId,
    connection: fbaConnections.name,
    /** "SKU-A × 2, SKU-B × 1" in line order. */
    items: sql<string>`coalesce((SELECT string_agg(i.seller_sku || ' × ' || i.quantity, ', ' ORDER BY i.line_no) FROM ${fulfilmentOrderItems} i WHERE i.order_id = ${fulfilmentOrders.id}), '')`,
    units: sql<number>`coalesce((SELECT sum(i.quantity) FROM ${fulfilmentOrderItems} i WHERE i.order_id = ${fulfilmentOrders.id}), 0)::int`,
    /** Tracking numbers of every package, comma-separated, in package order. */
    tracking: sql<string>`coalesce((SELECT string_agg(p.tracking_number, ', ' ORDER BY p.package_number) FROM ${fulfilmentPackages} p WHERE p.order_id = ${fulfilmentOrders.id} AND p.tracking_number IS NOT NULL), '')`,
    /** The sort key as PostgreSQL prints it (microseconds kept), for the cursor. */
    createdKey: sql<string>`${fulfilmentOrders.createdAt}::text`,
  };
}

export type FoListRow = {
  id: string;
  number: string;
  status: FoStatus;
  amazonStatus: string | null;
  createdAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  shippingSpeed: string;
  shipToName: string;
  shipToCountry: string;
  lastError: string | null;
  saleId: string;
  saleNumber: string;
  customer: string;
  connectionId: string;
  connection: string;
  items: string;
  units: number;
  tracking: string;
};

function order(p: FoListParams) {
  return p.sort === 'number' ? keyset(fulfilmentOrders.number, fulfilmentOrders.id, p.dir, p.after) : momentKeyset(fulfilmentOrders.createdAt, fulfilmentOrders.id, p.dir, p.after);
}

function fromJoined(db: Db | Tx) {
  return db
    .select(listColumns())
    .from(fulfilmentOrders)
    .innerJoin(sales, eq(sales.id, fulfilmentOrders.saleId))
    .innerJoin(customers, eq(customers.id, sales.customerId))
    .innerJoin(fbaConnections, eq(fbaConnections.id, fulfilmentOrders.connectionId));
}

/** One page of fulfilment orders, filtered and sorted, in one query (keyset paging). */
export async function listFulfilmentOrders(db: Db | Tx, p: FoListParams): Promise<Page<FoListRow>> {
  const limit = p.limit ?? PAGE_SIZE;
  const page = order(p);
  const rows = await fromJoined(db)
    .where(and(baseWhere(p), p.status ? eq(fulfilmentOrders.status, p.status) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  const next = more && last ? encodeCursor({ v: p.sort === 'number' ? last.number : last.createdKey, id: last.id }) : null;
  return { rows: shown.map(({ createdKey: _k, ...r }) => ({ ...r, units: Number(r.units) })), next };
}

/** How many orders of each status match the other filters (the counts at the top of the list), in one query. */
export async function countFulfilmentOrders(db: Db | Tx, f: FoFilters): Promise<Record<FoStatus, number>> {
  const where = baseWhere(f);
  const rows = await db.select({ status: fulfilmentOrders.status, n: sql<number>`count(*)::int` }).from(fulfilmentOrders).where(where).groupBy(fulfilmentOrders.status);
  const out = Object.fromEntries(FO_STATUSES.map((s) => [s, 0])) as Record<FoStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** The connections to filter by (every FBA connection, active or not: old orders keep theirs). */
export async function listFoConnections(db: Db | Tx) {
  return db.select({ id: fbaConnections.id, name: fbaConnections.name }).from(fbaConnections).orderBy(fbaConnections.name, fbaConnections.id);
}
