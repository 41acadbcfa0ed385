// The sandbox's whole world as one JSON-serialisable value: persisted as a snapshot, so every field
// here must survive JSON.stringify (numbers for times, no Dates, no Maps).

import type { FulfillmentOrderStatus } from '../lib/fba/sp-api/models/outbound';

export const STATE_VERSION = 1;

export interface InventoryItem {
  sellerSku: string;
  asin: string;
  fnSku: string;
  productName: string;
  fulfillable: number;
  pendingCustomerOrder: number;
  fcProcessing: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  unfulfillable: number;
  researching: number;
  /** Sandbox ms. */
  lastUpdatedMs: number;
}

export interface ReportRecord {
  reportId: string;
  reportType: string;
  marketplaceIds: string[];
  createdMs: number;
  dataStartTime?: string;
  dataEndTime?: string;
  /** Set when the report is first seen DONE: the document is a snapshot of that moment. */
  reportDocumentId?: string;
  /** Amazon cancels a report that has nothing to report (no returns in the range) instead of finishing it. */
  cancelled?: boolean;
}

export interface ReportDocumentRecord {
  reportDocumentId: string;
  content: string;
  gzip: boolean;
}

export interface PackageRecord {
  packageNumber: number;
  carrierCode: string;
  trackingNumber: string;
  shipMs: number;
  estimatedArrivalMs: number;
  /** null: this package never reports delivery (lost, or the carrier stops scanning). */
  deliveredMs: number | null;
}

export interface ShipmentItemRecord {
  sellerSku: string;
  sellerFulfillmentOrderItemId: string;
  quantity: number;
  packageNumber: number;
}

export interface ShipmentRecord {
  amazonShipmentId: string;
  fulfillmentCenterId: string;
  status: 'PENDING' | 'SHIPPED' | 'CANCELLED_BY_FULFILLER' | 'CANCELLED_BY_SELLER';
  items: ShipmentItemRecord[];
  packages: PackageRecord[];
}

export interface FulfillmentOrderItemRecord {
  sellerSku: string;
  sellerFulfillmentOrderItemId: string;
  quantity: number;
  fnSku?: string;
  cancelledQuantity: number;
  unfulfillableQuantity: number;
  /** Units taken from fulfillable for this line (moved back on cancel). */
  reserved: number;
}

export type ReservationStage = 'none' | 'pending' | 'processing' | 'shipped' | 'released';

export interface FulfillmentOrderRecord {
  sellerFulfillmentOrderId: string;
  marketplaceId: string;
  displayableOrderId: string;
  displayableOrderDate: string;
  displayableOrderComment: string;
  shippingSpeedCategory: 'Standard' | 'Expedited' | 'Priority' | 'ScheduledDelivery';
  destinationAddress: Record<string, string>;
  fulfillmentAction: 'Ship' | 'Hold';
  fulfillmentPolicy: 'FillOrKill' | 'FillAll' | 'FillAllAvailable';
  notificationEmails?: string[];
  status: FulfillmentOrderStatus;
  receivedMs: number;
  statusUpdatedMs: number;
  /** When the order was last released to ship (creation with Ship, or update Hold → Ship). */
  shipRequestedMs: number | null;
  /** Decided at creation from the address and the stock; applied when the order reaches Received. */
  outcome: 'ok' | 'invalid' | 'unfulfillable';
  stage: ReservationStage;
  items: FulfillmentOrderItemRecord[];
  shipments: ShipmentRecord[];
  returnItems: ReturnItemRecord[];
  returnAuthorizations: ReturnAuthorizationRecord[];
  /** createFulfillmentOrder requests that named this id (1 = created once, never repeated). Admin only. */
  createRequests?: number;
}

export interface ReturnItemRecord {
  sellerReturnItemId: string;
  sellerFulfillmentOrderItemId: string;
  amazonShipmentId: string;
  sellerReturnReasonCode: string;
  returnComment?: string;
  status: 'New' | 'Processed';
  statusChangedMs: number;
  returnAuthorizationId: string;
  fulfillmentCenterId: string;
  /** When the fulfilment centre processes the unit (sandbox ms); set at request. */
  processAtMs?: number;
  /** The condition the unit will arrive in (admin; Sellable when unset), and once Processed, Amazon's returnReceivedCondition. */
  condition?: ReturnReceivedCondition;
  returnReceivedCondition?: ReturnReceivedCondition;
}

/** Amazon's ReturnItemDisposition. */
export const RETURN_RECEIVED_CONDITIONS = ['Sellable', 'Defective', 'CustomerDamaged', 'CarrierDamaged', 'FulfillerDamaged'] as const;
export type ReturnReceivedCondition = (typeof RETURN_RECEIVED_CONDITIONS)[number];

export interface ReturnAuthorizationRecord {
  returnAuthorizationId: string;
  fulfillmentCenterId: string;
  amazonRmaId: string;
}

export interface InboundItemRecord {
  msku: string;
  quantity: number;
  labelOwner: string;
  prepOwner: string;
}

export interface InboundBoxRecord {
  packageId: string;
  boxId: string;
  contentInformationSource: 'BOX_CONTENT_PROVIDED' | 'MANUAL_PROCESS' | 'BARCODE_2D';
  dimensions: { height: number; length: number; width: number; unitOfMeasurement: 'IN' | 'CM' };
  weight: { unit: 'LB' | 'KG'; value: number };
  items: { msku: string; quantity: number }[];
}

export type InboundShipmentStatus =
  | 'UNCONFIRMED' | 'ABANDONED' | 'WORKING' | 'READY_TO_SHIP' | 'SHIPPED' | 'IN_TRANSIT' | 'DELIVERED' | 'CHECKED_IN' | 'RECEIVING' | 'CLOSED' | 'CANCELLED';

export interface InboundShipmentRecord {
  shipmentId: string;
  placementOptionId: string;
  shipmentConfirmationId: string;
  amazonReferenceId: string;
  warehouseId: string;
  name: string;
  /** Sellable units per msku; received counts grow while the shipment is received. */
  items: { msku: string; quantity: number; received: number }[];
  boxIndexes: number[];
  status: InboundShipmentStatus;
  statusUpdatedMs: number;
  /** Sandbox ms the carrier picked the shipment up; the rest of its walk counts from here. */
  shippedMs: number | null;
  /** Units Amazon will find missing at receipt (a short receipt), taken from the first item. */
  shortBy: number;
  readyToShipStartMs: number | null;
  selectedTransportationOptionId: string | null;
  deliveryWindowOptions: { deliveryWindowOptionId: string; startMs: number; endMs: number; validUntilMs: number }[];
  selectedDeliveryWindow: { deliveryWindowOptionId: string; startMs: number; endMs: number } | null;
  trackingItems: { boxId: string; trackingId: string }[];
}

export interface InboundPlanRecord {
  inboundPlanId: string;
  name: string;
  status: 'ACTIVE' | 'VOIDED' | 'SHIPPED';
  marketplaceIds: string[];
  sourceAddress: Record<string, string>;
  createdMs: number;
  lastUpdatedMs: number;
  items: InboundItemRecord[];
  packingGroupId: string | null;
  packingOptions: { packingOptionId: string; status: 'OFFERED' | 'ACCEPTED' | 'EXPIRED' }[];
  boxes: InboundBoxRecord[];
  placementOptions: { placementOptionId: string; status: 'OFFERED' | 'ACCEPTED' | 'EXPIRED'; feePerUnit: number; shipmentIds: string[] }[];
  /** Shipments of every placement option; only those of the accepted option are real. */
  shipments: InboundShipmentRecord[];
  transportationOptions: {
    transportationOptionId: string;
    shipmentId: string;
    placementOptionId: string;
    partnered: boolean;
    cost: number | null;
  }[];
}

export interface InboundOperationRecord {
  operationId: string;
  operation: string;
  completesMs: number;
  /** What the operation does when it completes; validation failures are decided at the call. */
  effect: { kind: string; inboundPlanId: string; args?: Record<string, unknown> };
  problems: { code: string; message: string; severity: 'ERROR' | 'WARNING' }[];
  applied: boolean;
}

export interface OrderRecord {
  amazonOrderId: string;
  marketplaceId: string;
  fulfillmentChannel: 'AFN' | 'MFN';
  purchaseMs: number;
  /** Status changes on the sandbox clock; the status at t is the last one reached by t. */
  timeline: { status: 'Pending' | 'Unshipped' | 'Shipped' | 'Canceled'; atMs: number }[];
  isPrime: boolean;
  /**
   * When the admin API added the order (sandbox ms). An order added with a past purchase date was
   * still not at Amazon before then: its LastUpdateDate is never earlier, so a download that ran in
   * between still finds it (as Amazon's own orders, whose LastUpdateDate is when they changed).
   */
  addedMs?: number;
  items: { orderItemId: string; sellerSku: string; asin: string; title: string; quantity: number; price: number; reserved?: number }[];
  /** AFN orders placed on the sandbox hold FBA stock until they ship (seeded history does not). */
  stock?: 'reserved' | 'shipped' | 'released';
  /** Set once the automatic customer return (fault customerReturnShare) of this order was recorded. */
  autoReturned?: boolean;
  /** The buyer's ship-to address as given to the admin create; absent: derived from the order id (orders.ts shipToOf). */
  shipTo?: ShipToRecord;
  /** The seller's confirmShipment of an MFN order (the sandbox keeps one package per order). */
  shipment?: { packageReferenceId: string; carrierCode: string; trackingNumber: string; shipDateMs: number; confirmedMs: number };
}

export interface ShipToRecord {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode: string;
  countryCode: string;
  phone?: string;
}

/** A customer's return of units of an AFN order, as the FBA customer returns report lists it. */
export interface CustomerReturnRecord {
  returnId: string;
  amazonOrderId: string;
  marketplaceId: string;
  sellerSku: string;
  asin: string;
  fnSku: string;
  productName: string;
  quantity: number;
  /** Sandbox ms the fulfilment centre processed the return (the report's return-date). */
  returnMs: number;
  fulfillmentCenterId: string;
  detailedDisposition: string;
  reason: string;
  status: string;
  licensePlateNumber: string;
  customerComments: string;
  /** Whether the units reached the seller's FBA stock yet (at returnMs, on the sandbox clock). */
  applied: boolean;
}

export interface SellerState {
  sellerId: string;
  storeName: string;
  marketplaceIds: string[];
  clientId: string;
  refreshToken: string;
  inventory: Record<string, InventoryItem>;
  reports: Record<string, ReportRecord>;
  reportDocuments: Record<string, ReportDocumentRecord>;
  fulfillmentOrders: Record<string, FulfillmentOrderRecord>;
  inboundPlans: Record<string, InboundPlanRecord>;
  inboundOperations: Record<string, InboundOperationRecord>;
  orders: Record<string, OrderRecord>;
  customerReturns: Record<string, CustomerReturnRecord>;
}

export interface FaultSettings {
  /** Share (0–1) of API calls answered 500 or 503 (half each). */
  errorShare: number;
  /** Share (0–1) of API calls answered only after slowMs. */
  slowShare: number;
  slowMs: number;
  /** Share (0–1) of API calls whose work is done but whose answer is lost (the connection reset): the caller cannot tell whether the call took effect. */
  lostAnswerShare: number;
  /** Real epoch ms until which every API call is throttled (a 429 storm). */
  throttleStormUntil: number;
  /** Upper-cased substrings; an outbound address containing one ends Invalid. */
  rejectedAddresses: string[];
  /** Upper-cased substrings; createFulfillmentOrder refuses an address containing one at once (400 InvalidInput). */
  refusedAddresses: string[];
  /** Share (0–1) of new outbound packages that never report delivery. */
  lostPackageShare: number;
  /** Share (0–1) of inbound shipments that Amazon receives short by a unit or more. */
  shortReceiptShare: number;
  /** Share (0–1) of shipped AFN orders a customer returns a unit of, chosen by order id. */
  customerReturnShare: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  errorShare: 0,
  slowShare: 0,
  slowMs: 0,
  lostAnswerShare: 0,
  throttleStormUntil: 0,
  rejectedAddresses: ['UNDELIVERABLE', '00000'],
  refusedAddresses: [],
  lostPackageShare: 0.2,
  shortReceiptShare: 0.3,
  customerReturnShare: 0,
};

/** An SP-API application as Amazon knows it: what the consent page names, and its LWA client. */
export interface ApplicationRecord {
  /** amzn1.sp.solution.… (the `application_id` of the consent page URL). */
  applicationId: string;
  name: string;
  clientId: string;
}

/** An LWA authorisation code handed to an app through the consent page's redirect (single use). */
export interface AuthorizationCodeRecord {
  sellerId: string;
  clientId: string;
  /** The redirect_uri the code was sent to: the exchange must name the same one. */
  redirectUri: string;
  /** Real epoch ms, like access tokens: Login with Amazon does not run on the sandbox clock. */
  expiresAt: number;
}

export interface SandboxState {
  version: number;
  clock: { nowMs: number; speed: number };
  /** LWA applications: client id → secret. */
  apps: Record<string, string>;
  /** SP-API applications by application id (snapshots from before they existed get them on load). */
  applications: Record<string, ApplicationRecord>;
  /** Issued authorisation codes by code; removed when exchanged. */
  authorizationCodes: Record<string, AuthorizationCodeRecord>;
  sellers: Record<string, SellerState>;
  /** Access token → owner and real expiry (epoch ms). Persisted so clients survive a restart. */
  accessTokens: Record<string, { sellerId: string; expiresAt: number }>;
  faults: FaultSettings;
  /** Signs report document URLs. */
  urlSecret: string;
  seq: number;
}

export function createEmptyState(nowMs: number, speed: number, urlSecret: string): SandboxState {
  return {
    version: STATE_VERSION,
    clock: { nowMs, speed },
    apps: {},
    applications: {},
    authorizationCodes: {},
    sellers: {},
    accessTokens: {},
    faults: { ...DEFAULT_FAULTS, rejectedAddresses: [...DEFAULT_FAULTS.rejectedAddresses], refusedAddresses: [] },
    urlSecret,
    seq: 0,
  };
}

export function createSellerState(init: Pick<SellerState, 'sellerId' | 'storeName' | 'marketplaceIds' | 'clientId' | 'refreshToken'>): SellerState {
  return { ...init, inventory: {}, reports: {}, reportDocuments: {}, fulfillmentOrders: {}, inboundPlans: {}, inboundOperations: {}, orders: {}, customerReturns: {} };
}

/** Monotonic, persisted counter: ids stay unique across restarts. */
export function nextSeq(state: SandboxState): number {
  state.seq += 1;
  return state.seq;
}
