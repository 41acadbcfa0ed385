import { toIso } from './clock';
import { FC_ADDRESSES } from './outbound-view';
import { acceptedShipments } from './inbound-progress';
import type { InboundBoxRecord, InboundPlanRecord, InboundShipmentRecord, SellerState } from './state';

// Renders sandbox inbound records in Amazon's Fulfillment Inbound 2024-03-20 and v0 shapes.

export function renderPlanSummary(plan: InboundPlanRecord) {
  return {
    inboundPlanId: plan.inboundPlanId,
    name: plan.name,
    status: plan.status,
    createdAt: toIso(plan.createdMs),
    lastUpdatedAt: toIso(plan.lastUpdatedMs),
    marketplaceIds: plan.marketplaceIds,
    sourceAddress: plan.sourceAddress,
  };
}

export function renderPlan(plan: InboundPlanRecord) {
  const real = acceptedShipments(plan);
  return {
    ...renderPlanSummary(plan),
    packingOptions: plan.packingOptions.map(({ packingOptionId, status }) => ({ packingOptionId, status })),
    placementOptions: plan.placementOptions.map(({ placementOptionId, status }) => ({ placementOptionId, status })),
    shipments: real.map((s) => ({ shipmentId: s.shipmentId, status: s.status })),
  };
}

export function warehouseAddress(warehouseId: string) {
  const fc = FC_ADDRESSES[warehouseId] ?? FC_ADDRESSES.ABE2;
  return { name: fc.name, addressLine1: fc.addressLine1, city: fc.city, stateOrProvinceCode: fc.stateOrRegion, postalCode: fc.postalCode, countryCode: 'US' };
}

export function renderShipment(plan: InboundPlanRecord, shipment: InboundShipmentRecord) {
  const accepted = acceptedShipments(plan).includes(shipment);
  return {
    shipmentId: shipment.shipmentId,
    placementOptionId: shipment.placementOptionId,
    name: shipment.name,
    status: shipment.status,
    ...(accepted ? { shipmentConfirmationId: shipment.shipmentConfirmationId, amazonReferenceId: shipment.amazonReferenceId } : {}),
    ...(shipment.selectedTransportationOptionId ? { selectedTransportationOptionId: shipment.selectedTransportationOptionId } : {}),
    destination: { destinationType: 'AMAZON_OPTIMIZED', warehouseId: shipment.warehouseId, address: warehouseAddress(shipment.warehouseId) },
    source: { sourceType: 'SELLER_FACILITY', address: plan.sourceAddress },
    ...(shipment.readyToShipStartMs !== null
      ? { dates: { readyToShipWindow: { start: toIso(shipment.readyToShipStartMs), end: toIso(shipment.readyToShipStartMs + 6 * 24 * 3600_000) } } }
      : {}),
    ...(shipment.selectedDeliveryWindow
      ? {
          selectedDeliveryWindow: {
            availabilityType: 'AVAILABLE',
            deliveryWindowOptionId: shipment.selectedDeliveryWindow.deliveryWindowOptionId,
            startDate: toIso(shipment.selectedDeliveryWindow.startMs),
            endDate: toIso(shipment.selectedDeliveryWindow.endMs),
          },
        }
      : {}),
    ...(shipment.trackingItems.length ? { trackingDetails: { spdTrackingDetail: { spdTrackingItems: shipment.trackingItems.map((t) => ({ ...t, trackingNumberValidationStatus: 'VALIDATED' })) } } } : {}),
  };
}

export function renderItem(seller: SellerState, plan: InboundPlanRecord, msku: string, quantity: number) {
  const stock = seller.inventory[msku];
  const input = plan.items.find((i) => i.msku === msku);
  return {
    msku,
    asin: stock?.asin ?? 'B000000000',
    fnsku: stock?.fnSku ?? 'X000000000',
    labelOwner: input?.labelOwner ?? 'SELLER',
    quantity,
    prepInstructions: [{ prepOwner: input?.prepOwner ?? 'NONE', prepType: 'ITEM_NO_PREP' }],
  };
}

export function renderBox(seller: SellerState, plan: InboundPlanRecord, box: InboundBoxRecord, warehouseId: string) {
  return {
    packageId: box.packageId,
    ...(box.boxId ? { boxId: box.boxId } : {}),
    contentInformationSource: box.contentInformationSource,
    dimensions: box.dimensions,
    weight: box.weight,
    quantity: 1,
    destinationRegion: { countryCode: 'US', warehouseId },
    items: box.items.map((i) => renderItem(seller, plan, i.msku, i.quantity)),
  };
}

/** v0 knows the 2024 statuses except READY_TO_SHIP (still WORKING there). */
export function v0Status(shipment: InboundShipmentRecord) {
  return shipment.status === 'READY_TO_SHIP' ? 'WORKING' : shipment.status;
}

export function renderV0Shipment(plan: InboundPlanRecord, shipment: InboundShipmentRecord) {
  const a = plan.sourceAddress;
  return {
    ShipmentId: shipment.shipmentConfirmationId,
    ShipmentName: `${plan.name} – ${shipment.name}`,
    ShipFromAddress: { Name: a.name, AddressLine1: a.addressLine1, City: a.city, CountryCode: a.countryCode, PostalCode: a.postalCode, StateOrProvinceCode: a.stateOrProvinceCode ?? '' },
    DestinationFulfillmentCenterId: shipment.warehouseId,
    ShipmentStatus: v0Status(shipment),
    LabelPrepType: 'SELLER_LABEL',
    AreCasesRequired: false,
    BoxContentsSource: 'INTERACTIVE',
  };
}
