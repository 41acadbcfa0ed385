import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import type { FoAddress } from './fo-actions';
import {
  customers,
  fbaConnections,
  fulfilmentOrderItems,
  fulfilmentOrderLog,
  fulfilmentOrders,
  fulfilmentPackageItems,
  fulfilmentPackages,
  locations,
  products,
  sales,
  users,
} from '@/db/schema';
import type { FoStatus } from './fo-status';
import { pendingCalls } from './outbox-queue';

/** Dates travel as ISO strings: the page renders this and the polled JSON route returns the same shape. */
type When = string | null;
const iso = (d: Date | null | undefined): When => (d ? d.toISOString() : null);

export type FoItemView = {
  lineNo: number;
  sellerSku: string;
  productId: string;
  productSku: string;
  productName: string;
  quantity: number;
  shipped: number;
  cancelled: number;
  unfulfillable: number;
  /** Tracking numbers of the packages this line travels in, comma-separated. */
  tracking: string;
};

export type FoPackageView = {
  packageNumber: number;
  carrier: string | null;
  trackingNumber: string | null;
  trackingStatus: string | null;
  shippedAt: When;
  estimatedArrivalAt: When;
  deliveredAt: When;
  /** "SKU-A × 1, SKU-B × 2". */
  contents: string;
};

export type FoView = {
  id: string;
  number: string;
  status: FoStatus;
  amazonStatus: string | null;
  displayableOrderId: string;
  comment: string | null;
  shippingSpeed: 'Standard' | 'Expedited' | 'Priority';
  address: FoAddress;
  lastError: string | null;
  version: number;
  sale: { id: string; number: string; customer: string };
  connection: { id: string; name: string };
  location: string;
  estimatedArrivalAt: When;
  stages: { created: string; sent: When; onHold: When; shipped: When; completed: When; delivered: When; cancelled: When; failed: When };
  lastTrackedAt: When;
  items: FoItemView[];
  packages: FoPackageView[];
  log: { id: number; message: string; user: string | null; at: string }[];
  /** Amazon calls queued or in flight: while any is, the page says "Sending to Amazon…" and waits. */
  pending: { kind: string; attempts: number; lastError: string | null }[];
};

/** The order page and its live JSON: everything about one fulfilment order, or null. */
export async function getFoView(db: Db | Tx, id: string): Promise<FoView | null> {
  const [fo] = await db
    .select({
      fo: fulfilmentOrders,
      saleNumber: sales.number,
      customer: customers.name,
      connection: fbaConnections.name,
      location: locations.name,
    })
    .from(fulfilmentOrders)
    .innerJoin(sales, eq(sales.id, fulfilmentOrders.saleId))
    .innerJoin(customers, eq(customers.id, sales.customerId))
    .innerJoin(fbaConnections, eq(fbaConnections.id, fulfilmentOrders.connectionId))
    .innerJoin(locations, eq(locations.id, fulfilmentOrders.locationId))
    .where(eq(fulfilmentOrders.id, id));
  if (!fo) return null;
  const o = fo.fo;

  // Correlated subqueries name the outer table in full: Drizzle leaves single-table columns unqualified.
  const [items, packages, log, pending] = await Promise.all([
    db
      .select({
        lineNo: fulfilmentOrderItems.lineNo,
        sellerSku: fulfilmentOrderItems.sellerSku,
        productId: fulfilmentOrderItems.productId,
        productSku: products.sku,
        productName: products.name,
        quantity: fulfilmentOrderItems.quantity,
        shipped: fulfilmentOrderItems.shippedQuantity,
        cancelled: fulfilmentOrderItems.cancelledQuantity,
        unfulfillable: fulfilmentOrderItems.unfulfillableQuantity,
        tracking: sql<string>`coalesce((SELECT string_agg(p.tracking_number, ', ' ORDER BY p.package_number)
          FROM ${fulfilmentPackageItems} pi JOIN ${fulfilmentPackages} p ON p.order_id = pi.order_id AND p.package_number = pi.package_number
          WHERE pi.order_id = fulfilment_order_items.order_id AND pi.line_no = fulfilment_order_items.line_no AND p.tracking_number IS NOT NULL), '')`,
      })
      .from(fulfilmentOrderItems)
      .innerJoin(products, eq(products.id, fulfilmentOrderItems.productId))
      .where(eq(fulfilmentOrderItems.orderId, id))
      .orderBy(asc(fulfilmentOrderItems.lineNo)),
    db
      .select({
        packageNumber: fulfilmentPackages.packageNumber,
        carrier: fulfilmentPackages.carrierCode,
        trackingNumber: fulfilmentPackages.trackingNumber,
        trackingStatus: fulfilmentPackages.trackingStatus,
        shippedAt: fulfilmentPackages.shippedAt,
        estimatedArrivalAt: fulfilmentPackages.estimatedArrivalAt,
        deliveredAt: fulfilmentPackages.deliveredAt,
        contents: sql<string>`coalesce((SELECT string_agg(i.seller_sku || ' × ' || pi.quantity, ', ' ORDER BY pi.line_no)
          FROM ${fulfilmentPackageItems} pi JOIN ${fulfilmentOrderItems} i ON i.order_id = pi.order_id AND i.line_no = pi.line_no
          WHERE pi.order_id = fulfilment_packages.order_id AND pi.package_number = fulfilment_packages.package_number), '')`,
      })
      .from(fulfilmentPackages)
      .where(eq(fulfilmentPackages.orderId, id))
      .orderBy(asc(fulfilmentPackages.packageNumber)),
    db
      .select({ id: fulfilmentOrderLog.id, message: fulfilmentOrderLog.message, user: users.name, at: fulfilmentOrderLog.createdAt })
      .from(fulfilmentOrderLog)
      .leftJoin(users, eq(users.id, fulfilmentOrderLog.userId))
      .where(and(eq(fulfilmentOrderLog.orderId, id)))
      .orderBy(asc(fulfilmentOrderLog.id)),
    pendingCalls(db, id),
  ]);

  return {
    id: o.id,
    number: o.number,
    status: o.status,
    amazonStatus: o.amazonStatus,
    displayableOrderId: o.displayableOrderId,
    comment: o.comment,
    shippingSpeed: o.shippingSpeed,
    address: {
      shipToName: o.shipToName,
      shipToLine1: o.shipToLine1,
      shipToLine2: o.shipToLine2,
      shipToCity: o.shipToCity,
      shipToState: o.shipToState,
      shipToPostalCode: o.shipToPostalCode,
      shipToCountry: o.shipToCountry,
      shipToPhone: o.shipToPhone,
    },
    lastError: o.lastError,
    version: o.version,
    sale: { id: o.saleId, number: fo.saleNumber, customer: fo.customer },
    connection: { id: o.connectionId, name: fo.connection },
    location: fo.location,
    estimatedArrivalAt: iso(o.estimatedArrivalAt),
    stages: {
      created: o.createdAt.toISOString(),
      sent: iso(o.sentAt),
      onHold: iso(o.onHoldAt),
      shipped: iso(o.shippedAt),
      completed: iso(o.completedAt),
      delivered: iso(o.deliveredAt),
      cancelled: iso(o.cancelledAt),
      failed: iso(o.failedAt),
    },
    lastTrackedAt: iso(o.lastTrackedAt),
    items: items.map((i) => ({ ...i, tracking: i.tracking ?? '' })),
    packages: packages.map((p) => ({ ...p, shippedAt: iso(p.shippedAt), estimatedArrivalAt: iso(p.estimatedArrivalAt), deliveredAt: iso(p.deliveredAt), contents: p.contents ?? '' })),
    log: log.map((l) => ({ id: l.id, message: l.message, user: l.user, at: l.at.toISOString() })),
    pending: pending.map((c) => ({ kind: c.kind, attempts: c.attempts, lastError: c.lastError })),
  };
}

