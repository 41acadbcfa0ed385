import { acceptedShipments, newEntityId, newShipmentRecord, PICKUP_MS, type progressInbound } from './inbound-progress';
import type { InboundBoxRecord, InboundPlanRecord, InboundShipmentRecord } from './state';

// What each inbound operation does to the world when it completes (see inbound-progress.ts).

type Effects = Parameters<typeof progressInbound>[3];
const DAY = 24 * 3600_000;

function shipmentOf(plan: InboundPlanRecord | undefined, shipmentId: unknown): InboundShipmentRecord | undefined {
  return plan?.shipments.find((s) => s.shipmentId === shipmentId);
}

function itemsOfBoxes(boxes: InboundBoxRecord[]): InboundShipmentRecord['items'] {
  const totals = new Map<string, number>();
  for (const box of boxes) for (const item of box.items) totals.set(item.msku, (totals.get(item.msku) ?? 0) + item.quantity);
  return [...totals].map(([msku, quantity]) => ({ msku, quantity, received: 0 }));
}

export const INBOUND_EFFECTS: Effects = {
  createPlan(_state, seller, _plan, op) {
    const plan = op.effect.args?.plan as InboundPlanRecord;
    seller.inboundPlans[plan.inboundPlanId] = { ...plan, createdMs: op.completesMs, lastUpdatedMs: op.completesMs };
  },

  generatePacking(_state, _seller, plan) {
    if (!plan) return;
    plan.packingGroupId ??= newEntityId('pg');
    for (const option of plan.packingOptions) if (option.status === 'OFFERED') option.status = 'EXPIRED';
    plan.packingOptions.push({ packingOptionId: newEntityId('po'), status: 'OFFERED' });
  },

  confirmPacking(_state, _seller, plan, op) {
    for (const option of plan?.packingOptions ?? []) option.status = option.packingOptionId === op.effect.args?.packingOptionId ? 'ACCEPTED' : 'EXPIRED';
  },

  setPacking(_state, _seller, plan, op) {
    if (plan) plan.boxes = op.effect.args?.boxes as InboundBoxRecord[];
  },

  generatePlacement(state, seller, plan, op) {
    if (!plan) return;
    plan.placementOptions = plan.placementOptions.filter((o) => o.status === 'ACCEPTED');
    plan.shipments = acceptedShipments(plan);
    const all = plan.boxes.map((_, i) => i);
    // One shipment to one warehouse (a placement fee), or Amazon's split into two (no fee).
    const layouts: { feePerUnit: number; groups: number[][] }[] = [{ feePerUnit: 0.3, groups: [all] }];
    if (all.length >= 2) layouts.push({ feePerUnit: 0, groups: [all.slice(0, Math.ceil(all.length / 2)), all.slice(Math.ceil(all.length / 2))] });
    for (const layout of layouts) {
      const placementOptionId = newEntityId('pl');
      const shipments = layout.groups.map((indexes, n) =>
        newShipmentRecord(state, seller, placementOptionId, itemsOfBoxes(indexes.map((i) => plan.boxes[i])), indexes, n, op.completesMs),
      );
      plan.shipments.push(...shipments);
      plan.placementOptions.push({ placementOptionId, status: 'OFFERED', feePerUnit: layout.feePerUnit, shipmentIds: shipments.map((s) => s.shipmentId) });
    }
  },

  confirmPlacement(_state, seller, plan, op) {
    if (!plan) return;
    for (const option of plan.placementOptions) option.status = option.placementOptionId === op.effect.args?.placementOptionId ? 'ACCEPTED' : 'EXPIRED';
    const accepted = acceptedShipments(plan);
    for (const shipment of plan.shipments) {
      if (!accepted.includes(shipment)) shipment.status = 'ABANDONED';
    }
    for (const shipment of accepted) {
      shipment.status = 'WORKING';
      shipment.statusUpdatedMs = op.completesMs;
      shipment.boxIndexes.forEach((boxIndex, n) => {
        plan.boxes[boxIndex].boxId = `${shipment.shipmentConfirmationId}U${String(n + 1).padStart(6, '0')}`;
      });
      for (const item of shipment.items) {
        const stock = seller.inventory[item.msku];
        if (stock) {
          stock.inboundWorking += item.quantity;
          stock.lastUpdatedMs = op.completesMs;
        }
      }
    }
  },

  generateTransportation(_state, _seller, plan, op) {
    if (!plan) return;
    const configs = op.effect.args?.configs as { shipmentId: string; readyStartMs: number }[];
    for (const config of configs) {
      const shipment = shipmentOf(plan, config.shipmentId);
      if (!shipment) continue;
      shipment.readyToShipStartMs = config.readyStartMs;
      plan.transportationOptions = plan.transportationOptions.filter((o) => o.shipmentId !== shipment.shipmentId);
      const units = shipment.items.reduce((n, i) => n + i.quantity, 0);
      const placementOptionId = shipment.placementOptionId;
      plan.transportationOptions.push(
        { transportationOptionId: newEntityId('to'), shipmentId: shipment.shipmentId, placementOptionId, partnered: true, cost: Math.round((5 * shipment.boxIndexes.length + 0.35 * units) * 100) / 100 },
        { transportationOptionId: newEntityId('to'), shipmentId: shipment.shipmentId, placementOptionId, partnered: false, cost: null },
      );
    }
  },

  confirmTransportation(_state, _seller, plan, op) {
    const selections = op.effect.args?.selections as { shipmentId: string; transportationOptionId: string }[];
    for (const selection of selections) {
      const shipment = shipmentOf(plan, selection.shipmentId);
      if (!shipment) continue;
      shipment.selectedTransportationOptionId = selection.transportationOptionId;
      shipment.status = 'READY_TO_SHIP';
      shipment.statusUpdatedMs = op.completesMs;
      shipment.shippedMs ??= Math.max(shipment.readyToShipStartMs ?? op.completesMs, op.completesMs) + PICKUP_MS;
    }
  },

  generateDeliveryWindows(_state, _seller, plan, op) {
    const shipment = shipmentOf(plan, op.effect.args?.shipmentId);
    if (!shipment) return;
    shipment.deliveryWindowOptions = [2, 5, 9].map((days) => ({
      deliveryWindowOptionId: newEntityId('dw'),
      startMs: op.completesMs + days * DAY,
      endMs: op.completesMs + (days + 7) * DAY,
      validUntilMs: op.completesMs + DAY,
    }));
  },

  confirmDeliveryWindow(_state, _seller, plan, op) {
    const shipment = shipmentOf(plan, op.effect.args?.shipmentId);
    const option = shipment?.deliveryWindowOptions.find((o) => o.deliveryWindowOptionId === op.effect.args?.deliveryWindowOptionId);
    if (shipment && option) shipment.selectedDeliveryWindow = { deliveryWindowOptionId: option.deliveryWindowOptionId, startMs: option.startMs, endMs: option.endMs };
  },

  updateTracking(_state, _seller, plan, op) {
    const shipment = shipmentOf(plan, op.effect.args?.shipmentId);
    if (!shipment) return;
    shipment.trackingItems = op.effect.args?.items as { boxId: string; trackingId: string }[];
    // Tracking numbers mean the boxes left with the seller's carrier.
    if (shipment.selectedTransportationOptionId && (shipment.shippedMs === null || shipment.shippedMs > op.completesMs)) shipment.shippedMs = op.completesMs;
  },

  cancelPlan(_state, seller, plan, op) {
    if (!plan) return;
    for (const shipment of acceptedShipments(plan)) {
      if (shipment.status !== 'WORKING' && shipment.status !== 'READY_TO_SHIP') continue;
      for (const item of shipment.items) {
        const stock = seller.inventory[item.msku];
        if (stock) stock.inboundWorking = Math.max(0, stock.inboundWorking - item.quantity);
      }
      shipment.status = 'CANCELLED';
      shipment.statusUpdatedMs = op.completesMs;
      shipment.shippedMs = null;
    }
    plan.status = 'VOIDED';
  },
};
