import {
  ConfirmShipmentResponse,
  GetOrderAddressResponse,
  GetOrderItemsResponse,
  GetOrdersResponse,
  type ConfirmShipmentRequest,
  type FulfillmentChannel,
  type OrderShippingAddress,
  type OrderStatus,
} from './models/orders';
import type { SpApiTransport } from './transport';

export interface GetOrdersQuery {
  MarketplaceIds: readonly string[];
  /** One of CreatedAfter / LastUpdatedAfter is required by Amazon (not both). */
  CreatedAfter?: string;
  CreatedBefore?: string;
  LastUpdatedAfter?: string;
  LastUpdatedBefore?: string;
  OrderStatuses?: readonly OrderStatus[];
  FulfillmentChannels?: readonly FulfillmentChannel[];
  AmazonOrderIds?: readonly string[];
  MaxResultsPerPage?: number;
  NextToken?: string;
}

export function createOrderOperations(transport: SpApiTransport) {
  return {
    async getOrders(query: GetOrdersQuery) {
      const res = await transport.call('getOrders', { query: { ...query } }, GetOrdersResponse);
      return { orders: res.payload.Orders, nextToken: res.payload.NextToken ?? null, lastUpdatedBefore: res.payload.LastUpdatedBefore ?? null };
    },

    async getOrderItems(orderId: string, nextToken?: string) {
      const res = await transport.call('getOrderItems', { pathParams: { orderId }, query: { NextToken: nextToken } }, GetOrderItemsResponse);
      return { items: res.payload.OrderItems, nextToken: res.payload.NextToken ?? null };
    },

    /**
     * Where the order ships to (name, street, phone: PII). Null while the order is Pending: Amazon
     * gives no address before the payment is authorised. Real Amazon wants a Restricted Data Token
     * for Name and AddressLine1; this client sends its normal access token.
     */
    async getOrderAddress(orderId: string): Promise<OrderShippingAddress | null> {
      const res = await transport.call('getOrderAddress', { pathParams: { orderId } }, GetOrderAddressResponse);
      return res.payload.ShippingAddress ?? null;
    },

    /** Confirms that the seller shipped a merchant-fulfilled (MFN) order: one package, its tracking and items. */
    async confirmShipment(orderId: string, body: ConfirmShipmentRequest): Promise<void> {
      await transport.call('confirmShipment', { pathParams: { orderId }, body }, ConfirmShipmentResponse);
    },
  };
}
