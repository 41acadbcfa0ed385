import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { FO_STATUSES } from '@/db/schema';
import { listFulfilmentOrders } from '@/lib/fulfilment/fo-list';
import { getFoView } from '@/lib/fulfilment/fo-view';
import { ApiRefusal } from '../problem';
import { CursorParam, Day, Limit, listOf, ShipTo } from './common';

const When = z.iso.datetime().nullable();

export const FoListQuery = z.object({
  status: z.enum(FO_STATUSES, `status is one of ${FO_STATUSES.join(', ')}.`).optional(),
  connectionId: z.uuid('connectionId is an FBA connection’s id.').optional(),
  from: Day,
  to: Day,
  q: z.string().max(200, 'q is at most 200 characters.').optional().describe('Fulfilment order number or sale number (from its start), seller SKU or tracking number (exact).'),
  sort: z.enum(['created', 'number'], 'sort is created or number.').default('created'),
  dir: z.enum(['asc', 'desc'], 'dir is asc or desc.').default('desc'),
  cursor: CursorParam,
  limit: Limit,
});

export const FoListItem = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(FO_STATUSES),
  amazonStatus: z.string().nullable().describe('Amazon’s FulfillmentOrderStatus as last read.'),
  createdAt: z.iso.datetime(),
  shippedAt: When,
  deliveredAt: When,
  shippingSpeed: z.string(),
  saleId: z.uuid(),
  saleNumber: z.string(),
  customer: z.string(),
  connectionId: z.uuid(),
  units: z.number().int(),
  tracking: z.string().describe('Tracking numbers of its packages, comma-separated.'),
  lastError: z.string().nullable(),
});
export const FoList = listOf(FoListItem);

export const ApiFulfilmentOrder = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(FO_STATUSES),
  amazonStatus: z.string().nullable(),
  displayableOrderId: z.string(),
  shippingSpeed: z.enum(['Standard', 'Expedited', 'Priority']),
  shipTo: ShipTo,
  sale: z.object({ id: z.uuid(), number: z.string(), customer: z.string() }),
  connection: z.object({ id: z.uuid(), name: z.string() }),
  location: z.string(),
  estimatedArrivalAt: When,
  lastTrackedAt: When,
  lastError: z.string().nullable(),
  items: z.array(
    z.object({ lineNo: z.number().int(), sellerSku: z.string(), productId: z.uuid(), sku: z.string(), quantity: z.number().int(), shipped: z.number().int(), cancelled: z.number().int(), unfulfillable: z.number().int() }),
  ),
  packages: z
    .array(
      z.object({
        packageNumber: z.number().int(),
        carrier: z.string().nullable(),
        trackingNumber: z.string().nullable(),
        trackingStatus: z.string().nullable(),
        shippedAt: When,
        estimatedArrivalAt: When,
        deliveredAt: When,
        contents: z.string(),
      }),
    )
    .describe('Amazon’s packages with their tracking, as the order page shows them.'),
});

export async function foList(db: Db | Tx, q: z.output<typeof FoListQuery>): Promise<z.infer<typeof FoList>> {
  const page = await listFulfilmentOrders(db, { status: q.status, connectionId: q.connectionId, from: q.from, to: q.to, q: q.q?.trim() || undefined, sort: q.sort, dir: q.dir, after: q.cursor, limit: q.limit });
  return {
    data: page.rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      amazonStatus: r.amazonStatus,
      createdAt: r.createdAt.toISOString(),
      shippedAt: r.shippedAt?.toISOString() ?? null,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      shippingSpeed: r.shippingSpeed,
      saleId: r.saleId,
      saleNumber: r.saleNumber,
      customer: r.customer,
      connectionId: r.connectionId,
      units: r.units,
      tracking: r.tracking,
      lastError: r.lastError,
    })),
    nextCursor: page.next,
  };
}

export async function foGet(db: Db | Tx, id: string): Promise<z.infer<typeof ApiFulfilmentOrder>> {
  const v = await getFoView(db, id);
  if (!v) throw new ApiRefusal(404, 'No fulfilment order has this id.');
  const a = v.address;
  return {
    id: v.id,
    number: v.number,
    status: v.status,
    amazonStatus: v.amazonStatus,
    displayableOrderId: v.displayableOrderId,
    shippingSpeed: v.shippingSpeed,
    shipTo: { name: a.shipToName, line1: a.shipToLine1, line2: a.shipToLine2, city: a.shipToCity, state: a.shipToState, postalCode: a.shipToPostalCode, country: a.shipToCountry, phone: a.shipToPhone },
    sale: v.sale,
    connection: v.connection,
    location: v.location,
    estimatedArrivalAt: v.estimatedArrivalAt,
    lastTrackedAt: v.lastTrackedAt,
    lastError: v.lastError,
    items: v.items.map((i) => ({ lineNo: i.lineNo, sellerSku: i.sellerSku, productId: i.productId, sku: i.productSku, quantity: i.quantity, shipped: i.shipped, cancelled: i.cancelled, unfulfillable: i.unfulfillable })),
    packages: v.packages,
  };
}
