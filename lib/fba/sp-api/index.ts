export { createSpApiClient, type SpApiClient, type SpApiClientOptions } from './client';
export { SpApiError, isSpApiError, type SpApiErrorKind } from './errors';
export { REGION_BASE_URLS, LWA_TOKEN_URL, type SpApiEndpoint, type SpApiRegion } from './endpoints';
export { parseTsvReport } from './report-operations';
export { SP_API_OPERATIONS, OPERATION_NAMES, type OperationName } from './models/operations';
export { exchangeAuthorizationCode, type AuthorizationCodeGrant, type LwaCredentials } from './lwa';
export type { RetryPolicy, ExchangeEvent } from './transport';
export type { InventorySummary } from './models/inventory';
export type { Report, ReportDocument, InventoryReportType } from './models/reports';
export type {
  Address,
  CreateFulfillmentOrderRequest,
  FulfillmentOrder,
  FulfillmentOrderStatus,
  GetFulfillmentOrderResult,
  PackageTrackingDetails,
} from './models/outbound';
export type { InboundPlan, InboundShipment, InboundOperationStatus, V0ShipmentStatus } from './models/inbound';
export type { ConfirmShipmentRequest, Order, OrderItem, OrderShippingAddress, OrderStatus } from './models/orders';
export type { MarketplaceParticipation } from './models/sellers';
