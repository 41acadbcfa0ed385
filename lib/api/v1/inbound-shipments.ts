import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { INBOUND_STATUSES } from '@/db/schema';
import { formatMinor } from '@/lib/fba/amazon-money';
import { getInboundView } from '@/lib/inbound/inbound-view';
import { listInbound } from '@/lib/inbound/list';
import { ApiRefusal } from '../problem';
import { CursorParam, Day, Decimal, Limit, listOf } from './common';


export const InboundListQuery = z.object({
  connectionId: z.uuid('connectionId is an FBA connection’s id (required: shipments are per connection, as on its Inbound Shipments tab).'),
  from: Day,
  to: Day,
  q: z.string().max(200, 'q is at most 200 characters.').optional().describe('Transfer order number (from its start), from location (part of its name) or a date (YYYY-MM-DD).'),
  cursor: CursorParam,
  limit: Limit,
});

const charges = (minor: number | null, currency: string | null) => (minor === null || !currency ? null : formatMinor(minor, currency));

export const InboundListItem = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(INBOUND_STATUSES),
  createdAt: z.iso.datetime(),
  transferId: z.uuid(),
  transferNumber: z.string(),
  transferStatus: z.string(),
  fromLocation: z.string(),
  amazonShipmentIds: z.array(z.string()).describe('Amazon’s shipment confirmation ids (FBA…).'),
  estimatedCharges: Decimal.nullable(),
  currency: z.string().nullable(),
});
export const InboundList = listOf(InboundListItem);

export const ApiInboundShipment = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(INBOUND_STATUSES),
  connection: z.object({ id: z.uuid(), name: z.string(), location: z.string() }),
  transfer: z.object({ id: z.uuid(), number: z.string(), status: z.string(), from: z.string() }),
  inboundPlanId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  readyToShipOn: z.string().nullable(),
  estimatedCharges: Decimal.nullable(),
  currency: z.string().nullable(),
  lines: z.array(z.object({ lineNo: z.number().int(), sku: z.string(), name: z.string(), sellerSku: z.string(), fnsku: z.string().nullable(), quantity: z.number().int() })),
  shipments: z
    .array(
      z.object({
        shipmentId: z.string(),
        confirmationId: z.string().nullable(),
        warehouseId: z.string().nullable(),
        amazonStatus: z.string().nullable(),
        carrier: z.string().nullable(),
        tracking: z.array(z.object({ boxId: z.string(), trackingId: z.string() })),
      }),
    )
    .describe('Amazon’s shipments of the plan, one per destination warehouse.'),
});

export async function inboundList(db: Db | Tx, q: z.output<typeof InboundListQuery>): Promise<z.infer<typeof InboundList>> {
  const page = await listInbound(db, q.connectionId, { from: q.from, to: q.to, q: q.q?.trim() || undefined, after: q.cursor, limit: q.limit });
  return {
    data: page.rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      transferId: r.transferId,
      transferNumber: r.transferNumber,
      transferStatus: r.transferStatus,
      fromLocation: r.fromLocation,
      amazonShipmentIds: r.amazonIds,
      estimatedCharges: charges(r.estimatedCharges, r.currency),
      currency: r.currency,
    })),
    nextCursor: page.next,
  };
}

export async function inboundGet(db: Db | Tx, id: string): Promise<z.infer<typeof ApiInboundShipment>> {
  const v = await getInboundView(db, id);
  if (!v) throw new ApiRefusal(404, 'No inbound shipment has this id.');
  return {
    id: v.id,
    name: v.name,
    status: v.status,
    connection: { id: v.connection.id, name: v.connection.name, location: v.connection.location },
    transfer: v.transfer,
    inboundPlanId: v.inboundPlanId,
    createdAt: v.createdAt,
    confirmedAt: v.confirmedAt,
    readyToShipOn: v.readyToShipOn,
    estimatedCharges: charges(v.estimatedCharges, v.currency),
    currency: v.currency,
    lines: v.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, name: l.name, sellerSku: l.sellerSku, fnsku: l.fnsku, quantity: l.quantity })),
    shipments: v.shipments.map((s) => ({ shipmentId: s.shipmentId, confirmationId: s.confirmationId, warehouseId: s.warehouseId, amazonStatus: s.amazonStatus, carrier: s.carrier, tracking: s.tracking })),
  };
}
