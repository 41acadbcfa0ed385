import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customers, locations, priceTiers, products, saleLines, saleLog, sales, saleShipments, SALE_STAGE_STATUSES, SALE_ORDER_STATUSES, users } from '@/db/schema';
import { likeEscape } from '@/lib/catalog/products';
import { PAGE_SIZE, toPage, type ListParams, type Page } from '@/lib/paging';
import { keyset } from '@/lib/paging-sql';
import { invoiceLines, paymentsOf } from './invoice';
import { packLinesOf } from './pack';
import { pickLinesWithPlaces } from './pick';
import type { SaleOrderStatus, SaleStageStatus } from './sale-status';
import { fulfilmentOrdersOf, shipLinesOf } from './ship';
import { readyToShipFrom } from './three-pl';

export const SALE_SORTS = ['number'] as const;
/** The list's stage filters: `?pick=Authorised` etc. */
export const SALE_FILTERS = ['order', 'pick', 'pack', 'ship', 'invoice'] as const;
export type SaleFilters = Partial<Record<(typeof SALE_FILTERS)[number], string>> & {
  /** Sales ready to ship with a picked line at this location (the 3PL Shipment List's rule). */
  readyToShipFrom?: string;
};

const COLUMN = { order: sales.orderStatus, pick: sales.pickStatus, pack: sales.packStatus, ship: sales.shipStatus, invoice: sales.invoiceStatus } as const;

/** Only statuses that exist become filters; anything else in the URL is ignored. */
export function readSaleFilters(sp: Record<string, string | string[] | undefined>): SaleFilters {
  const out: SaleFilters = {};
  for (const f of SALE_FILTERS) {
    const v = Array.isArray(sp[f]) ? sp[f]![0] : sp[f];
    const allowed: readonly string[] = f === 'order' ? SALE_ORDER_STATUSES : SALE_STAGE_STATUSES;
    if (v && allowed.includes(v)) out[f] = v;
  }
  return out;
}

function searchSales(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = `%${likeEscape(q)}%`;
  return or(
    ilike(sales.number, pattern),
    ilike(customers.name, pattern),
    sql`EXISTS (SELECT 1 FROM ${saleLines} sl JOIN ${products} p ON p.id = sl.product_id WHERE sl.sale_id = ${sales.id} AND p.sku ILIKE ${pattern})`,
  );
}

export type SaleListRow = {
  id: string;
  number: string;
  customer: string;
  createdAt: Date;
  lines: number;
  total: number;
  orderStatus: SaleOrderStatus;
  pickStatus: SaleStageStatus;
  packStatus: SaleStageStatus;
  shipStatus: SaleStageStatus;
  invoiceStatus: SaleStageStatus;
};

/** Sale → Sales: one page in one query (customer joined, line count and total in subqueries), newest number first by default. */
export async function listSales(db: Db | Tx, params: ListParams<(typeof SALE_SORTS)[number]>, filters: SaleFilters = {}): Promise<Page<SaleListRow>> {
  const limit = params.limit ?? PAGE_SIZE;
  const page = keyset(sales.number, sales.id, params.dir, params.after);
  const rows = await db
    .select({
      id: sales.id,
      number: sales.number,
      customer: customers.name,
      createdAt: sales.createdAt,
      lines: sql<number>`(SELECT count(*) FROM ${saleLines} l WHERE l.sale_id = ${sales.id})::int`,
      total: sql<number>`(SELECT coalesce(sum(l.quantity * l.price), 0) FROM ${saleLines} l WHERE l.sale_id = ${sales.id})::bigint`,
      orderStatus: sales.orderStatus,
      pickStatus: sales.pickStatus,
      packStatus: sales.packStatus,
      shipStatus: sales.shipStatus,
      invoiceStatus: sales.invoiceStatus,
    })
    .from(sales)
    .innerJoin(customers, eq(customers.id, sales.customerId))
    .where(
      and(
        searchSales(params.q),
        ...SALE_FILTERS.map((f) => (filters[f] ? eq(COLUMN[f], filters[f] as never) : undefined)),
        filters.readyToShipFrom ? readyToShipFrom(filters.readyToShipFrom) : undefined,
        page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, lines: Number(r.lines), total: Number(r.total) })),
    limit,
    (r) => r.number,
  );
}

/**
 * Everything the sale page shows, in a handful of queries (none per row). They do not depend on
 * one another, so they are sent together (postgres.js runs them side by side; PGlite in turn):
 * one round trip's wait instead of ten one after another. An unknown id costs nine empty reads.
 */
export async function getSale(db: Db | Tx, id: string) {
  const [[sale], lines, picked, pack, ship, shipments, fos, payments, invoice, log] = await Promise.all([
    db
      .select({ sale: sales, customer: customers.name, tierName: priceTiers.name })
      .from(sales)
      .innerJoin(customers, eq(customers.id, sales.customerId))
      .leftJoin(priceTiers, eq(priceTiers.tier, sales.priceTier))
      .where(eq(sales.id, id)),
    db
      .select({ lineNo: saleLines.lineNo, productId: saleLines.productId, locationId: saleLines.locationId, sku: products.sku, name: products.name, quantity: saleLines.quantity, price: saleLines.price, location: locations.name, external: sql<boolean>`${locations.externalConnectionId} IS NOT NULL` })
      .from(saleLines)
      .innerJoin(products, eq(products.id, saleLines.productId))
      .leftJoin(locations, eq(locations.id, saleLines.locationId))
      .where(eq(saleLines.saleId, id))
      .orderBy(asc(saleLines.lineNo)),
    pickLinesWithPlaces(db, id),
    packLinesOf(db, id),
    shipLinesOf(db, id),
    db.select().from(saleShipments).where(eq(saleShipments.saleId, id)).orderBy(desc(saleShipments.seq)),
    fulfilmentOrdersOf(db, [id]),
    paymentsOf(db, id),
    invoiceLines(db, id),
    db
      .select({ id: saleLog.id, stage: saleLog.stage, message: saleLog.message, createdAt: saleLog.createdAt, user: users.name })
      .from(saleLog)
      .leftJoin(users, eq(users.id, saleLog.userId))
      .where(eq(saleLog.saleId, id))
      .orderBy(asc(saleLog.id)),
  ]);
  if (!sale) return null;
  return { ...sale.sale, customer: sale.customer, tierName: sale.tierName, lines, picked, pack, ship, shipments, fos, payments, invoice, log };
}

export type SaleDetail = NonNullable<Awaited<ReturnType<typeof getSale>>>;
