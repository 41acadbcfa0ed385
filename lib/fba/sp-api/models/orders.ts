import { z } from 'zod';
import { Timestamp } from './common';

// Orders v0 (PascalCase, as in the model): read by the Amazon sales channel (roadmap).

export const ORDER_STATUSES = ['Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Unfulfillable', 'InvoiceUnconfirmed', 'PendingAvailability'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const FulfillmentChannel = z.enum(['MFN', 'AFN']);
export type FulfillmentChannel = z.infer<typeof FulfillmentChannel>;

const OrderMoney = z.object({ CurrencyCode: z.string().optional(), Amount: z.string().optional() });

/**
 * Amazon's Address. getOrders gives only the non-PII part (City, StateOrRegion, PostalCode,
 * CountryCode) once the order is past Pending; getOrderAddress gives the whole (Name and
 * AddressLine1 need a Restricted Data Token at Amazon).
 */
export const OrderShippingAddress = z.object({
  Name: z.string().optional(),
  CompanyName: z.string().optional(),
  AddressLine1: z.string().optional(),
  AddressLine2: z.string().optional(),
  AddressLine3: z.string().optional(),
  City: z.string().optional(),
  County: z.string().optional(),
  District: z.string().optional(),
  StateOrRegion: z.string().optional(),
  Municipality: z.string().optional(),
  PostalCode: z.string().optional(),
  CountryCode: z.string().optional(),
  Phone: z.string().optional(),
  AddressType: z.enum(['Residential', 'Commercial']).optional(),
});
export type OrderShippingAddress = z.infer<typeof OrderShippingAddress>;

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
  ShippingAddress: OrderShippingAddress.optional(),
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

/** getOrderAddress: no ShippingAddress while the order is Pending. */
export const GetOrderAddressResponse = z.object({
  payload: z.object({ AmazonOrderId: z.string(), BuyerCompanyName: z.string().optional(), ShippingAddress: OrderShippingAddress.optional() }),
});

/** confirmShipment's body (ConfirmShipmentRequest): one package of an MFN order, shipped by the seller. */
export const ConfirmShipmentRequest = z.object({
  marketplaceId: z.string().min(1),
  codCollectionMethod: z.literal('DirectPayment').optional(),
  packageDetail: z.object({
    packageReferenceId: z.string().min(1),
    carrierCode: z.string().min(1),
    carrierName: z.string().optional(),
    shippingMethod: z.string().optional(),
    trackingNumber: z.string().min(1),
    shipDate: Timestamp,
    shipFromSupplySourceId: z.string().optional(),
    orderItems: z.array(z.object({ orderItemId: z.string().min(1), quantity: z.number().int().min(1), transparencyCodes: z.array(z.string()).optional() })).min(1),
  }),
});
export type ConfirmShipmentRequest = z.infer<typeof ConfirmShipmentRequest>;

/** confirmShipment answers 204 with no body. */
export const ConfirmShipmentResponse = z.object({}).loose();
