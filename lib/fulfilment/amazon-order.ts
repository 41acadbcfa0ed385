import type { fulfilmentOrderItems, fulfilmentOrders } from '@/db/schema';
import type { Address, CreateFulfillmentOrderRequest, FulfillmentAction, UpdateFulfillmentOrderRequest } from '@/lib/fba/sp-api/models/outbound';

type FoRow = typeof fulfilmentOrders.$inferSelect;
type FoItemRow = typeof fulfilmentOrderItems.$inferSelect;

/** The sellerFulfillmentOrderId the order has at Amazon (its number until it was sent again under a new id). */
export const amazonIdOf = (fo: Pick<FoRow, 'number' | 'amazonOrderId'>) => fo.amazonOrderId ?? fo.number;

/**
 * The id for sending again an order Amazon kept as Invalid or Unfulfillable: Amazon never takes an
 * id twice, so FO-00001 is sent again as FO-00001-R2, then -R3. An order Amazon refused outright
 * (never accepted) keeps its id.
 */
export function resendIdFor(fo: Pick<FoRow, 'number' | 'amazonOrderId' | 'sentAt'>): string {
  if (!fo.sentAt) return amazonIdOf(fo);
  const m = /-R(\d+)$/.exec(fo.amazonOrderId ?? '');
  return `${fo.number}-R${m ? Number(m[1]) + 1 : 2}`;
}

/** Our ship-to as Amazon's Address (empty optional fields are left out, as Amazon wants). */
export function amazonAddress(fo: FoRow): Address {
  return {
    name: fo.shipToName,
    addressLine1: fo.shipToLine1,
    ...(fo.shipToLine2 ? { addressLine2: fo.shipToLine2 } : {}),
    city: fo.shipToCity,
    ...(fo.shipToState ? { stateOrRegion: fo.shipToState } : {}),
    postalCode: fo.shipToPostalCode,
    countryCode: fo.shipToCountry,
    ...(fo.shipToPhone ? { phone: fo.shipToPhone } : {}),
  };
}

/** DisplayableOrderComment is required by Amazon; it is printed on the packing slip. */
const slipComment = (fo: FoRow) => fo.comment?.trim() || `Thank you for your order ${fo.displayableOrderId}.`;

/**
 * createFulfillmentOrder's body. sellerFulfillmentOrderId is our FO number (or its resend id),
 * Amazon's idempotency key; each line is sent as sellerFulfillmentOrderItemId = its line number.
 */
export function createOrderBody(
  fo: FoRow,
  items: readonly FoItemRow[],
  marketplaceId: string,
  fulfillmentAction: FulfillmentAction,
  sellerFulfillmentOrderId: string = amazonIdOf(fo),
): CreateFulfillmentOrderRequest {
  return {
    marketplaceId,
    sellerFulfillmentOrderId,
    displayableOrderId: fo.displayableOrderId,
    displayableOrderDate: fo.createdAt.toISOString(),
    displayableOrderComment: slipComment(fo),
    shippingSpeedCategory: fo.shippingSpeed,
    destinationAddress: amazonAddress(fo),
    fulfillmentAction,
    fulfillmentPolicy: 'FillOrKill',
    items: [...items].sort((a, b) => a.lineNo - b.lineNo).map((i) => ({ sellerSku: i.sellerSku, sellerFulfillmentOrderItemId: String(i.lineNo), quantity: i.quantity })),
  };
}

/**
 * updateFulfillmentOrder's body: the fields Edit/Save may change (address, comment, speed), and
 * fulfillmentAction Ship when a held order is released.
 */
export function updateOrderBody(fo: FoRow, marketplaceId: string, fulfillmentAction?: FulfillmentAction): UpdateFulfillmentOrderRequest {
  return {
    marketplaceId,
    displayableOrderComment: slipComment(fo),
    shippingSpeedCategory: fo.shippingSpeed,
    destinationAddress: amazonAddress(fo),
    ...(fulfillmentAction ? { fulfillmentAction } : {}),
  };
}
