import { V0_SHIPMENT_STATUSES } from '../../lib/fba/sp-api/models/inbound';
import { ok, type ApiHandler } from '../context';
import { invalidInput, notFound } from '../http';
import { acceptedShipments } from '../inbound-progress';
import { renderV0Shipment, v0Status } from '../inbound-view';
import { signedLabelUrl } from '../labels';
import type { SellerState } from '../state';
import { assertSellerMarketplace, parseDateParam, readList, requireParam } from './query';

// Fulfillment Inbound v0 reads, keyed by the FBA… shipment confirmation id.

const PAGE_SIZE = 50;
const PAGE_TYPES = [
  'PackageLabel_Letter_2', 'PackageLabel_Letter_4', 'PackageLabel_Letter_6', 'PackageLabel_Letter_6_CarrierLeft', 'PackageLabel_A4_2', 'PackageLabel_A4_4',
  'PackageLabel_Plain_Paper', 'PackageLabel_Plain_Paper_CarrierBottom', 'PackageLabel_Thermal', 'PackageLabel_Thermal_Unified', 'PackageLabel_Thermal_NonPCP',
  'PackageLabel_Thermal_No_Carrier_Rotation',
];

/** A v0 NextToken carries the query it continues (the caller sends only the token). */
type ShipmentFilter = { st: string[]; ids: string[]; a: number | null; b: number | null };

function decodeShipmentsToken(token: string): { offset: number; filter: ShipmentFilter } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: ShipmentFilter };
    if (typeof parsed.o === 'number' && parsed.f && Array.isArray(parsed.f.st) && Array.isArray(parsed.f.ids)) return { offset: parsed.o, filter: parsed.f };
  } catch {
    // fall through to the error below
  }
  throw invalidInput('Invalid NextToken.');
}

function confirmedShipments(seller: SellerState) {
  return Object.values(seller.inboundPlans).flatMap((plan) => acceptedShipments(plan).map((shipment) => ({ plan, shipment })));
}

function findConfirmed(seller: SellerState, confirmationId: string) {
  const found = confirmedShipments(seller).find((x) => x.shipment.shipmentConfirmationId === confirmationId);
  if (!found) throw notFound(`Shipment ${confirmationId} not found.`);
  return found;
}

export const getLabels: ApiHandler = ({ state, seller, params, query, now, baseUrl }) => {
  const { shipment } = findConfirmed(seller, params.shipmentId);
  if (!PAGE_TYPES.includes(requireParam(query, 'PageType'))) throw invalidInput(`Invalid PageType ${query.get('PageType')}.`);
  const labelType = requireParam(query, 'LabelType');
  if (!['BARCODE_2D', 'UNIQUE', 'PALLET'].includes(labelType)) throw invalidInput(`Invalid LabelType ${labelType}.`);
  return ok({ payload: { DownloadURL: signedLabelUrl(state, baseUrl, seller.sellerId, 'boxes', shipment.shipmentConfirmationId, now).url } });
};

export const getShipments: ApiHandler = ({ seller, query }) => {
  assertSellerMarketplace(seller, requireParam(query, 'MarketplaceId'));
  const queryType = requireParam(query, 'QueryType');
  const statuses = readList(query, 'ShipmentStatusList');
  const ids = readList(query, 'ShipmentIdList');
  const after = parseDateParam(query, 'LastUpdatedAfter');
  const before = parseDateParam(query, 'LastUpdatedBefore');
  for (const status of statuses) if (!(V0_SHIPMENT_STATUSES as readonly string[]).includes(status) && status !== 'READY_TO_SHIP') throw invalidInput(`Invalid ShipmentStatus ${status}.`);
  const token = query.get('NextToken');
  let page: { offset: number; filter: ShipmentFilter };
  if (queryType === 'SHIPMENT') {
    if (statuses.length === 0 && ids.length === 0) throw invalidInput('QueryType SHIPMENT needs ShipmentStatusList or ShipmentIdList.');
    page = { offset: 0, filter: { st: statuses, ids, a: after, b: before } };
  } else if (queryType === 'DATE_RANGE') {
    if (after === null || before === null) throw invalidInput('QueryType DATE_RANGE needs LastUpdatedAfter and LastUpdatedBefore.');
    page = { offset: 0, filter: { st: statuses, ids, a: after, b: before } };
  } else if (queryType === 'NEXT_TOKEN' && token) {
    page = decodeShipmentsToken(token);
  } else {
    throw invalidInput('QueryType must be SHIPMENT, DATE_RANGE or NEXT_TOKEN (with NextToken).');
  }
  const { offset, filter } = page;
  const matching = confirmedShipments(seller)
    .filter(({ shipment }) => filter.st.length === 0 || filter.st.includes(v0Status(shipment)))
    .filter(({ shipment }) => filter.ids.length === 0 || filter.ids.includes(shipment.shipmentConfirmationId))
    .filter(({ shipment }) => (filter.a === null || shipment.statusUpdatedMs >= filter.a) && (filter.b === null || shipment.statusUpdatedMs <= filter.b));
  const more = offset + PAGE_SIZE < matching.length;
  const nextToken = more ? Buffer.from(JSON.stringify({ o: offset + PAGE_SIZE, f: filter })).toString('base64url') : undefined;
  return ok({ payload: { ShipmentData: matching.slice(offset, offset + PAGE_SIZE).map(({ plan, shipment }) => renderV0Shipment(plan, shipment)), ...(nextToken ? { NextToken: nextToken } : {}) } });
};

export const getShipmentItemsByShipmentId: ApiHandler = ({ seller, params, query }) => {
  const marketplaceId = query.get('MarketplaceId');
  if (marketplaceId) assertSellerMarketplace(seller, marketplaceId);
  const { shipment } = findConfirmed(seller, params.shipmentId);
  return ok({
    payload: {
      ItemData: shipment.items.map((item) => ({
        ShipmentId: shipment.shipmentConfirmationId,
        SellerSKU: item.msku,
        FulfillmentNetworkSKU: seller.inventory[item.msku]?.fnSku,
        QuantityShipped: item.quantity,
        QuantityReceived: item.received,
        QuantityInCase: 0,
        PrepDetailsList: [],
      })),
    },
  });
};
