import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { FO_STATUSES, SALE_ORDER_STATUSES, SALE_STAGE_STATUSES, SHIPPING_OPTIONS } from '@/db/schema';
import { PRICE_SCALE, formatDecimal } from '@/lib/money';
import { getSale, listSales } from '@/lib/sale/queries';
import { ApiRefusal } from '../problem';
import { CursorParam, Decimal, Limit, listOf, ShipTo } from './common';

const Stage = z.enum(SALE_STAGE_STATUSES);
const stageFilter = (name: string) => z.enum(SALE_STAGE_STATUSES, `${name} is one of ${SALE_STAGE_STATUSES.join(', ')}.`).optional();

export const SaleListQuery = z.object({
  q: z.string().max(200, 'q is at most 200 characters.').optional().describe('Part of the sale number, the customer’s name or a SKU on it.'),
  order: z.enum(SALE_ORDER_STATUSES, `order is one of ${SALE_ORDER_STATUSES.join(', ')}.`).optional(),
  pick: stageFilter('pick'),
  pack: stageFilter('pack'),
  ship: stageFilter('ship'),
  invoice: stageFilter('invoice'),
  readyToShipFrom: z
    .uuid('readyToShipFrom is a location id.')
    .optional()
    .describe('A location id: only sales ready to ship with a picked line there (order and Pick authorised, Ship not), the rule of the 3PL Shipment List. What an outside warehouse asks for.'),
  cursor: CursorParam,
  limit: Limit,
});

const Stages = z.object({ order: z.enum(SALE_ORDER_STATUSES), pick: Stage, pack: Stage, ship: Stage, invoice: Stage }).describe('Each stage’s status, as the sale’s tabs show them.');

export const SaleList = listOf(
  z.object({ id: z.uuid(), number: z.string(), customer: z.string(), createdAt: z.iso.datetime(), lines: z.number().int(), total: Decimal.describe('Quantity × price over the lines.'), stages: Stages }),
);

export const ApiSale = z.object({
  id: z.uuid(),
  number: z.string(),
  customer: z.string(),
  createdAt: z.iso.datetime(),
  stages: Stages,
  shippingOption: z.enum(SHIPPING_OPTIONS),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  shipTo: ShipTo,
  shippedAt: z.iso.datetime().nullable().describe('When the current shipment left, as reported when Ship was authorised through the API (null: not reported).'),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      productId: z.uuid(),
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      price: Decimal,
      locationId: z.uuid().nullable(),
      location: z.string().nullable(),
      fba: z.boolean(),
    }),
  ),
  picked: z
    .array(
      z.object({
        lineNo: z.number().int().describe('The pick line: what `places`, `boxes` and Ship’s `lines` name as pickLineNo.'),
        saleLineNo: z.number().int(),
        productId: z.uuid(),
        sku: z.string(),
        locationId: z.uuid(),
        location: z.string(),
        binId: z.uuid().nullable(),
        bin: z.string().nullable(),
        quantity: z.number().int(),
        fba: z.boolean(),
      }),
    )
    .describe('Where each unit is picked from: drafted when the order is authorised, moved out of stock when Pick is authorised.'),
  fulfilmentOrders: z.array(z.object({ id: z.uuid(), number: z.string(), status: z.enum(FO_STATUSES) })).describe('Orders sent to Amazon for its FBA lines.'),
});

type StageCols = { orderStatus: z.infer<typeof Stages>['order']; pickStatus: z.infer<typeof Stage>; packStatus: z.infer<typeof Stage>; shipStatus: z.infer<typeof Stage>; invoiceStatus: z.infer<typeof Stage> };
const stagesOf = (s: StageCols) => ({ order: s.orderStatus, pick: s.pickStatus, pack: s.packStatus, ship: s.shipStatus, invoice: s.invoiceStatus });

/** Newest number first, filtered by any stage's status as Sale → Sales is. */
export async function saleList(db: Db | Tx, q: z.output<typeof SaleListQuery>): Promise<z.infer<typeof SaleList>> {
  const page = await listSales(db, { q: q.q?.trim() || undefined, sort: 'number', dir: 'desc', after: q.cursor, limit: q.limit }, {
    order: q.order,
    pick: q.pick,
    pack: q.pack,
    ship: q.ship,
    invoice: q.invoice,
    readyToShipFrom: q.readyToShipFrom,
  });
  return {
    data: page.rows.map((r) => ({ id: r.id, number: r.number, customer: r.customer, createdAt: r.createdAt.toISOString(), lines: r.lines, total: formatDecimal(r.total, PRICE_SCALE), stages: stagesOf(r) })),
    nextCursor: page.next,
  };
}

export async function saleGet(db: Db | Tx, id: string): Promise<z.infer<typeof ApiSale>> {
  const s = await getSale(db, id);
  if (!s) throw new ApiRefusal(404, 'No sale has this id.');
  return {
    id: s.id,
    number: s.number,
    customer: s.customer,
    createdAt: s.createdAt.toISOString(),
    stages: stagesOf(s),
    shippingOption: s.shippingOption,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    shipTo: { name: s.shipToName, line1: s.shipToLine1, line2: s.shipToLine2, city: s.shipToCity, state: s.shipToState, postalCode: s.shipToPostalCode, country: s.shipToCountry, phone: s.shipToPhone },
    shippedAt: (s.shipStatus === 'Authorised' ? s.shipments.find((x) => !x.undoneAt)?.shippedAt : null)?.toISOString() ?? null,
    lines: s.lines.map((l) => ({
      lineNo: l.lineNo,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      price: formatDecimal(l.price, PRICE_SCALE),
      locationId: l.locationId,
      location: l.location,
      fba: Boolean(l.external),
    })),
    picked: s.picked.map((p) => ({
      lineNo: p.lineNo,
      saleLineNo: p.saleLineNo,
      productId: p.productId,
      sku: p.sku,
      locationId: p.locationId,
      location: p.location,
      binId: p.binId,
      bin: p.bin,
      quantity: p.quantity,
      fba: p.externalConnectionId !== null,
    })),
    fulfilmentOrders: s.fos.map((f) => ({ id: f.id, number: f.number, status: f.status })),
  };
}
