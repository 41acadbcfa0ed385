import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import {
  fbaConnections,
  inboundAmazonShipments,
  inboundBoxItems,
  inboundBoxes,
  inboundLog,
  inboundShipmentLines,
  inboundShipments,
  locations,
  outbox,
  products,
  stockTransfers,
  users,
} from '@/db/schema';
import type { DeliveryWindowChoice, PackingChoice, PlacementChoice, TransportChoice } from './inbound-options';
import { INBOUND_CALL_WORDS, type InboundOutboxKind } from './inbound-outbox';
import type { InboundStatus } from './inbound-status';

/** Everything the shipment page shows, as JSON (dates as ISO text): the page renders it, and polls it while Amazon works. */
export type InboundView = {
  id: string;
  name: string;
  status: InboundStatus;
  step: (typeof inboundShipments.$inferSelect)['step'];
  connection: { id: string; name: string; location: string; labelPageType: string; createsShipped: boolean };
  transfer: { id: string; number: string; status: string; from: string };
  shipFrom: Record<string, string | null>;
  inboundPlanId: string | null;
  packingOptions: PackingChoice[];
  packingOptionId: string | null;
  placementOptions: PlacementChoice[];
  placementOptionId: string | null;
  placementFee: number | null;
  readyToShipOn: string | null;
  /** Tomorrow (UTC) when the page was read: the date field's first value. */
  suggestedShipDate: string;
  estimatedCharges: number | null;
  currency: string | null;
  createdAt: string;
  confirmedAt: string | null;
  lines: { lineNo: number; sku: string; name: string; sellerSku: string; fnsku: string | null; quantity: number; labelOwner: string; prepOwner: string }[];
  boxes: { id: string; boxNo: number; length: string; width: string; height: string; dimensionUnit: string; weight: string; weightUnit: string; amazonBoxId: string | null; amazonShipmentId: string | null; items: { lineNo: number; quantity: number }[] }[];
  shipments: {
    id: string;
    shipmentId: string;
    confirmationId: string | null;
    name: string | null;
    warehouseId: string | null;
    destination: Record<string, string | null> | null;
    amazonStatus: string | null;
    transportationOptions: TransportChoice[];
    transportationOptionId: string | null;
    partnered: boolean | null;
    carrier: string | null;
    charge: number | null;
    currency: string | null;
    deliveryWindowOptions: DeliveryWindowChoice[];
    deliveryWindowOptionId: string | null;
    deliveryWindowStart: string | null;
    deliveryWindowEnd: string | null;
    tracking: { boxId: string; trackingId: string }[];
  }[];
  /** Calls to Amazon queued or under way: the page says what Amazon is doing and keeps the buttons back. */
  pending: { kind: string; words: string; attempts: number; lastError: string | null }[];
  /** The last call, when Amazon refused it or it gave up: its reason and Retry. */
  failure: { kind: string; words: string; error: string } | null;
  log: { id: number; message: string; user: string | null; at: string }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const words = (kind: string) => INBOUND_CALL_WORDS[kind as InboundOutboxKind] ?? kind;

/** One shipment for its page, in a handful of queries (one per table); null when unknown or deleted. */
export async function getInboundView(db: Db | Tx, id: string): Promise<InboundView | null> {
  const [row] = await db
    .select({
      inbound: inboundShipments,
      connName: fbaConnections.name,
      labelPageType: fbaConnections.labelPageType,
      foCreateStatus: fbaConnections.foCreateStatus,
      fbaLocation: locations.name,
      transfer: { id: stockTransfers.id, number: stockTransfers.number, status: stockTransfers.status, fromLocationId: stockTransfers.fromLocationId },
    })
    .from(inboundShipments)
    .innerJoin(fbaConnections, eq(fbaConnections.id, inboundShipments.connectionId))
    .innerJoin(locations, eq(locations.id, fbaConnections.locationId))
    .innerJoin(stockTransfers, eq(stockTransfers.id, inboundShipments.transferId))
    .where(eq(inboundShipments.id, id));
  if (!row || row.inbound.deletedAt) return null;
  const s = row.inbound;
  const [from] = await db.select({ name: locations.name }).from(locations).where(eq(locations.id, row.transfer.fromLocationId));
  const [lines, boxes, shipments, calls, log] = await Promise.all([
    db
      .select({ line: inboundShipmentLines, sku: products.sku, name: products.name })
      .from(inboundShipmentLines)
      .innerJoin(products, eq(products.id, inboundShipmentLines.productId))
      .where(eq(inboundShipmentLines.inboundId, id))
      .orderBy(asc(inboundShipmentLines.lineNo)),
    db.select().from(inboundBoxes).where(eq(inboundBoxes.inboundId, id)).orderBy(asc(inboundBoxes.boxNo)),
    db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, id)).orderBy(asc(inboundAmazonShipments.name), asc(inboundAmazonShipments.shipmentId)),
    db.select().from(outbox).where(eq(outbox.subjectId, id)).orderBy(desc(outbox.id)).limit(20),
    db
      .select({ id: inboundLog.id, message: inboundLog.message, user: users.name, at: inboundLog.createdAt })
      .from(inboundLog)
      .leftJoin(users, eq(users.id, inboundLog.userId))
      .where(eq(inboundLog.inboundId, id))
      .orderBy(desc(inboundLog.id))
      .limit(100),
  ]);
  const items = boxes.length
    ? await db
        .select()
        .from(inboundBoxItems)
        .where(and(inArray(inboundBoxItems.boxId, boxes.map((b) => b.id))))
        .orderBy(asc(inboundBoxItems.lineNo))
    : [];
  const pending = calls.filter((c) => c.status === 'pending' || c.status === 'sending');
  const last = calls[0];
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    step: s.step,
    connection: { id: s.connectionId, name: row.connName, location: row.fbaLocation, labelPageType: row.labelPageType, createsShipped: row.foCreateStatus === 'Shipped' },
    transfer: { id: row.transfer.id, number: row.transfer.number, status: row.transfer.status, from: from?.name ?? '' },
    shipFrom: s.shipFrom,
    inboundPlanId: s.inboundPlanId,
    packingOptions: s.packingOptions as PackingChoice[],
    packingOptionId: s.packingOptionId,
    placementOptions: s.placementOptions as PlacementChoice[],
    placementOptionId: s.placementOptionId,
    placementFee: s.placementFee,
    readyToShipOn: s.readyToShipOn,
    suggestedShipDate: new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10),
    estimatedCharges: s.estimatedCharges,
    currency: s.currency,
    createdAt: s.createdAt.toISOString(),
    confirmedAt: iso(s.confirmedAt),
    lines: lines.map((l) => ({ lineNo: l.line.lineNo, sku: l.sku, name: l.name, sellerSku: l.line.sellerSku, fnsku: l.line.fnsku, quantity: l.line.quantity, labelOwner: l.line.labelOwner, prepOwner: l.line.prepOwner })),
    boxes: boxes.map((b) => ({
      id: b.id,
      boxNo: b.boxNo,
      length: b.length,
      width: b.width,
      height: b.height,
      dimensionUnit: b.dimensionUnit,
      weight: b.weight,
      weightUnit: b.weightUnit,
      amazonBoxId: b.amazonBoxId,
      amazonShipmentId: b.amazonShipmentId,
      items: items.filter((i) => i.boxId === b.id).map((i) => ({ lineNo: i.lineNo, quantity: i.quantity })),
    })),
    shipments: shipments.map((a) => ({
      id: a.id,
      shipmentId: a.shipmentId,
      confirmationId: a.confirmationId,
      name: a.name,
      warehouseId: a.warehouseId,
      destination: a.destination,
      amazonStatus: a.amazonStatus,
      transportationOptions: a.transportationOptions as TransportChoice[],
      transportationOptionId: a.transportationOptionId,
      partnered: a.partnered,
      carrier: a.carrier,
      charge: a.charge,
      currency: a.currency,
      deliveryWindowOptions: a.deliveryWindowOptions as DeliveryWindowChoice[],
      deliveryWindowOptionId: a.deliveryWindowOptionId,
      deliveryWindowStart: iso(a.deliveryWindowStart),
      deliveryWindowEnd: iso(a.deliveryWindowEnd),
      tracking: a.tracking,
    })),
    pending: pending.map((c) => ({ kind: c.kind, words: words(c.kind), attempts: c.attempts, lastError: c.lastError })),
    failure: last && last.status === 'failed' ? { kind: last.kind, words: words(last.kind), error: last.lastError ?? 'Amazon gave no reason.' } : null,
    log: log.map((l) => ({ id: l.id, message: l.message, user: l.user, at: l.at.toISOString() })),
  };
}
