import { GetOrderItemsResponse, GetOrdersResponse, type FulfillmentChannel, type OrderStatus } from './models/orders';
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
  };
}
