import { z } from 'zod';
import { Money, Timestamp } from './common';

// Fulfillment Outbound 2020-07-01 (multi-channel fulfilment). Enums copied from the model.

export const FULFILLMENT_ORDER_STATUSES = [
  'New', 'Received', 'Planning', 'Processing', 'Cancelled', 'Complete', 'CompletePartialled', 'Unfulfillable', 'Invalid',
] as const;
export const FulfillmentOrderStatus = z.enum(FULFILLMENT_ORDER_STATUSES);
export type FulfillmentOrderStatus = z.infer<typeof FulfillmentOrderStatus>;

export const ShippingSpeedCategory = z.enum(['Standard', 'Expedited', 'Priority', 'ScheduledDelivery']);
export type ShippingSpeedCategory = z.infer<typeof ShippingSpeedCategory>;
export const FulfillmentAction = z.enum(['Ship', 'Hold']);
export type FulfillmentAction = z.infer<typeof FulfillmentAction>;
export const FulfillmentPolicy = z.enum(['FillOrKill', 'FillAll', 'FillAllAvailable']);
export type FulfillmentPolicy = z.infer<typeof FulfillmentPolicy>;

export const CURRENT_STATUSES = [
  'IN_TRANSIT', 'DELIVERED', 'RETURNING', 'RETURNED', 'UNDELIVERABLE', 'DELAYED', 'AVAILABLE_FOR_PICKUP', 'CUSTOMER_ACTION',
  'UNKNOWN', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'PICKUP_SUCCESSFUL', 'PICKUP_CANCELLED', 'PICKUP_ATTEMPTED',
  'PICKUP_SCHEDULED', 'RETURN_REQUEST_ACCEPTED', 'REFUND_ISSUED', 'RETURN_RECEIVED_IN_FC',
] as const;
export const CurrentStatus = z.enum(CURRENT_STATUSES);
export type CurrentStatus = z.infer<typeof CurrentStatus>;

const int = z.number().int();

export const Address = z.object({
  name: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string().optional(),
  addressLine3: z.string().optional(),
  city: z.string().optional(),
  districtOrCounty: z.string().optional(),
  stateOrRegion: z.string().optional(),
  postalCode: z.string(),
  countryCode: z.string(),
  phone: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

export const CreateFulfillmentOrderItem = z.object({
  sellerSku: z.string().max(50),
  sellerFulfillmentOrderItemId: z.string().max(50),
  quantity: int,
  giftMessage: z.string().max(512).optional(),
  displayableComment: z.string().max(250).optional(),
  perUnitDeclaredValue: Money.optional(),
  perUnitPrice: Money.optional(),
  perUnitTax: Money.optional(),
});

export const CreateFulfillmentOrderRequest = z.object({
  marketplaceId: z.string().optional(),
  sellerFulfillmentOrderId: z.string().min(1).max(40),
  displayableOrderId: z.string().min(1).max(40),
  displayableOrderDate: Timestamp,
  displayableOrderComment: z.string().max(750),
  shippingSpeedCategory: ShippingSpeedCategory,
  destinationAddress: Address,
  fulfillmentAction: FulfillmentAction.optional(),
  fulfillmentPolicy: FulfillmentPolicy.optional(),
  notificationEmails: z.array(z.string().max(64)).optional(),
  items: z.array(CreateFulfillmentOrderItem).min(1),
});
export type CreateFulfillmentOrderRequest = z.infer<typeof CreateFulfillmentOrderRequest>;

export const UpdateFulfillmentOrderRequest = z.object({
  marketplaceId: z.string().optional(),
  displayableOrderId: z.string().max(40).optional(),
  displayableOrderDate: Timestamp.optional(),
  displayableOrderComment: z.string().max(750).optional(),
  shippingSpeedCategory: ShippingSpeedCategory.optional(),
  destinationAddress: Address.optional(),
  fulfillmentAction: FulfillmentAction.optional(),
  fulfillmentPolicy: FulfillmentPolicy.optional(),
  notificationEmails: z.array(z.string().max(64)).optional(),
  items: z
    .array(z.object({ sellerSku: z.string().optional(), sellerFulfillmentOrderItemId: z.string().max(50), quantity: int }))
    .optional(),
});
export type UpdateFulfillmentOrderRequest = z.infer<typeof UpdateFulfillmentOrderRequest>;

export const GetFulfillmentPreviewRequest = z.object({
  marketplaceId: z.string().optional(),
  address: Address,
  items: z.array(z.object({ sellerSku: z.string().max(50), quantity: int, sellerFulfillmentOrderItemId: z.string().max(50) })).min(1),
  shippingSpeedCategories: z.array(ShippingSpeedCategory).optional(),
  includeCODFulfillmentPreview: z.boolean().optional(),
  includeDeliveryWindows: z.boolean().optional(),
});
export type GetFulfillmentPreviewRequest = z.infer<typeof GetFulfillmentPreviewRequest>;

const Weight = z.object({ unit: z.enum(['KG', 'KILOGRAMS', 'LB', 'POUNDS']), value: z.string() });

export const FulfillmentPreview = z.object({
  shippingSpeedCategory: ShippingSpeedCategory,
  isFulfillable: z.boolean(),
  isCODCapable: z.boolean(),
  marketplaceId: z.string(),
  estimatedShippingWeight: Weight.optional(),
  estimatedFees: z.array(z.object({ name: z.string(), amount: Money })).optional(),
  fulfillmentPreviewShipments: z
    .array(
      z.object({
        earliestShipDate: Timestamp.optional(),
        latestShipDate: Timestamp.optional(),
        earliestArrivalDate: Timestamp.optional(),
        latestArrivalDate: Timestamp.optional(),
        fulfillmentPreviewItems: z.array(z.object({ sellerSku: z.string(), quantity: int, sellerFulfillmentOrderItemId: z.string() })),
      }),
    )
    .optional(),
  unfulfillablePreviewItems: z
    .array(z.object({ sellerSku: z.string(), quantity: int, sellerFulfillmentOrderItemId: z.string(), itemUnfulfillableReasons: z.array(z.string()).optional() }))
    .optional(),
  orderUnfulfillableReasons: z.array(z.string()).optional(),
});
export type FulfillmentPreview = z.infer<typeof FulfillmentPreview>;

export const GetFulfillmentPreviewResponse = z.object({
  payload: z.object({ fulfillmentPreviews: z.array(FulfillmentPreview).optional() }),
});

export const FulfillmentOrder = z.object({
  sellerFulfillmentOrderId: z.string(),
  marketplaceId: z.string(),
  displayableOrderId: z.string(),
  displayableOrderDate: Timestamp,
  displayableOrderComment: z.string(),
  shippingSpeedCategory: ShippingSpeedCategory,
  destinationAddress: Address,
  fulfillmentAction: FulfillmentAction.optional(),
  fulfillmentPolicy: FulfillmentPolicy.optional(),
  receivedDate: Timestamp,
  fulfillmentOrderStatus: FulfillmentOrderStatus,
  statusUpdatedDate: Timestamp,
  notificationEmails: z.array(z.string()).optional(),
});
export type FulfillmentOrder = z.infer<typeof FulfillmentOrder>;

export const FulfillmentOrderItem = z.object({
  sellerSku: z.string(),
  sellerFulfillmentOrderItemId: z.string(),
  quantity: int,
  fulfillmentNetworkSku: z.string().optional(),
  cancelledQuantity: int,
  unfulfillableQuantity: int,
  estimatedShipDate: Timestamp.optional(),
  estimatedArrivalDate: Timestamp.optional(),
});
export type FulfillmentOrderItem = z.infer<typeof FulfillmentOrderItem>;

export const FulfillmentShipmentPackage = z.object({
  packageNumber: int,
  carrierCode: z.string(),
  trackingNumber: z.string().optional(),
  estimatedArrivalDate: Timestamp.optional(),
  /** Present once the package is delivered (proof-of-delivery documents, drop-off location). */
  deliveryInformation: z
    .object({
      deliveryDocumentList: z.array(z.object({ documentType: z.string(), url: z.string().optional() })).optional(),
      dropOffLocation: z.object({ type: z.string(), attributes: z.record(z.string(), z.unknown()).optional() }).optional(),
    })
    .optional(),
});

export const FulfillmentShipment = z.object({
  amazonShipmentId: z.string(),
  fulfillmentCenterId: z.string(),
  fulfillmentShipmentStatus: z.enum(['PENDING', 'SHIPPED', 'CANCELLED_BY_FULFILLER', 'CANCELLED_BY_SELLER']),
  shippingDate: Timestamp.optional(),
  estimatedArrivalDate: Timestamp.optional(),
  fulfillmentShipmentItem: z.array(
    z.object({ sellerSku: z.string(), sellerFulfillmentOrderItemId: z.string(), quantity: int, packageNumber: int.optional() }),
  ),
  fulfillmentShipmentPackage: z.array(FulfillmentShipmentPackage).optional(),
});
export type FulfillmentShipment = z.infer<typeof FulfillmentShipment>;

export const ReturnItem = z.object({
  sellerReturnItemId: z.string(),
  sellerFulfillmentOrderItemId: z.string(),
  amazonShipmentId: z.string(),
  sellerReturnReasonCode: z.string(),
  returnComment: z.string().optional(),
  amazonReturnReasonCode: z.string().optional(),
  status: z.enum(['New', 'Processed']),
  statusChangedDate: Timestamp,
  returnAuthorizationId: z.string().optional(),
  /** The condition the fulfilment centre received the unit in (ReturnItemDisposition), once Processed. */
  returnReceivedCondition: z.enum(['Sellable', 'Defective', 'CustomerDamaged', 'CarrierDamaged', 'FulfillerDamaged']).optional(),
  fulfillmentCenterId: z.string().optional(),
});
export type ReturnItem = z.infer<typeof ReturnItem>;

export const ReturnAuthorization = z.object({
  returnAuthorizationId: z.string(),
  fulfillmentCenterId: z.string(),
  returnToAddress: Address,
  amazonRmaId: z.string(),
  rmaPageURL: z.string(),
});
export type ReturnAuthorization = z.infer<typeof ReturnAuthorization>;

export const GetFulfillmentOrderResponse = z.object({
  payload: z.object({
    fulfillmentOrder: FulfillmentOrder,
    fulfillmentOrderItems: z.array(FulfillmentOrderItem),
    fulfillmentShipments: z.array(FulfillmentShipment).optional(),
    returnItems: z.array(ReturnItem),
    returnAuthorizations: z.array(ReturnAuthorization),
  }),
});
export type GetFulfillmentOrderResult = z.infer<typeof GetFulfillmentOrderResponse>['payload'];

export const ListAllFulfillmentOrdersResponse = z.object({
  payload: z.object({ nextToken: z.string().optional(), fulfillmentOrders: z.array(FulfillmentOrder).optional() }),
});

const TrackingAddress = z.object({ city: z.string(), state: z.string(), country: z.string() });

export const PackageTrackingDetails = z.object({
  packageNumber: int,
  trackingNumber: z.string().optional(),
  customerTrackingLink: z.string().optional(),
  carrierCode: z.string().optional(),
  carrierURL: z.string().optional(),
  shipDate: Timestamp.optional(),
  estimatedArrivalDate: Timestamp.optional(),
  shipToAddress: TrackingAddress.optional(),
  currentStatus: CurrentStatus.optional(),
  currentStatusDescription: z.string().optional(),
  signedForBy: z.string().optional(),
  trackingEvents: z
    .array(z.object({ eventDate: Timestamp, eventAddress: TrackingAddress, eventCode: z.string(), eventDescription: z.string() }))
    .optional(),
});
export type PackageTrackingDetails = z.infer<typeof PackageTrackingDetails>;

export const GetPackageTrackingDetailsResponse = z.object({ payload: PackageTrackingDetails });

export const ListReturnReasonCodesResponse = z.object({
  payload: z.object({
    reasonCodeDetails: z
      .array(z.object({ returnReasonCode: z.string(), description: z.string(), translatedDescription: z.string().optional() }))
      .optional(),
  }),
});

export const CreateFulfillmentReturnRequest = z.object({
  items: z.array(
    z.object({
      sellerReturnItemId: z.string().max(80),
      sellerFulfillmentOrderItemId: z.string(),
      amazonShipmentId: z.string(),
      returnReasonCode: z.string(),
      returnComment: z.string().max(1000).optional(),
    }),
  ),
});
export type CreateFulfillmentReturnRequest = z.infer<typeof CreateFulfillmentReturnRequest>;

export const CreateFulfillmentReturnResponse = z.object({
  payload: z.object({
    returnItems: z.array(ReturnItem).optional(),
    invalidReturnItems: z
      .array(
        z.object({
          sellerReturnItemId: z.string(),
          sellerFulfillmentOrderItemId: z.string(),
          invalidItemReason: z.object({ invalidItemReasonCode: z.string(), description: z.string() }),
        }),
      )
      .optional(),
    returnAuthorizations: z.array(ReturnAuthorization).optional(),
  }),
});

/** createFulfillmentOrder / updateFulfillmentOrder / cancelFulfillmentOrder answer with an empty body on success. */
export const EmptyResponse = z.object({}).loose();
