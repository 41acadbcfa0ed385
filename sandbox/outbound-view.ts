import { toIso } from './clock';
import type { FulfillmentOrderRecord, PackageRecord, ReturnAuthorizationRecord, ReturnItemRecord, ShipmentRecord } from './state';
import { PHASE_MS } from './outbound-progress';

// Renders sandbox records in Amazon's Fulfillment Outbound 2020-07-01 shapes.

const HOUR = 3600_000;

export const FC_ADDRESSES: Record<string, { name: string; addressLine1: string; city: string; stateOrRegion: string; postalCode: string }> = {
  ABE2: { name: 'Amazon ABE2', addressLine1: '705 Boulder Dr', city: 'Breinigsville', stateOrRegion: 'PA', postalCode: '18031' },
  PHX6: { name: 'Amazon PHX6', addressLine1: '4750 W Mohave St', city: 'Phoenix', stateOrRegion: 'AZ', postalCode: '85043' },
  ONT8: { name: 'Amazon ONT8', addressLine1: '24300 Nandina Ave', city: 'Moreno Valley', stateOrRegion: 'CA', postalCode: '92551' },
  MDW2: { name: 'Amazon MDW2', addressLine1: '250 Emerald Dr', city: 'Joliet', stateOrRegion: 'IL', postalCode: '60433' },
};

export function renderOrder(order: FulfillmentOrderRecord) {
  return {
    sellerFulfillmentOrderId: order.sellerFulfillmentOrderId,
    marketplaceId: order.marketplaceId,
    displayableOrderId: order.displayableOrderId,
    displayableOrderDate: order.displayableOrderDate,
    displayableOrderComment: order.displayableOrderComment,
    shippingSpeedCategory: order.shippingSpeedCategory,
    destinationAddress: order.destinationAddress,
    fulfillmentAction: order.fulfillmentAction,
    fulfillmentPolicy: order.fulfillmentPolicy,
    receivedDate: toIso(order.receivedMs),
    fulfillmentOrderStatus: order.status,
    statusUpdatedDate: toIso(order.statusUpdatedMs),
    ...(order.notificationEmails ? { notificationEmails: order.notificationEmails } : {}),
  };
}

function estimatedShipMs(order: FulfillmentOrderRecord): number {
  return Math.max(order.shipRequestedMs ?? order.receivedMs, order.receivedMs + PHASE_MS.received) + PHASE_MS.complete;
}

export function renderOrderDetail(order: FulfillmentOrderRecord, baseUrl: string, now: number) {
  const shipMs = estimatedShipMs(order);
  return {
    fulfillmentOrder: renderOrder(order),
    fulfillmentOrderItems: order.items.map((item) => ({
      sellerSku: item.sellerSku,
      sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
      quantity: item.quantity,
      ...(item.fnSku ? { fulfillmentNetworkSku: item.fnSku } : {}),
      cancelledQuantity: item.cancelledQuantity,
      unfulfillableQuantity: item.unfulfillableQuantity,
      estimatedShipDate: toIso(shipMs),
      estimatedArrivalDate: toIso(shipMs + 3 * 24 * HOUR),
    })),
    fulfillmentShipments: order.shipments.map((shipment) => renderShipment(shipment, now)),
    returnItems: order.returnItems.map(renderReturnItem),
    returnAuthorizations: order.returnAuthorizations.map((ra) => renderReturnAuthorization(ra, baseUrl)),
  };
}

function renderShipment(shipment: ShipmentRecord, now: number) {
  const shipped = shipment.status === 'SHIPPED';
  const first = shipment.packages[0];
  return {
    amazonShipmentId: shipment.amazonShipmentId,
    fulfillmentCenterId: shipment.fulfillmentCenterId,
    fulfillmentShipmentStatus: shipment.status,
    ...(shipped && first ? { shippingDate: toIso(first.shipMs), estimatedArrivalDate: toIso(first.estimatedArrivalMs) } : {}),
    fulfillmentShipmentItem: shipment.items.map((item) => ({ ...item })),
    ...(shipped ? { fulfillmentShipmentPackage: shipment.packages.map((pkg) => renderPackage(pkg, now)) } : {}),
  };
}

/** deliveryInformation appears once the package is delivered (Amazon: "available after the package is delivered"). */
function renderPackage(pkg: PackageRecord, now: number) {
  const delivered = pkg.deliveredMs !== null && pkg.deliveredMs <= now;
  return {
    packageNumber: pkg.packageNumber,
    carrierCode: pkg.carrierCode,
    trackingNumber: pkg.trackingNumber,
    estimatedArrivalDate: toIso(pkg.estimatedArrivalMs),
    ...(delivered ? { deliveryInformation: { dropOffLocation: { type: 'FRONT_DOOR' as const } } } : {}),
  };
}

export function renderReturnItem(item: ReturnItemRecord) {
  return {
    sellerReturnItemId: item.sellerReturnItemId,
    sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
    amazonShipmentId: item.amazonShipmentId,
    sellerReturnReasonCode: item.sellerReturnReasonCode,
    ...(item.returnComment ? { returnComment: item.returnComment } : {}),
    status: item.status,
    statusChangedDate: toIso(item.statusChangedMs),
    returnAuthorizationId: item.returnAuthorizationId,
    ...(item.status === 'Processed' && item.returnReceivedCondition ? { returnReceivedCondition: item.returnReceivedCondition } : {}),
    fulfillmentCenterId: item.fulfillmentCenterId,
  };
}

export function renderReturnAuthorization(ra: ReturnAuthorizationRecord, baseUrl: string) {
  const fc = FC_ADDRESSES[ra.fulfillmentCenterId] ?? FC_ADDRESSES.ABE2;
  return {
    returnAuthorizationId: ra.returnAuthorizationId,
    fulfillmentCenterId: ra.fulfillmentCenterId,
    returnToAddress: { ...fc, countryCode: 'US' },
    amazonRmaId: ra.amazonRmaId,
    rmaPageURL: `${baseUrl}/_rma/${encodeURIComponent(ra.amazonRmaId)}`,
  };
}

/** Tracking events up to now; a package without deliveredMs stops after the departure scan. */
export function renderTracking(order: FulfillmentOrderRecord, pkg: PackageRecord, fulfillmentCenterId: string, now: number) {
  const fc = FC_ADDRESSES[fulfillmentCenterId] ?? FC_ADDRESSES.ABE2;
  const origin = { city: fc.city, state: fc.stateOrRegion, country: 'US' };
  const dest = {
    city: order.destinationAddress.city ?? 'Unknown',
    state: order.destinationAddress.stateOrRegion ?? '',
    country: order.destinationAddress.countryCode,
  };
  const events: { eventDate: string; eventAddress: typeof origin; eventCode: string; eventDescription: string; ms: number }[] = [];
  const add = (ms: number, eventCode: string, eventDescription: string, eventAddress: typeof origin) => {
    if (ms <= now) events.push({ eventDate: toIso(ms), eventAddress, eventCode, eventDescription, ms });
  };
  add(pkg.shipMs, 'EVENT_101', 'Carrier notified to pick up package.', origin);
  add(pkg.shipMs + 2 * HOUR, 'EVENT_102', "Shipment picked up from seller's facility.", origin);
  add(pkg.shipMs + 8 * HOUR, 'EVENT_201', 'Arrival scan.', dest);
  add(pkg.shipMs + 10 * HOUR, 'EVENT_202', 'Departure scan.', dest);
  const outForDeliveryMs = pkg.deliveredMs === null ? null : Math.max(pkg.shipMs + 11 * HOUR, pkg.deliveredMs - 5 * HOUR);
  if (outForDeliveryMs !== null && pkg.deliveredMs !== null) {
    add(outForDeliveryMs, 'EVENT_302', 'Out for delivery.', dest);
    add(pkg.deliveredMs, 'EVENT_301', 'Delivered.', dest);
  }
  const delivered = pkg.deliveredMs !== null && pkg.deliveredMs <= now;
  const outForDelivery = outForDeliveryMs !== null && outForDeliveryMs <= now;
  const currentStatus = delivered ? 'DELIVERED' : outForDelivery ? 'OUT_FOR_DELIVERY' : 'IN_TRANSIT';
  return {
    packageNumber: pkg.packageNumber,
    trackingNumber: pkg.trackingNumber,
    customerTrackingLink: `https://www.swiship.com/track?id=${pkg.trackingNumber}`,
    carrierCode: pkg.carrierCode,
    carrierURL: pkg.carrierCode === 'UPS' ? 'https://www.ups.com' : pkg.carrierCode === 'USPS' ? 'https://www.usps.com' : 'https://track.amazon.com',
    shipDate: toIso(pkg.shipMs),
    estimatedArrivalDate: toIso(pkg.estimatedArrivalMs),
    shipToAddress: dest,
    currentStatus,
    currentStatusDescription: delivered ? 'Delivered.' : outForDelivery ? 'Out for delivery.' : 'In transit.',
    ...(delivered ? { signedForBy: order.destinationAddress.name } : {}),
    trackingEvents: events.reverse().map(({ ms: _ms, ...event }) => event),
  };
}
