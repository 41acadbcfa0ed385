import {
  ConfirmTransportationOptionsRequest,
  CreateMarketplaceItemLabelsRequest,
  GenerateTransportationOptionsRequest,
  UpdateShipmentTrackingDetailsRequest,
} from '../../lib/fba/sp-api/models/inbound';
import { toIso } from '../clock';
import { ok, type ApiHandler } from '../context';
import { invalidInput, notFound } from '../http';
import { acceptedShipments } from '../inbound-progress';
import { renderBox, renderItem, renderShipment } from '../inbound-view';
import { signedLabelUrl } from '../labels';
import type { InboundPlanRecord, SellerState } from '../state';
import { accepted202, activePlan, findPlan } from './inbound-plans';
import { assertSellerMarketplace, formatZodIssues } from './query';

// Fulfillment Inbound 2024-03-20: shipments, transportation, delivery windows, tracking, labels.

function findShipment(seller: SellerState, inboundPlanId: string, shipmentId: string) {
  const plan = findPlan(seller, inboundPlanId);
  const shipment = plan.shipments.find((s) => s.shipmentId === shipmentId);
  if (!shipment) throw notFound(`Shipment ${shipmentId} not found in inbound plan ${inboundPlanId}.`);
  return { plan, shipment };
}

function acceptedShipment(plan: InboundPlanRecord, shipmentId: string) {
  const shipment = acceptedShipments(plan).find((s) => s.shipmentId === shipmentId);
  if (!shipment) throw invalidInput(`Shipment ${shipmentId} is not part of the confirmed placement option.`);
  return shipment;
}

export const generateTransportationOptions: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  const parsed = GenerateTransportationOptionsRequest.safeParse(req.body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  const placement = plan.placementOptions.find((o) => o.placementOptionId === parsed.data.placementOptionId);
  if (!placement || placement.status !== 'ACCEPTED') throw invalidInput('Transportation options need the confirmed placement option.');
  const configs = parsed.data.shipmentTransportationConfigurations.map((c) => {
    acceptedShipment(plan, c.shipmentId);
    return { shipmentId: c.shipmentId, readyStartMs: Date.parse(c.readyToShipWindow.start) };
  });
  return accepted202(req.seller, req, 'generateTransportationOptions', { kind: 'generateTransportation', inboundPlanId: plan.inboundPlanId, args: { configs } });
};

export const listTransportationOptions: ApiHandler = ({ seller, params, query, now }) => {
  const plan = findPlan(seller, params.inboundPlanId);
  const placementOptionId = query.get('placementOptionId');
  const shipmentId = query.get('shipmentId');
  if (!placementOptionId && !shipmentId) throw invalidInput('Provide placementOptionId or shipmentId.');
  const options = plan.transportationOptions.filter((o) => (!placementOptionId || o.placementOptionId === placementOptionId) && (!shipmentId || o.shipmentId === shipmentId));
  return ok({
    transportationOptions: options.map((o) => ({
      transportationOptionId: o.transportationOptionId,
      shipmentId: o.shipmentId,
      shippingMode: 'GROUND_SMALL_PARCEL',
      shippingSolution: o.partnered ? 'AMAZON_PARTNERED_CARRIER' : 'USE_YOUR_OWN_CARRIER',
      carrier: o.partnered ? { alphaCode: 'UPSN', name: 'United Parcel Service Inc.' } : { name: 'Other carrier' },
      preconditions: o.partnered ? [] : ['CONFIRMED_DELIVERY_WINDOW'],
      ...(o.cost !== null ? { quote: { cost: { amount: o.cost, code: 'USD' }, expiration: toIso(now + 24 * 3600_000), voidableUntil: toIso(now + 24 * 3600_000) } } : {}),
    })),
  });
};

export const confirmTransportationOptions: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  const parsed = ConfirmTransportationOptionsRequest.safeParse(req.body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  for (const selection of parsed.data.transportationSelections) {
    acceptedShipment(plan, selection.shipmentId);
    const option = plan.transportationOptions.find((o) => o.transportationOptionId === selection.transportationOptionId && o.shipmentId === selection.shipmentId);
    if (!option) throw invalidInput(`Transportation option ${selection.transportationOptionId} is not offered for shipment ${selection.shipmentId}.`);
  }
  return accepted202(req.seller, req, 'confirmTransportationOptions', { kind: 'confirmTransportation', inboundPlanId: plan.inboundPlanId, args: { selections: parsed.data.transportationSelections } });
};

export const generateDeliveryWindowOptions: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  acceptedShipment(plan, req.params.shipmentId);
  return accepted202(req.seller, req, 'generateDeliveryWindowOptions', { kind: 'generateDeliveryWindows', inboundPlanId: plan.inboundPlanId, args: { shipmentId: req.params.shipmentId } });
};

export const listDeliveryWindowOptions: ApiHandler = ({ seller, params }) => {
  const { shipment } = findShipment(seller, params.inboundPlanId, params.shipmentId);
  return ok({
    deliveryWindowOptions: shipment.deliveryWindowOptions.map((o) => ({
      deliveryWindowOptionId: o.deliveryWindowOptionId,
      availabilityType: 'AVAILABLE',
      startDate: toIso(o.startMs),
      endDate: toIso(o.endMs),
      validUntil: toIso(o.validUntilMs),
    })),
  });
};

export const confirmDeliveryWindowOptions: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  const shipment = acceptedShipment(plan, req.params.shipmentId);
  if (!shipment.deliveryWindowOptions.some((o) => o.deliveryWindowOptionId === req.params.deliveryWindowOptionId)) {
    throw invalidInput(`Delivery window option ${req.params.deliveryWindowOptionId} is not offered for shipment ${shipment.shipmentId}.`);
  }
  return accepted202(req.seller, req, 'confirmDeliveryWindowOptions', {
    kind: 'confirmDeliveryWindow',
    inboundPlanId: plan.inboundPlanId,
    args: { shipmentId: shipment.shipmentId, deliveryWindowOptionId: req.params.deliveryWindowOptionId },
  });
};

export const getShipment: ApiHandler = ({ seller, params }) => {
  const { plan, shipment } = findShipment(seller, params.inboundPlanId, params.shipmentId);
  return ok(renderShipment(plan, shipment));
};

export const listShipmentBoxes: ApiHandler = ({ seller, params }) => {
  const { plan, shipment } = findShipment(seller, params.inboundPlanId, params.shipmentId);
  return ok({ boxes: shipment.boxIndexes.map((i) => renderBox(seller, plan, plan.boxes[i], shipment.warehouseId)) });
};

export const listShipmentItems: ApiHandler = ({ seller, params }) => {
  const { plan, shipment } = findShipment(seller, params.inboundPlanId, params.shipmentId);
  return ok({ items: shipment.items.map((i) => renderItem(seller, plan, i.msku, i.quantity)) });
};

/** Tracking numbers may follow the boxes: Amazon takes them until the warehouse checks the shipment in. */
const TRACKING_CLOSED = new Set(['CHECKED_IN', 'RECEIVING', 'CLOSED', 'CANCELLED', 'DELETED']);

export const updateShipmentTrackingDetails: ApiHandler = (req) => {
  const plan = findPlan(req.seller, req.params.inboundPlanId);
  if (plan.status === 'VOIDED') throw invalidInput(`Inbound plan ${plan.inboundPlanId} is VOIDED; it can no longer be changed.`);
  const shipment = acceptedShipment(plan, req.params.shipmentId);
  if (TRACKING_CLOSED.has(shipment.status)) throw invalidInput(`Shipment ${shipment.shipmentId} is ${shipment.status}; its tracking details can no longer be changed.`);
  const parsed = UpdateShipmentTrackingDetailsRequest.safeParse(req.body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  if (!shipment.selectedTransportationOptionId) throw invalidInput('Confirm a transportation option before sending tracking details.');
  const items = parsed.data.trackingDetails.spdTrackingDetail?.spdTrackingItems ?? [];
  const boxIds = new Set(shipment.boxIndexes.map((i) => plan.boxes[i].boxId));
  const unknown = items.find((i) => !boxIds.has(i.boxId));
  if (unknown) throw invalidInput(`Box ${unknown.boxId} is not in shipment ${shipment.shipmentId}.`);
  return accepted202(req.seller, req, 'updateShipmentTrackingDetails', { kind: 'updateTracking', inboundPlanId: plan.inboundPlanId, args: { shipmentId: shipment.shipmentId, items } });
};

export const createMarketplaceItemLabels: ApiHandler = ({ state, seller, body, now, baseUrl }) => {
  const parsed = CreateMarketplaceItemLabelsRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  assertSellerMarketplace(seller, parsed.data.marketplaceId);
  const unknown = parsed.data.mskuQuantities.find((m) => !seller.inventory[m.msku]);
  if (unknown) throw invalidInput(`Unknown MSKU ${unknown.msku}.`);
  const ref = Buffer.from(JSON.stringify(parsed.data.mskuQuantities)).toString('base64url');
  const { url, expiresMs } = signedLabelUrl(state, baseUrl, seller.sellerId, 'items', ref, now);
  return ok({ documentDownloads: [{ downloadType: 'URL', uri: url, expiration: toIso(expiresMs) }] });
};
