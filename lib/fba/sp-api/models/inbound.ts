import { z } from 'zod';
import { Timestamp } from './common';

// Fulfillment Inbound 2024-03-20 (Send to Amazon) and the v0 reads that are still current.

const int = z.number().int();
const Owner = z.enum(['AMAZON', 'SELLER', 'NONE']);

export const InboundAddress = z.object({
  name: z.string(),
  companyName: z.string().optional(),
  addressLine1: z.string(),
  addressLine2: z.string().optional(),
  city: z.string(),
  districtOrCounty: z.string().optional(),
  stateOrProvinceCode: z.string().optional(),
  postalCode: z.string(),
  countryCode: z.string().length(2),
  phoneNumber: z.string().optional(),
  email: z.string().optional(),
});
export type InboundAddress = z.infer<typeof InboundAddress>;

export const ItemInput = z.object({
  msku: z.string().min(1).max(255),
  quantity: int.min(1).max(500_000),
  labelOwner: Owner,
  prepOwner: Owner,
  expiration: z.string().optional(),
  manufacturingLotCode: z.string().optional(),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const CreateInboundPlanRequest = z.object({
  destinationMarketplaces: z.array(z.string()).length(1),
  items: z.array(ItemInput).min(1).max(2000),
  name: z.string().min(1).max(40).optional(),
  sourceAddress: InboundAddress.extend({ phoneNumber: z.string().min(1) }),
});
export type CreateInboundPlanRequest = z.infer<typeof CreateInboundPlanRequest>;

export const OperationResponse = z.object({ operationId: z.string() });
export const CreateInboundPlanResponse = z.object({ inboundPlanId: z.string(), operationId: z.string() });

const Summary = (key: string) => z.object({ [key]: z.string(), status: z.string() });

export const InboundPlan = z.object({
  inboundPlanId: z.string(),
  name: z.string(),
  status: z.string(),
  createdAt: Timestamp,
  lastUpdatedAt: Timestamp,
  marketplaceIds: z.array(z.string()),
  sourceAddress: InboundAddress,
  packingOptions: z.array(Summary('packingOptionId')).optional(),
  placementOptions: z.array(Summary('placementOptionId')).optional(),
  shipments: z.array(Summary('shipmentId')).optional(),
});
export type InboundPlan = z.infer<typeof InboundPlan>;

const Pagination = z.object({ nextToken: z.string().optional() }).optional();

export const ListInboundPlansResponse = z.object({
  inboundPlans: z.array(InboundPlan.omit({ packingOptions: true, placementOptions: true, shipments: true })).optional(),
  pagination: Pagination,
});

const Currency = z.object({ amount: z.number(), code: z.string() });
const Incentive = z.object({ description: z.string(), target: z.string(), type: z.string(), value: Currency });

export const PackingOption = z.object({
  packingOptionId: z.string(),
  packingGroups: z.array(z.string()),
  status: z.string(),
  fees: z.array(Incentive),
  discounts: z.array(Incentive),
  expiration: Timestamp.optional(),
  supportedConfigurations: z.array(
    z.object({
      boxPackingMethods: z.array(z.enum(['BOX_CONTENT_PROVIDED', 'MANUAL_PROCESS', 'BARCODE_2D'])).optional(),
      boxRequirements: z.object({ weight: z.object({ minimum: z.number(), maximum: z.number(), unit: z.enum(['LB', 'KG']) }) }).optional(),
      shippingRequirements: z.array(z.object({ modes: z.array(z.string()), solution: z.string() })).optional(),
    }),
  ),
  supportedShippingConfigurations: z.array(z.object({ shippingMode: z.string().optional(), shippingSolution: z.string().optional() })),
});
export type PackingOption = z.infer<typeof PackingOption>;
export const ListPackingOptionsResponse = z.object({ packingOptions: z.array(PackingOption), pagination: Pagination });

const Dimensions = z.object({ height: z.number(), length: z.number(), width: z.number(), unitOfMeasurement: z.enum(['IN', 'CM']) });
const Weight = z.object({ unit: z.enum(['LB', 'KG']), value: z.number() });
const ContentSource = z.enum(['BOX_CONTENT_PROVIDED', 'MANUAL_PROCESS', 'BARCODE_2D']);

export const SetPackingInformationRequest = z.object({
  packageGroupings: z
    .array(
      z.object({
        packingGroupId: z.string().optional(),
        shipmentId: z.string().optional(),
        boxes: z.array(z.object({ contentInformationSource: ContentSource, dimensions: Dimensions, weight: Weight, quantity: int.min(1), items: z.array(ItemInput).optional() })).min(1),
      }),
    )
    .min(1),
});
export type SetPackingInformationRequest = z.infer<typeof SetPackingInformationRequest>;

export const PlacementOption = z.object({
  placementOptionId: z.string(),
  shipmentIds: z.array(z.string()),
  status: z.string(),
  fees: z.array(Incentive),
  discounts: z.array(Incentive),
  expiration: Timestamp.optional(),
});
export type PlacementOption = z.infer<typeof PlacementOption>;
export const ListPlacementOptionsResponse = z.object({ placementOptions: z.array(PlacementOption), pagination: Pagination });

const Window = z.object({ start: Timestamp, end: Timestamp, editableUntil: Timestamp.optional() });
export const InboundShipment = z.object({
  shipmentId: z.string(),
  placementOptionId: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
  shipmentConfirmationId: z.string().optional(),
  amazonReferenceId: z.string().optional(),
  selectedTransportationOptionId: z.string().optional(),
  destination: z.object({ destinationType: z.string(), warehouseId: z.string().optional(), address: InboundAddress.optional() }),
  source: z.object({ sourceType: z.string(), address: InboundAddress.optional() }),
  dates: z.object({ readyToShipWindow: Window.optional() }).optional(),
  selectedDeliveryWindow: z.object({ availabilityType: z.string(), deliveryWindowOptionId: z.string(), startDate: Timestamp, endDate: Timestamp }).optional(),
  trackingDetails: z
    .object({
      spdTrackingDetail: z.object({ spdTrackingItems: z.array(z.object({ boxId: z.string().optional(), trackingId: z.string().optional() })).optional() }).optional(),
      ltlTrackingDetail: z.object({ billOfLadingNumber: z.string().optional(), freightBillNumber: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
});
export type InboundShipment = z.infer<typeof InboundShipment>;

export const InboundItem = z.object({
  msku: z.string(),
  asin: z.string(),
  fnsku: z.string(),
  labelOwner: z.string(),
  quantity: int,
  prepInstructions: z.array(z.object({ prepOwner: z.string().optional(), prepType: z.string().optional() })),
});
export type InboundItem = z.infer<typeof InboundItem>;
export const ListShipmentItemsResponse = z.object({ items: z.array(InboundItem), pagination: Pagination });

export const InboundBox = z.object({
  packageId: z.string(),
  boxId: z.string().optional(),
  contentInformationSource: ContentSource.optional(),
  dimensions: Dimensions.optional(),
  weight: Weight.optional(),
  quantity: int.optional(),
  items: z.array(InboundItem).optional(),
});
export type InboundBox = z.infer<typeof InboundBox>;
export const ListShipmentBoxesResponse = z.object({ boxes: z.array(InboundBox), pagination: Pagination });

export const GenerateTransportationOptionsRequest = z.object({
  placementOptionId: z.string(),
  shipmentTransportationConfigurations: z
    .array(
      z.object({
        shipmentId: z.string(),
        readyToShipWindow: z.object({ start: Timestamp }),
        contactInformation: z.object({ name: z.string(), phoneNumber: z.string(), email: z.string().optional() }).optional(),
      }),
    )
    .min(1),
});
export type GenerateTransportationOptionsRequest = z.infer<typeof GenerateTransportationOptionsRequest>;

export const TransportationOption = z.object({
  transportationOptionId: z.string(),
  shipmentId: z.string(),
  shippingMode: z.string(),
  shippingSolution: z.string(),
  carrier: z.object({ alphaCode: z.string().optional(), name: z.string().optional() }),
  preconditions: z.array(z.string()),
  quote: z.object({ cost: Currency, expiration: Timestamp.optional(), voidableUntil: Timestamp.optional() }).optional(),
});
export type TransportationOption = z.infer<typeof TransportationOption>;
export const ListTransportationOptionsResponse = z.object({ transportationOptions: z.array(TransportationOption), pagination: Pagination });

export const ConfirmTransportationOptionsRequest = z.object({
  transportationSelections: z.array(z.object({ shipmentId: z.string(), transportationOptionId: z.string() })).min(1),
});
export type ConfirmTransportationOptionsRequest = z.infer<typeof ConfirmTransportationOptionsRequest>;

export const DeliveryWindowOption = z.object({
  deliveryWindowOptionId: z.string(),
  availabilityType: z.string(),
  startDate: Timestamp,
  endDate: Timestamp,
  validUntil: Timestamp,
});
export const ListDeliveryWindowOptionsResponse = z.object({ deliveryWindowOptions: z.array(DeliveryWindowOption), pagination: Pagination });

export const UpdateShipmentTrackingDetailsRequest = z.object({
  trackingDetails: z.object({
    spdTrackingDetail: z.object({ spdTrackingItems: z.array(z.object({ boxId: z.string(), trackingId: z.string().max(64) })) }).optional(),
    ltlTrackingDetail: z.object({ billOfLadingNumber: z.string().optional(), freightBillNumber: z.array(z.string()).length(1) }).optional(),
  }),
});
export type UpdateShipmentTrackingDetailsRequest = z.infer<typeof UpdateShipmentTrackingDetailsRequest>;

export const INBOUND_OPERATION_STATUSES = ['SUCCESS', 'FAILED', 'IN_PROGRESS'] as const;
export const InboundOperationStatus = z.object({
  operationId: z.string(),
  operation: z.string(),
  operationStatus: z.enum(INBOUND_OPERATION_STATUSES),
  operationProblems: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string(), details: z.string().optional() })),
});
export type InboundOperationStatus = z.infer<typeof InboundOperationStatus>;

export const CreateMarketplaceItemLabelsRequest = z.object({
  labelType: z.enum(['STANDARD_FORMAT', 'THERMAL_PRINTING']),
  marketplaceId: z.string(),
  mskuQuantities: z.array(z.object({ msku: z.string(), quantity: int.min(1).max(10_000) })).min(1).max(100),
  pageType: z.string().optional(),
  localeCode: z.string().optional(),
  height: z.number().optional(),
  width: z.number().optional(),
});
export type CreateMarketplaceItemLabelsRequest = z.infer<typeof CreateMarketplaceItemLabelsRequest>;
export const CreateMarketplaceItemLabelsResponse = z.object({
  documentDownloads: z.array(z.object({ downloadType: z.string(), uri: z.string(), expiration: Timestamp.optional() })),
});

// v0 (PascalCase, as in the model).
export const V0_SHIPMENT_STATUSES = ['WORKING', 'SHIPPED', 'RECEIVING', 'CANCELLED', 'DELETED', 'CLOSED', 'ERROR', 'IN_TRANSIT', 'DELIVERED', 'CHECKED_IN'] as const;
export const V0ShipmentStatus = z.enum(V0_SHIPMENT_STATUSES);
export type V0ShipmentStatus = z.infer<typeof V0ShipmentStatus>;

export const GetLabelsResponse = z.object({ payload: z.object({ DownloadURL: z.string().optional() }) });

export const InboundShipmentInfo = z.object({
  ShipmentId: z.string().optional(),
  ShipmentName: z.string().optional(),
  ShipFromAddress: z.object({ Name: z.string(), AddressLine1: z.string(), City: z.string(), CountryCode: z.string(), PostalCode: z.string(), StateOrProvinceCode: z.string() }),
  DestinationFulfillmentCenterId: z.string().optional(),
  ShipmentStatus: V0ShipmentStatus.optional(),
  LabelPrepType: z.string().optional(),
  AreCasesRequired: z.boolean(),
  ConfirmedNeedByDate: z.string().optional(),
  BoxContentsSource: z.string().optional(),
});
export type InboundShipmentInfo = z.infer<typeof InboundShipmentInfo>;
export const GetShipmentsResponse = z.object({ payload: z.object({ ShipmentData: z.array(InboundShipmentInfo).optional(), NextToken: z.string().optional() }) });

export const InboundShipmentItem = z.object({
  ShipmentId: z.string().optional(),
  SellerSKU: z.string(),
  FulfillmentNetworkSKU: z.string().optional(),
  QuantityShipped: int,
  QuantityReceived: int.optional(),
  QuantityInCase: int.optional(),
});
export type InboundShipmentItem = z.infer<typeof InboundShipmentItem>;
export const GetShipmentItemsResponse = z.object({ payload: z.object({ ItemData: z.array(InboundShipmentItem).optional(), NextToken: z.string().optional() }) });
