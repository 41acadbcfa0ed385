import type { Db } from '../db/client';
import {
  customers,
  fbaConnections,
  fbaListings,
  fulfilmentOrderItems,
  fulfilmentOrderLog,
  fulfilmentOrders,
  fulfilmentPackageItems,
  fulfilmentPackages,
  saleLines,
  salePickLines,
  saleShipments,
  sales,
  type locations,
} from '../db/schema';
import { DEMO_SELLER } from '../sandbox/index';
import type { TestSandbox } from '../lib/fba/sp-api/testing/harness';
import { ensurePriceTiers } from '../lib/catalog/price-tiers';
import type { FoStatus } from '../lib/fulfilment/fo-status';
import { nextNumber } from '../lib/reference/numbers';
import { makeFbaConnection } from './fba-fixtures';
import { makeProduct } from './fixtures';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export type FixtureConnection = { conn: typeof fbaConnections.$inferSelect; location: typeof locations.$inferSelect };

export type FoFixture = {
  connection?: FixtureConnection;
  status?: FoStatus;
  createdAt?: Date;
  /** Lines; each makes a product unless `productId` is given. Seller SKU = product SKU unless set. */
  items?: { sku?: string; productId?: string; quantity: number; shipped?: number; cancelled?: number; unfulfillable?: number }[];
  /** Packages with the lines (1-based) and quantities they carry. */
  packages?: { carrier?: string; tracking?: string; lines: { lineNo: number; quantity: number }[]; deliveredAt?: Date | null; estimatedArrivalAt?: Date | null; trackingStatus?: string }[];
  amazonStatus?: string | null;
  lastError?: string | null;
  comment?: string | null;
  shippingSpeed?: 'Standard' | 'Expedited' | 'Priority';
  customerName?: string;
  /** Log lines written after the creation line. */
  log?: string[];
  userId?: string | null;
  /** Whether it reached Amazon (sent_at); by default every status but Queued and Cancelled (voided). */
  sent?: boolean;
};

/**
 * A sale (customer, authorised Ship), its shipment and one fulfilment order in any status with
 * items, packages and log, written directly: the list, the order page and the actions can be
 * tested without the sale flow or Amazon. Stage dates are stamped as the status implies.
 */
export async function makeFulfilmentOrder(db: Db, f: FoFixture = {}) {
  await ensurePriceTiers(db);
  const connection = f.connection ?? (await makeFbaConnection(db));
  const status = f.status ?? 'Queued';
  const at = f.createdAt ?? new Date();
  const itemsIn = f.items ?? [{ quantity: 2 }];
  const prods: { id: string; sku: string }[] = [];
  for (const it of itemsIn) prods.push(it.productId ? { id: it.productId, sku: it.sku ?? '' } : await makeProduct(db, { sku: it.sku ?? `FBA-${uniq()}`, name: `Product ${uniq()}` }));

  return db.transaction(async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ name: f.customerName ? `${f.customerName} ${uniq()}` : `Customer ${uniq()}`, priceTier: 1 })
      .returning();
    const saleNumber = await nextNumber(tx, 'SO');
    const address = { shipToName: 'Jane Doe', shipToLine1: '1 Main St', shipToCity: 'Seattle', shipToState: 'WA', shipToPostalCode: '98101', shipToCountry: 'US', shipToPhone: '+1 206 555 0100' };
    const [sale] = await tx
      .insert(sales)
      .values({ number: saleNumber, customerId: customer.id, priceTier: 1, orderStatus: 'Authorised', pickStatus: 'Authorised', packStatus: 'Authorised', shipStatus: 'Authorised', ...address, shippingOption: f.shippingSpeed ?? 'Standard', createdAt: at, authorisedAt: at })
      .returning();
    const [shipment] = await tx.insert(saleShipments).values({ saleId: sale.id, seq: 1, shippingOption: f.shippingSpeed ?? 'Standard', authorisedAt: at }).returning();
    const number = await nextNumber(tx, 'FO');
    const later = (min: number) => new Date(at.getTime() + min * 60_000);
    const sent = f.sent ?? !['Queued', 'Cancelled'].includes(status);
    const stamps = {
      sentAt: sent ? later(1) : null,
      onHoldAt: status === 'On Hold' ? later(2) : null,
      shippedAt: ['Shipped', 'Completed', 'Delivered'].includes(status) ? later(3) : null,
      completedAt: status === 'Completed' ? later(60 * 24 * 5) : null,
      deliveredAt: status === 'Delivered' ? later(60 * 24 * 3) : null,
      cancelledAt: status === 'Cancelled' ? later(4) : null,
      failedAt: status === 'Failed' ? later(2) : null,
    };
    const [fo] = await tx
      .insert(fulfilmentOrders)
      .values({
        number,
        saleId: sale.id,
        shipmentId: shipment.id,
        connectionId: connection.conn.id,
        locationId: connection.location.id,
        status,
        amazonStatus: f.amazonStatus ?? null,
        displayableOrderId: saleNumber,
        comment: f.comment ?? null,
        shippingSpeed: f.shippingSpeed ?? 'Standard',
        ...address,
        lastError: f.lastError ?? null,
        createdAt: at,
        ...stamps,
        userId: f.userId ?? null,
      })
      .returning();
    await tx.insert(fulfilmentOrderItems).values(
      itemsIn.map((it, i) => ({
        orderId: fo.id,
        lineNo: i + 1,
        productId: prods[i].id,
        sellerSku: it.sku ?? prods[i].sku,
        quantity: it.quantity,
        shippedQuantity: it.shipped ?? 0,
        cancelledQuantity: it.cancelled ?? 0,
        unfulfillableQuantity: it.unfulfillable ?? 0,
      })),
    );
    for (const [i, p] of (f.packages ?? []).entries()) {
      await tx.insert(fulfilmentPackages).values({
        orderId: fo.id,
        packageNumber: i + 1,
        carrierCode: p.carrier ?? 'UPS',
        trackingNumber: p.tracking ?? null,
        shippedAt: stamps.shippedAt,
        estimatedArrivalAt: p.estimatedArrivalAt ?? later(60 * 24 * 3),
        deliveredAt: p.deliveredAt ?? null,
        trackingStatus: p.trackingStatus ?? (p.deliveredAt ? 'DELIVERED' : 'IN_TRANSIT'),
      });
      await tx.insert(fulfilmentPackageItems).values(p.lines.map((l) => ({ orderId: fo.id, packageNumber: i + 1, lineNo: l.lineNo, quantity: l.quantity })));
    }
    await tx.insert(fulfilmentOrderLog).values([
      { orderId: fo.id, message: `Created from ${saleNumber} (${status}).`, userId: f.userId ?? null, createdAt: at },
      ...(f.log ?? []).map((message, i) => ({ orderId: fo.id, message, userId: null, createdAt: later(i + 1) })),
    ]);
    return { fo, sale, customer, shipment, connection, products: prods };
  });
}

/**
 * A sale with order lines at the given locations (an FBA location's lines picked there when
 * `picked`), and the FBA catalog listing of each product at the connection when `listed`: what
 * Amazon's preview reads.
 */
export async function makeSaleWithLines(
  db: Db,
  opts: {
    lines: { productId: string; locationId: string; quantity: number }[];
    picked?: boolean;
    shippingOption?: 'Standard' | 'Expedited' | 'Priority';
    address?: Partial<typeof sales.$inferInsert>;
    listings?: { connectionId: string; productId: string; sellerSku: string }[];
  },
) {
  await ensurePriceTiers(db);
  return db.transaction(async (tx) => {
    const [customer] = await tx.insert(customers).values({ name: `Customer ${uniq()}`, priceTier: 1 }).returning();
    const [sale] = await tx
      .insert(sales)
      .values({
        number: await nextNumber(tx, 'SO'),
        customerId: customer.id,
        priceTier: 1,
        orderStatus: 'Authorised',
        shipToName: 'Jane Doe',
        shipToLine1: '410 Terry Ave N',
        shipToCity: 'Seattle',
        shipToState: 'WA',
        shipToPostalCode: '98109',
        shipToCountry: 'US',
        shippingOption: opts.shippingOption ?? 'Standard',
        ...opts.address,
      })
      .returning();
    await tx.insert(saleLines).values(opts.lines.map((l, i) => ({ saleId: sale.id, lineNo: i + 1, productId: l.productId, quantity: l.quantity, price: 1000, locationId: l.locationId })));
    if (opts.picked)
      await tx.insert(salePickLines).values(opts.lines.map((l, i) => ({ saleId: sale.id, lineNo: i + 1, saleLineNo: i + 1, productId: l.productId, locationId: l.locationId, quantity: l.quantity })));
    for (const l of opts.listings ?? []) await tx.insert(fbaListings).values({ ...l, fulfillable: 100, total: 100 }).onConflictDoNothing();
    return sale;
  });
}

/** Fulfillable stock of the sandbox's demo seller (the seller every test connection speaks for). */
export async function stockAtAmazon(sandbox: TestSandbox, items: { sellerSku: string; fulfillable: number; productName?: string }[]) {
  await sandbox.admin('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/inventory`, { items });
}
