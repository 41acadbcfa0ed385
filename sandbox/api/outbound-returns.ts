import { CreateFulfillmentReturnRequest } from '../../lib/fba/sp-api/models/outbound';
import { deriveCode } from '../catalog';
import { ok, type ApiHandler } from '../context';
import { invalidInput, notFound } from '../http';
import { RETURN_PROCESS_MS } from '../outbound-progress';
import { renderReturnAuthorization, renderReturnItem } from '../outbound-view';
import { nextSeq, type ReturnAuthorizationRecord, type ReturnItemRecord } from '../state';
import { formatZodIssues, requireParam } from './query';

export const RETURN_REASON_CODES = [
  { returnReasonCode: 'CR-UNWANTED_ITEM', description: 'No longer needed/wanted' },
  { returnReasonCode: 'CR-DEFECTIVE', description: 'Defective/Does not work properly' },
  { returnReasonCode: 'CR-DAMAGED_BY_CARRIER', description: 'Product damaged, but shipping box OK' },
  { returnReasonCode: 'CR-ORDERED_WRONG_ITEM', description: 'Bought by mistake' },
  { returnReasonCode: 'CR-MISSED_ESTIMATED_DELIVERY', description: 'Item arrived too late' },
] as const;

export const listReturnReasonCodes: ApiHandler = ({ seller, query }) => {
  const sku = requireParam(query, 'sellerSku');
  if (!seller.inventory[sku]) throw invalidInput(`Invalid seller SKU: ${sku}`);
  const orderId = query.get('sellerFulfillmentOrderId');
  if (orderId && !seller.fulfillmentOrders[orderId]) throw notFound(`Requested order '${orderId}' not found`);
  return ok({ payload: { reasonCodeDetails: RETURN_REASON_CODES.map((r) => ({ ...r, translatedDescription: r.description })) } });
};

export const createFulfillmentReturn: ApiHandler = ({ state, seller, params, body, now, baseUrl }) => {
  const order = seller.fulfillmentOrders[params.sellerFulfillmentOrderId];
  if (!order) throw notFound(`Requested order '${params.sellerFulfillmentOrderId}' not found`);
  const parsed = CreateFulfillmentReturnRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  if (order.status !== 'Complete' && order.status !== 'CompletePartialled') {
    throw invalidInput(`Fulfillment order '${order.sellerFulfillmentOrderId}' has no shipped items to return (status ${order.status}).`);
  }
  const codes: readonly string[] = RETURN_REASON_CODES.map((r) => r.returnReasonCode);
  const returnItems: ReturnItemRecord[] = [];
  const invalidReturnItems: { sellerReturnItemId: string; sellerFulfillmentOrderItemId: string; invalidItemReason: { invalidItemReasonCode: string; description: string } }[] = [];
  const authorizations = new Map<string, ReturnAuthorizationRecord>();
  for (const item of parsed.data.items) {
    const invalid = (code: string, description: string) =>
      invalidReturnItems.push({ sellerReturnItemId: item.sellerReturnItemId, sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId, invalidItemReason: { invalidItemReasonCode: code, description } });
    const shipment = order.shipments.find((s) => s.amazonShipmentId === item.amazonShipmentId && s.status === 'SHIPPED');
    const shippedUnits = shipment?.items.filter((i) => i.sellerFulfillmentOrderItemId === item.sellerFulfillmentOrderItemId).reduce((n, i) => n + i.quantity, 0) ?? 0;
    const returned = [...order.returnItems, ...returnItems].filter((r) => r.sellerFulfillmentOrderItemId === item.sellerFulfillmentOrderItemId && r.amazonShipmentId === item.amazonShipmentId).length;
    if ([...order.returnItems, ...returnItems].some((r) => r.sellerReturnItemId === item.sellerReturnItemId)) invalid('DuplicateRequest', 'This return item was already requested.');
    else if (!codes.includes(item.returnReasonCode)) invalid('InvalidValues', `Unknown returnReasonCode ${item.returnReasonCode}.`);
    else if (shippedUnits === 0) invalid('NoCompletedShipItems', 'The item was not shipped in this shipment.');
    else if (returned >= shippedUnits) invalid('NoReturnableQuantity', 'Every shipped unit of this item is already being returned.');
    else {
      const fc = shipment?.fulfillmentCenterId ?? 'ABE2';
      let ra = authorizations.get(fc);
      if (!ra) {
        const seq = nextSeq(state);
        ra = { returnAuthorizationId: `RA${seq}`, fulfillmentCenterId: fc, amazonRmaId: `D${deriveCode(`${seller.sellerId}:rma:${seq}`, 8)}RRMA` };
        authorizations.set(fc, ra);
      }
      returnItems.push({
        sellerReturnItemId: item.sellerReturnItemId,
        sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
        amazonShipmentId: item.amazonShipmentId,
        sellerReturnReasonCode: item.returnReasonCode,
        returnComment: item.returnComment,
        status: 'New',
        statusChangedMs: now,
        processAtMs: now + RETURN_PROCESS_MS,
        returnAuthorizationId: ra.returnAuthorizationId,
        fulfillmentCenterId: fc,
      });
    }
  }
  order.returnItems.push(...returnItems);
  order.returnAuthorizations.push(...authorizations.values());
  return ok({
    payload: {
      returnItems: returnItems.map(renderReturnItem),
      invalidReturnItems,
      returnAuthorizations: [...authorizations.values()].map((ra) => renderReturnAuthorization(ra, baseUrl)),
    },
  });
};
