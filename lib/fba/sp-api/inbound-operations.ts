import {
  CreateInboundPlanResponse,
  CreateMarketplaceItemLabelsResponse,
  GetLabelsResponse,
  GetShipmentItemsResponse,
  GetShipmentsResponse,
  InboundOperationStatus,
  InboundPlan,
  InboundShipment,
  ListDeliveryWindowOptionsResponse,
  ListInboundPlansResponse,
  ListPackingOptionsResponse,
  ListPlacementOptionsResponse,
  ListShipmentBoxesResponse,
  ListShipmentItemsResponse,
  ListTransportationOptionsResponse,
  OperationResponse,
  type ConfirmTransportationOptionsRequest,
  type CreateInboundPlanRequest,
  type CreateMarketplaceItemLabelsRequest,
  type GenerateTransportationOptionsRequest,
  type SetPackingInformationRequest,
  type UpdateShipmentTrackingDetailsRequest,
  type V0ShipmentStatus,
} from './models/inbound';
import type { SpApiTransport } from './transport';

type Page = { pageSize?: number; paginationToken?: string };

/**
 * Fulfillment Inbound 2024-03-20. Every write is asynchronous at Amazon: it answers 202 with an
 * operationId, and the caller polls getInboundOperationStatus until the operation settles.
 */
export function createInboundOperations(transport: SpApiTransport) {
  const plan = (inboundPlanId: string) => ({ inboundPlanId });
  const shipment = (inboundPlanId: string, shipmentId: string) => ({ inboundPlanId, shipmentId });
  const op = async (promise: Promise<{ operationId: string }>) => (await promise).operationId;

  return {
    createInboundPlan: (body: CreateInboundPlanRequest) => transport.call('createInboundPlan', { body }, CreateInboundPlanResponse),
    getInboundPlan: (inboundPlanId: string) => transport.call('getInboundPlan', { pathParams: plan(inboundPlanId) }, InboundPlan),
    listInboundPlans: (query: Page & { status?: 'ACTIVE' | 'VOIDED' | 'SHIPPED'; sortBy?: 'LAST_UPDATED_TIME' | 'CREATION_TIME'; sortOrder?: 'ASC' | 'DESC' } = {}) =>
      transport.call('listInboundPlans', { query }, ListInboundPlansResponse),
    cancelInboundPlan: (inboundPlanId: string) => op(transport.call('cancelInboundPlan', { pathParams: plan(inboundPlanId) }, OperationResponse)),

    generatePackingOptions: (inboundPlanId: string) => op(transport.call('generatePackingOptions', { pathParams: plan(inboundPlanId) }, OperationResponse)),
    listPackingOptions: (inboundPlanId: string, query: Page = {}) => transport.call('listPackingOptions', { pathParams: plan(inboundPlanId), query }, ListPackingOptionsResponse),
    confirmPackingOption: (inboundPlanId: string, packingOptionId: string) =>
      op(transport.call('confirmPackingOption', { pathParams: { inboundPlanId, packingOptionId } }, OperationResponse)),
    setPackingInformation: (inboundPlanId: string, body: SetPackingInformationRequest) =>
      op(transport.call('setPackingInformation', { pathParams: plan(inboundPlanId), body }, OperationResponse)),

    generatePlacementOptions: (inboundPlanId: string) => op(transport.call('generatePlacementOptions', { pathParams: plan(inboundPlanId), body: {} }, OperationResponse)),
    listPlacementOptions: (inboundPlanId: string, query: Page = {}) => transport.call('listPlacementOptions', { pathParams: plan(inboundPlanId), query }, ListPlacementOptionsResponse),
    confirmPlacementOption: (inboundPlanId: string, placementOptionId: string) =>
      op(transport.call('confirmPlacementOption', { pathParams: { inboundPlanId, placementOptionId } }, OperationResponse)),

    generateTransportationOptions: (inboundPlanId: string, body: GenerateTransportationOptionsRequest) =>
      op(transport.call('generateTransportationOptions', { pathParams: plan(inboundPlanId), body }, OperationResponse)),
    listTransportationOptions: (inboundPlanId: string, query: Page & { placementOptionId?: string; shipmentId?: string }) =>
      transport.call('listTransportationOptions', { pathParams: plan(inboundPlanId), query }, ListTransportationOptionsResponse),
    confirmTransportationOptions: (inboundPlanId: string, body: ConfirmTransportationOptionsRequest) =>
      op(transport.call('confirmTransportationOptions', { pathParams: plan(inboundPlanId), body }, OperationResponse)),

    generateDeliveryWindowOptions: (inboundPlanId: string, shipmentId: string) =>
      op(transport.call('generateDeliveryWindowOptions', { pathParams: shipment(inboundPlanId, shipmentId) }, OperationResponse)),
    listDeliveryWindowOptions: (inboundPlanId: string, shipmentId: string, query: Page = {}) =>
      transport.call('listDeliveryWindowOptions', { pathParams: shipment(inboundPlanId, shipmentId), query }, ListDeliveryWindowOptionsResponse),
    confirmDeliveryWindowOptions: (inboundPlanId: string, shipmentId: string, deliveryWindowOptionId: string) =>
      op(transport.call('confirmDeliveryWindowOptions', { pathParams: { inboundPlanId, shipmentId, deliveryWindowOptionId } }, OperationResponse)),

    getShipment: (inboundPlanId: string, shipmentId: string) => transport.call('getShipment', { pathParams: shipment(inboundPlanId, shipmentId) }, InboundShipment),
    listShipmentBoxes: (inboundPlanId: string, shipmentId: string, query: Page = {}) =>
      transport.call('listShipmentBoxes', { pathParams: shipment(inboundPlanId, shipmentId), query }, ListShipmentBoxesResponse),
    listShipmentItems: (inboundPlanId: string, shipmentId: string, query: Page = {}) =>
      transport.call('listShipmentItems', { pathParams: shipment(inboundPlanId, shipmentId), query }, ListShipmentItemsResponse),
    updateShipmentTrackingDetails: (inboundPlanId: string, shipmentId: string, body: UpdateShipmentTrackingDetailsRequest) =>
      op(transport.call('updateShipmentTrackingDetails', { pathParams: shipment(inboundPlanId, shipmentId), body }, OperationResponse)),

    getInboundOperationStatus: (operationId: string) => transport.call('getInboundOperationStatus', { pathParams: { operationId } }, InboundOperationStatus),
    createMarketplaceItemLabels: async (body: CreateMarketplaceItemLabelsRequest) =>
      (await transport.call('createMarketplaceItemLabels', { body }, CreateMarketplaceItemLabelsResponse)).documentDownloads,

    /** v0: box/pallet labels of a confirmed shipment (its FBA… confirmation id) as a PDF URL. */
    getLabels: async (shipmentConfirmationId: string, query: { PageType: string; LabelType: 'BARCODE_2D' | 'UNIQUE' | 'PALLET'; NumberOfPackages?: number }) =>
      (await transport.call('getLabels', { pathParams: { shipmentId: shipmentConfirmationId }, query }, GetLabelsResponse)).payload.DownloadURL ?? null,

    /** v0: shipments by id or status (QueryType SHIPMENT), by update window (DATE_RANGE) or NEXT_TOKEN. */
    getShipments: async (query: {
      MarketplaceId: string;
      QueryType: 'SHIPMENT' | 'DATE_RANGE' | 'NEXT_TOKEN';
      ShipmentStatusList?: readonly V0ShipmentStatus[];
      ShipmentIdList?: readonly string[];
      LastUpdatedAfter?: string;
      LastUpdatedBefore?: string;
      NextToken?: string;
    }) => {
      const res = await transport.call('getShipments', { query }, GetShipmentsResponse);
      return { shipments: res.payload.ShipmentData ?? [], nextToken: res.payload.NextToken ?? null };
    },

    getShipmentItemsByShipmentId: async (shipmentConfirmationId: string, marketplaceId?: string) =>
      (await transport.call('getShipmentItemsByShipmentId', { pathParams: { shipmentId: shipmentConfirmationId }, query: { MarketplaceId: marketplaceId } }, GetShipmentItemsResponse)).payload.ItemData ?? [],
  };
}
