import { z } from 'zod';

// Orders v0 (PascalCase, as in the model): read by the Amazon sales channel (roadmap).

export const ORDER_STATUSES = ['Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Unfulfillable', 'InvoiceUnconfirmed', 'PendingAvailability'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const FulfillmentChannel = z.enum(['MFN', 'AFN']);
export type FulfillmentChannel = z.infer<typeof FulfillmentChannel>;

const OrderMoney = z.object({ CurrencyCode: z.string().optional(), Amount: z.string().optional() });

export const Order = z.object({
  AmazonOrderId: z.string(),
  SellerOrderId: z.string().optional(),
  PurchaseDate: z.string(),
  LastUpdateDate: z.string(),
  OrderStatus,
  FulfillmentChannel: FulfillmentChannel.optional(),
  SalesChannel: z.string().optional(),
  ShipServiceLevel: z.string().optional(),
  OrderTotal: OrderMoney.optional(),
  NumberOfItemsShipped: z.number().int().optional(),
  NumberOfItemsUnshipped: z.number().int().optional(),
  MarketplaceId: z.string().optional(),
  ShipmentServiceLevelCategory: z.string().optional(),
  OrderType: z.string().optional(),
  EarliestShipDate: z.string().optional(),
  LatestShipDate: z.string().optional(),
  IsPrime: z.boolean().optional(),
  IsBusinessOrder: z.boolean().optional(),
});
export type Order = z.infer<typeof Order>;

export const GetOrdersResponse = z.object({
  payload: z.object({
    Orders: z.array(Order),
    NextToken: z.string().optional(),
    LastUpdatedBefore: z.string().optional(),
    CreatedBefore: z.string().optional(),
  }),
});

export const OrderItem = z.object({
  ASIN: z.string(),
  SellerSKU: z.string().optional(),
  OrderItemId: z.string(),
  Title: z.string().optional(),
  QuantityOrdered: z.number().int(),
  QuantityShipped: z.number().int().optional(),
  ItemPrice: OrderMoney.optional(),
  ItemTax: OrderMoney.optional(),
  ConditionId: z.string().optional(),
  IsGift: z.string().optional(),
});
export type OrderItem = z.infer<typeof OrderItem>;

export const GetOrderItemsResponse = z.object({
  payload: z.object({ AmazonOrderId: z.string(), OrderItems: z.array(OrderItem), NextToken: z.string().optional() }),
});
