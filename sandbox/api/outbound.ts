import {
  CreateFulfillmentOrderRequest,
  GetFulfillmentPreviewRequest,
  UpdateFulfillmentOrderRequest,
  type Address,
} from '../../lib/fba/sp-api/models/outbound';
import { toIso } from '../clock';
import { ok, type ApiHandler, type ApiRequest } from '../context';
import { ApiError, invalidInput, notFound } from '../http';
import { currencyOf } from '../marketplaces';
import { cancelOrder, findPackage, reserveStock } from '../outbound-progress';
import { renderOrder, renderOrderDetail, renderTracking } from '../outbound-view';
import type { FaultSettings, FulfillmentOrderRecord, SellerState } from '../state';
import { decodePageToken, encodePageToken, formatZodIssues, parseDateParam, requireParam } from './query';

const DAY = 24 * 3600_000;
const PAGE_SIZE = 50;
const SPEED_DAYS = { Standard: [3, 5], Expedited: [2, 3], Priority: [1, 2], ScheduledDelivery: [1, 1] } as const;
const CANCELLABLE: readonly string[] = ['New', 'Received', 'Planning'];

export function isRejectedAddress(faults: FaultSettings, address: Address): boolean {
  return matchesAny(faults.rejectedAddresses, address);
}

function matchesAny(patterns: readonly string[], address: Address): boolean {
  const text = [address.addressLine1, address.addressLine2, address.addressLine3, address.city, address.postalCode]
    .filter(Boolean)
    .join(' ')
    .toUpperCase();
  return patterns.some((pattern) => pattern && text.includes(pattern.toUpperCase()));
}

function findOrder(seller: SellerState, id: string): FulfillmentOrderRecord {
  const order = seller.fulfillmentOrders[id];
  if (!order) throw notFound(`Requested order '${id}' not found`);
  return order;
}

export const getFulfillmentPreview: ApiHandler = ({ state, seller, body, now }) => {
  const parsed = GetFulfillmentPreviewRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  const request = parsed.data;
  const marketplaceId = request.marketplaceId ?? seller.marketplaceIds[0];
  const rejected = isRejectedAddress(state.faults, request.address);
  const unfulfillable = request.items.flatMap((item) => {
    const stock = seller.inventory[item.sellerSku];
    if (!stock) return [{ ...item, itemUnfulfillableReasons: ['InvalidSKU'] }];
    if (stock.fulfillable < item.quantity) return [{ ...item, itemUnfulfillableReasons: ['InventoryUnavailable'] }];
    return [];
  });
  const units = request.items.reduce((sum, item) => sum + item.quantity, 0);
  const currencyCode = currencyOf(marketplaceId);
  const speeds = request.shippingSpeedCategories ?? ['Standard', 'Expedited', 'Priority'];
  const fulfillable = !rejected && unfulfillable.length === 0;
  return ok({
    payload: {
      fulfillmentPreviews: speeds.map((speed) => {
        const [early, late] = SPEED_DAYS[speed];
        return {
          shippingSpeedCategory: speed,
          isFulfillable: fulfillable,
          isCODCapable: false,
          marketplaceId,
          estimatedShippingWeight: { unit: 'POUNDS', value: (0.6 * units).toFixed(2) },
          estimatedFees: [
            { name: 'FBAPerUnitFulfillmentFee', amount: { currencyCode, value: (3.22 * units + early * 0.5).toFixed(2) } },
            { name: 'FBAPerOrderFulfillmentFee', amount: { currencyCode, value: '0.00' } },
          ],
          ...(fulfillable
            ? {
                fulfillmentPreviewShipments: [
                  {
                    earliestShipDate: toIso(now + DAY / 4),
                    latestShipDate: toIso(now + DAY),
                    earliestArrivalDate: toIso(now + early * DAY),
                    latestArrivalDate: toIso(now + late * DAY),
                    fulfillmentPreviewItems: request.items.map(({ sellerSku, quantity, sellerFulfillmentOrderItemId }) => ({ sellerSku, quantity, sellerFulfillmentOrderItemId })),
                  },
                ],
              }
            : {}),
          ...(unfulfillable.length ? { unfulfillablePreviewItems: unfulfillable } : {}),
          ...(rejected ? { orderUnfulfillableReasons: ['InvalidDestinationAddress'] } : {}),
        };
      }),
    },
  });
};

export const createFulfillmentOrder: ApiHandler = ({ state, seller, body, now }) => {
  const parsed = CreateFulfillmentOrderRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  const request = parsed.data;
  const existing = seller.fulfillmentOrders[request.sellerFulfillmentOrderId];
  if (existing) {
    existing.createRequests = (existing.createRequests ?? 1) + 1;
    // Idempotency: a repeat of the same order (a retry after a timeout) succeeds without effect.
    if (sameItems(existing, request)) return ok({});
    throw invalidInput(`A fulfillment order with sellerFulfillmentOrderId '${request.sellerFulfillmentOrderId}' already exists with different items.`);
  }
  if (matchesAny(state.faults.refusedAddresses, request.destinationAddress)) {
    throw invalidInput('The destination address is invalid.', `InvalidDestinationAddress: ${request.destinationAddress.addressLine1}`);
  }
  const ids = new Set(request.items.map((item) => item.sellerFulfillmentOrderItemId));
  if (ids.size !== request.items.length) throw invalidInput('Duplicate sellerFulfillmentOrderItemId in items.');
  for (const item of request.items) {
    if (item.quantity < 1) throw invalidInput(`Invalid quantity ${item.quantity} for item ${item.sellerFulfillmentOrderItemId}.`);
    if (!seller.inventory[item.sellerSku]) throw invalidInput(`Invalid seller SKU: ${item.sellerSku}`, `The SKU is not in the seller's FBA catalog.`);
  }
  const marketplaceId = request.marketplaceId ?? seller.marketplaceIds[0];
  const action = request.fulfillmentAction ?? 'Ship';
  const order: FulfillmentOrderRecord = {
    sellerFulfillmentOrderId: request.sellerFulfillmentOrderId,
    marketplaceId,
    displayableOrderId: request.displayableOrderId,
    displayableOrderDate: request.displayableOrderDate,
    displayableOrderComment: request.displayableOrderComment,
    shippingSpeedCategory: request.shippingSpeedCategory,
    destinationAddress: { ...request.destinationAddress },
    fulfillmentAction: action,
    fulfillmentPolicy: request.fulfillmentPolicy ?? 'FillOrKill',
    notificationEmails: request.notificationEmails,
    status: 'New',
    receivedMs: now,
    statusUpdatedMs: now,
    shipRequestedMs: action === 'Ship' ? now : null,
    outcome: 'ok',
    stage: 'none',
    items: request.items.map((item) => ({
      sellerSku: item.sellerSku,
      sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
      quantity: item.quantity,
      fnSku: seller.inventory[item.sellerSku]?.fnSku,
      cancelledQuantity: 0,
      unfulfillableQuantity: 0,
      reserved: 0,
    })),
    shipments: [],
    returnItems: [],
    returnAuthorizations: [],
  };
  order.outcome = isRejectedAddress(state.faults, request.destinationAddress) ? 'invalid' : reserveStock(seller, order, now);
  seller.fulfillmentOrders[order.sellerFulfillmentOrderId] = order;
  return ok({});
};

function sameItems(order: FulfillmentOrderRecord, request: CreateFulfillmentOrderRequest): boolean {
  const key = (items: { sellerSku: string; sellerFulfillmentOrderItemId: string; quantity: number }[]) =>
    items.map((i) => `${i.sellerFulfillmentOrderItemId}|${i.sellerSku}|${i.quantity}`).sort().join(',');
  return key(order.items) === key(request.items);
}

export const getFulfillmentOrder: ApiHandler = ({ seller, params, baseUrl, now }) =>
  ok({ payload: renderOrderDetail(findOrder(seller, params.sellerFulfillmentOrderId), baseUrl, now) });

export const listAllFulfillmentOrders: ApiHandler = ({ seller, query }) => {
  const since = parseDateParam(query, 'queryStartDate');
  const orders = Object.values(seller.fulfillmentOrders)
    .filter((order) => since === null || order.statusUpdatedMs >= since)
    .sort((a, b) => a.receivedMs - b.receivedMs || a.sellerFulfillmentOrderId.localeCompare(b.sellerFulfillmentOrderId));
  const scope = String(since ?? '');
  const offset = decodePageToken(query.get('nextToken'), scope);
  const more = offset + PAGE_SIZE < orders.length;
  return ok({
    payload: {
      fulfillmentOrders: orders.slice(offset, offset + PAGE_SIZE).map(renderOrder),
      ...(more ? { nextToken: encodePageToken(offset + PAGE_SIZE, scope) } : {}),
    },
  });
};

export const updateFulfillmentOrder: ApiHandler = (req: ApiRequest) => {
  const { seller, params, body, now, state } = req;
  const order = findOrder(seller, params.sellerFulfillmentOrderId);
  const parsed = UpdateFulfillmentOrderRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  const update = parsed.data;
  if (!CANCELLABLE.includes(order.status)) {
    throw invalidInput(`Fulfillment order '${order.sellerFulfillmentOrderId}' cannot be updated in status ${order.status}.`);
  }
  for (const item of update.items ?? []) {
    const line = order.items.find((i) => i.sellerFulfillmentOrderItemId === item.sellerFulfillmentOrderItemId);
    if (!line) throw invalidInput(`Unknown sellerFulfillmentOrderItemId '${item.sellerFulfillmentOrderItemId}'.`);
    if (item.quantity !== line.quantity) throw invalidInput('The sandbox does not change item quantities; cancel and create a new order.');
  }
  if (update.displayableOrderId) order.displayableOrderId = update.displayableOrderId;
  if (update.displayableOrderDate) order.displayableOrderDate = update.displayableOrderDate;
  if (update.displayableOrderComment) order.displayableOrderComment = update.displayableOrderComment;
  if (update.shippingSpeedCategory) order.shippingSpeedCategory = update.shippingSpeedCategory;
  if (update.notificationEmails) order.notificationEmails = update.notificationEmails;
  if (update.destinationAddress) {
    order.destinationAddress = { ...update.destinationAddress };
    if (isRejectedAddress(state.faults, update.destinationAddress) && order.status === 'New') order.outcome = 'invalid';
  }
  if (update.fulfillmentAction === 'Ship' && order.fulfillmentAction === 'Hold') {
    order.fulfillmentAction = 'Ship';
    order.shipRequestedMs = now;
  } else if (update.fulfillmentAction === 'Hold' && order.fulfillmentAction === 'Ship') {
    if (order.status === 'Planning') throw invalidInput('A fulfillment order in Planning cannot be put on hold.');
    order.fulfillmentAction = 'Hold';
    order.shipRequestedMs = null;
  }
  order.statusUpdatedMs = now;
  return ok({});
};

export const cancelFulfillmentOrder: ApiHandler = ({ seller, params, now }) => {
  const order = findOrder(seller, params.sellerFulfillmentOrderId);
  if (order.status === 'Cancelled') return ok({});
  if (!CANCELLABLE.includes(order.status)) {
    throw new ApiError(400, 'InvalidInput', `Fulfillment order '${order.sellerFulfillmentOrderId}' cannot be cancelled in status ${order.status}. Only orders in New, Received or Planning can be cancelled.`);
  }
  cancelOrder(seller, order, now);
  return ok({});
};

export const getPackageTrackingDetails: ApiHandler = ({ seller, query, now }) => {
  const raw = requireParam(query, 'packageNumber');
  const packageNumber = Number(raw);
  if (!Number.isInteger(packageNumber)) throw invalidInput(`Invalid packageNumber '${raw}'.`);
  const found = findPackage(seller, packageNumber);
  const shipment = found?.order.shipments.find((s) => s.packages.includes(found.pkg));
  if (!found || !shipment || shipment.status !== 'SHIPPED') throw notFound(`Package ${packageNumber} not found.`);
  return ok({ payload: renderTracking(found.order, found.pkg, shipment.fulfillmentCenterId, now) });
};
