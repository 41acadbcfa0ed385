import { randomUUID } from 'node:crypto';
import { deriveCode, deriveFraction } from './catalog';
import type { InboundOperationRecord, InboundPlanRecord, InboundShipmentRecord, InboundShipmentStatus, SandboxState, SellerState } from './state';

// Send to Amazon on the sandbox clock. Writes are operations that complete OPERATION_MS after the
// call; their effect is applied then (a plan appears, options are offered…). A shipment, once
// picked up, walks SHIPPED → … → CLOSED, and the stock moves from inbound to fulfillable.

export const OPERATION_MS = 5_000;
const HOUR = 3600_000;
/** The carrier picks a shipment up this long after its transport is confirmed (or ready-to-ship start). */
export const PICKUP_MS = HOUR;
const WALK: readonly [InboundShipmentStatus, number][] = [
  ['SHIPPED', 0],
  ['IN_TRANSIT', 6 * HOUR],
  ['DELIVERED', 48 * HOUR],
  ['CHECKED_IN', 50 * HOUR],
  ['RECEIVING', 54 * HOUR],
  ['CLOSED', 96 * HOUR],
];
export const WAREHOUSES = ['ABE2', 'ONT8', 'PHX6', 'MDW2'] as const;

export function newEntityId(prefix: string): string {
  return `${prefix}${randomUUID()}`;
}

export function queueOperation(seller: SellerState, operation: string, now: number, effect: InboundOperationRecord['effect'], problems: InboundOperationRecord['problems'] = []): string {
  const operationId = randomUUID();
  seller.inboundOperations[operationId] = { operationId, operation, completesMs: now + OPERATION_MS, effect, problems, applied: false };
  return operationId;
}

export function operationStatus(op: InboundOperationRecord, now: number): 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' {
  if (now < op.completesMs) return 'IN_PROGRESS';
  return op.problems.some((p) => p.severity === 'ERROR') ? 'FAILED' : 'SUCCESS';
}

type Effect = (state: SandboxState, seller: SellerState, plan: InboundPlanRecord | undefined, op: InboundOperationRecord) => void;

/** Applies completed operations in order, then walks picked-up shipments to `now`. */
export function progressInbound(state: SandboxState, seller: SellerState, now: number, effects: Record<string, Effect>): void {
  const due = Object.values(seller.inboundOperations).filter((op) => !op.applied && op.completesMs <= now).sort((a, b) => a.completesMs - b.completesMs);
  for (const op of due) {
    op.applied = true;
    if (operationStatus(op, now) !== 'SUCCESS') continue;
    const plan = seller.inboundPlans[op.effect.inboundPlanId];
    effects[op.effect.kind]?.(state, seller, plan, op);
    if (plan) plan.lastUpdatedMs = Math.max(plan.lastUpdatedMs, op.completesMs);
  }
  for (const plan of Object.values(seller.inboundPlans)) {
    if (plan.status === 'VOIDED') continue;
    const real = acceptedShipments(plan);
    for (const shipment of real) walkShipment(seller, plan, shipment, now);
    if (real.length > 0 && real.every((s) => s.shippedMs !== null && s.shippedMs <= now)) plan.status = 'SHIPPED';
  }
}

export function acceptedShipments(plan: InboundPlanRecord): InboundShipmentRecord[] {
  const accepted = plan.placementOptions.find((o) => o.status === 'ACCEPTED');
  return accepted ? plan.shipments.filter((s) => accepted.shipmentIds.includes(s.shipmentId)) : [];
}

function walkShipment(seller: SellerState, plan: InboundPlanRecord, shipment: InboundShipmentRecord, now: number): void {
  if (shipment.shippedMs === null || shipment.status === 'CANCELLED') return;
  for (const [status, offset] of WALK) {
    const at = shipment.shippedMs + offset;
    const index = WALK.findIndex(([s]) => s === status);
    const current = WALK.findIndex(([s]) => s === shipment.status);
    if (at > now || current >= index) continue;
    moveInboundStock(seller, shipment, status, at);
    shipment.status = status;
    shipment.statusUpdatedMs = at;
    plan.lastUpdatedMs = Math.max(plan.lastUpdatedMs, at);
  }
}

/** Stock at Amazon per step: working → shipped → receiving → fulfillable (half at RECEIVING, the rest at CLOSED). */
function moveInboundStock(seller: SellerState, shipment: InboundShipmentRecord, to: InboundShipmentStatus, at: number): void {
  shipment.items.forEach((item, index) => {
    const stock = seller.inventory[item.msku];
    if (!stock) return;
    stock.lastUpdatedMs = at;
    if (to === 'SHIPPED') {
      stock.inboundWorking = Math.max(0, stock.inboundWorking - item.quantity);
      stock.inboundShipped += item.quantity;
    } else if (to === 'RECEIVING') {
      stock.inboundShipped = Math.max(0, stock.inboundShipped - item.quantity);
      const now = Math.floor(item.quantity / 2);
      stock.inboundReceiving += item.quantity - now;
      stock.fulfillable += now;
      item.received = now;
    } else if (to === 'CLOSED') {
      const expected = index === 0 ? Math.max(0, item.quantity - shipment.shortBy) : item.quantity;
      const rest = Math.max(0, expected - item.received);
      stock.inboundReceiving = Math.max(0, stock.inboundReceiving - (item.quantity - item.received));
      stock.fulfillable += rest;
      item.received += rest;
    }
  });
}

/** Decided once per shipment from its id, so a repeated test sees the same receipt. */
export function decideShortBy(state: SandboxState, shipmentId: string, firstQuantity: number): number {
  if (deriveFraction(`short:${shipmentId}`) >= state.faults.shortReceiptShare) return 0;
  return Math.min(firstQuantity, 1 + Math.floor(deriveFraction(`shortBy:${shipmentId}`) * 2));
}

export function newShipmentRecord(state: SandboxState, seller: SellerState, placementOptionId: string, items: InboundShipmentRecord['items'], boxIndexes: number[], n: number, now: number): InboundShipmentRecord {
  const shipmentId = newEntityId('sh');
  return {
    shipmentId,
    placementOptionId,
    shipmentConfirmationId: `FBA${deriveCode(`${seller.sellerId}:${shipmentId}`, 9)}`,
    amazonReferenceId: deriveCode(`ref:${shipmentId}`, 8),
    warehouseId: WAREHOUSES[(n + Object.keys(seller.inboundPlans).length) % WAREHOUSES.length],
    name: `Shipment ${n + 1}`,
    items,
    boxIndexes,
    status: 'UNCONFIRMED',
    statusUpdatedMs: now,
    shippedMs: null,
    shortBy: decideShortBy(state, shipmentId, items[0]?.quantity ?? 0),
    readyToShipStartMs: null,
    selectedTransportationOptionId: null,
    deliveryWindowOptions: [],
    selectedDeliveryWindow: null,
    trackingItems: [],
  };
}
