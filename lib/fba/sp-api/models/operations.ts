// The SP-API operations this product uses, in one table shared by the client (which paces itself
// by these rates) and the sandbox (which routes and throttles by them). Rate (requests per second)
// and burst are Amazon's published "Usage Plan" figures from the models in ../shared/sp-api-models.
// Dependency-free on purpose: the sandbox may import this folder and nothing else of lib/.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface OperationSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly rate: number;
  readonly burst: number;
  /** Model file in sp-api-models that defines the operation (used by the contract tests). */
  readonly model: string;
  /**
   * false: doing the call twice does the work twice at Amazon (a second inbound plan) or is refused
   * (a placement already confirmed). When no answer came (timeout, reset, 5xx) Amazon may have done
   * it, so the client does not repeat it: its caller asks Amazon first (the outbox's repeat).
   */
  readonly repeatable?: false;
}

const SELLERS = 'sellers.json';
const INVENTORY = 'fbaInventory.json';
const REPORTS = 'reports_2021-06-30.json';
const OUTBOUND = 'fulfillmentOutbound_2020-07-01.json';
const INBOUND = 'fulfillmentInbound_2024-03-20.json';
const INBOUND_V0 = 'fulfillmentInboundV0.json';
const ORDERS = 'ordersV0.json';
const FBO = '/fba/outbound/2020-07-01';
const FBI = '/inbound/fba/2024-03-20';
const PLAN = `${FBI}/inboundPlans/{inboundPlanId}`;
const SHIPMENT = `${PLAN}/shipments/{shipmentId}`;

export const SP_API_OPERATIONS = {
  getMarketplaceParticipations: { method: 'GET', path: '/sellers/v1/marketplaceParticipations', rate: 0.016, burst: 15, model: SELLERS },

  getInventorySummaries: { method: 'GET', path: '/fba/inventory/v1/summaries', rate: 2, burst: 2, model: INVENTORY },

  createReport: { method: 'POST', path: '/reports/2021-06-30/reports', rate: 0.0167, burst: 15, model: REPORTS },
  getReport: { method: 'GET', path: '/reports/2021-06-30/reports/{reportId}', rate: 2, burst: 15, model: REPORTS },
  getReportDocument: { method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}', rate: 0.0167, burst: 15, model: REPORTS },

  getFulfillmentPreview: { method: 'POST', path: `${FBO}/fulfillmentOrders/preview`, rate: 2, burst: 30, model: OUTBOUND },
  listAllFulfillmentOrders: { method: 'GET', path: `${FBO}/fulfillmentOrders`, rate: 2, burst: 30, model: OUTBOUND },
  createFulfillmentOrder: { method: 'POST', path: `${FBO}/fulfillmentOrders`, rate: 2, burst: 30, model: OUTBOUND },
  getPackageTrackingDetails: { method: 'GET', path: `${FBO}/tracking`, rate: 2, burst: 30, model: OUTBOUND },
  listReturnReasonCodes: { method: 'GET', path: `${FBO}/returnReasonCodes`, rate: 2, burst: 30, model: OUTBOUND },
  createFulfillmentReturn: { method: 'PUT', path: `${FBO}/fulfillmentOrders/{sellerFulfillmentOrderId}/return`, rate: 2, burst: 30, model: OUTBOUND, repeatable: false },
  getFulfillmentOrder: { method: 'GET', path: `${FBO}/fulfillmentOrders/{sellerFulfillmentOrderId}`, rate: 2, burst: 30, model: OUTBOUND },
  updateFulfillmentOrder: { method: 'PUT', path: `${FBO}/fulfillmentOrders/{sellerFulfillmentOrderId}`, rate: 2, burst: 30, model: OUTBOUND },
  cancelFulfillmentOrder: { method: 'PUT', path: `${FBO}/fulfillmentOrders/{sellerFulfillmentOrderId}/cancel`, rate: 2, burst: 30, model: OUTBOUND },

  listInboundPlans: { method: 'GET', path: `${FBI}/inboundPlans`, rate: 2, burst: 6, model: INBOUND },
  createInboundPlan: { method: 'POST', path: `${FBI}/inboundPlans`, rate: 2, burst: 2, model: INBOUND, repeatable: false },
  getInboundPlan: { method: 'GET', path: PLAN, rate: 2, burst: 6, model: INBOUND },
  cancelInboundPlan: { method: 'PUT', path: `${PLAN}/cancellation`, rate: 2, burst: 2, model: INBOUND },
  generatePackingOptions: { method: 'POST', path: `${PLAN}/packingOptions`, rate: 2, burst: 2, model: INBOUND },
  listPackingOptions: { method: 'GET', path: `${PLAN}/packingOptions`, rate: 2, burst: 6, model: INBOUND },
  confirmPackingOption: { method: 'POST', path: `${PLAN}/packingOptions/{packingOptionId}/confirmation`, rate: 2, burst: 2, model: INBOUND },
  setPackingInformation: { method: 'POST', path: `${PLAN}/packingInformation`, rate: 2, burst: 2, model: INBOUND },
  generatePlacementOptions: { method: 'POST', path: `${PLAN}/placementOptions`, rate: 2, burst: 2, model: INBOUND },
  listPlacementOptions: { method: 'GET', path: `${PLAN}/placementOptions`, rate: 2, burst: 6, model: INBOUND },
  confirmPlacementOption: { method: 'POST', path: `${PLAN}/placementOptions/{placementOptionId}/confirmation`, rate: 2, burst: 2, model: INBOUND, repeatable: false },
  generateTransportationOptions: { method: 'POST', path: `${PLAN}/transportationOptions`, rate: 2, burst: 2, model: INBOUND },
  listTransportationOptions: { method: 'GET', path: `${PLAN}/transportationOptions`, rate: 2, burst: 6, model: INBOUND },
  confirmTransportationOptions: { method: 'POST', path: `${PLAN}/transportationOptions/confirmation`, rate: 2, burst: 2, model: INBOUND },
  getShipment: { method: 'GET', path: SHIPMENT, rate: 2, burst: 6, model: INBOUND },
  listShipmentBoxes: { method: 'GET', path: `${SHIPMENT}/boxes`, rate: 2, burst: 30, model: INBOUND },
  listShipmentItems: { method: 'GET', path: `${SHIPMENT}/items`, rate: 2, burst: 30, model: INBOUND },
  generateDeliveryWindowOptions: { method: 'POST', path: `${SHIPMENT}/deliveryWindowOptions`, rate: 2, burst: 30, model: INBOUND },
  listDeliveryWindowOptions: { method: 'GET', path: `${SHIPMENT}/deliveryWindowOptions`, rate: 2, burst: 30, model: INBOUND },
  confirmDeliveryWindowOptions: { method: 'POST', path: `${SHIPMENT}/deliveryWindowOptions/{deliveryWindowOptionId}/confirmation`, rate: 2, burst: 30, model: INBOUND },
  updateShipmentTrackingDetails: { method: 'PUT', path: `${SHIPMENT}/trackingDetails`, rate: 2, burst: 2, model: INBOUND },
  getInboundOperationStatus: { method: 'GET', path: `${FBI}/operations/{operationId}`, rate: 2, burst: 6, model: INBOUND },
  createMarketplaceItemLabels: { method: 'POST', path: `${FBI}/items/labels`, rate: 2, burst: 30, model: INBOUND },

  getLabels: { method: 'GET', path: '/fba/inbound/v0/shipments/{shipmentId}/labels', rate: 2, burst: 30, model: INBOUND_V0 },
  getShipments: { method: 'GET', path: '/fba/inbound/v0/shipments', rate: 2, burst: 30, model: INBOUND_V0 },
  getShipmentItemsByShipmentId: { method: 'GET', path: '/fba/inbound/v0/shipments/{shipmentId}/items', rate: 2, burst: 30, model: INBOUND_V0 },

  getOrders: { method: 'GET', path: '/orders/v0/orders', rate: 0.0167, burst: 20, model: ORDERS },
  getOrderItems: { method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems', rate: 0.5, burst: 30, model: ORDERS },
  getOrderAddress: { method: 'GET', path: '/orders/v0/orders/{orderId}/address', rate: 0.5, burst: 30, model: ORDERS },
  confirmShipment: { method: 'POST', path: '/orders/v0/orders/{orderId}/shipmentConfirmation', rate: 2, burst: 10, model: ORDERS },
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof SP_API_OPERATIONS;

export const OPERATION_NAMES = Object.keys(SP_API_OPERATIONS) as OperationName[];

/** Fills `{name}` placeholders, URI-encoding each value (SKUs and order ids may hold any character). */
export function buildOperationPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}
