import type { OperationName } from '../../lib/fba/sp-api/models/operations';
import type { ApiHandler } from '../context';
import {
  cancelInboundPlan,
  confirmPackingOption,
  confirmPlacementOption,
  createInboundPlan,
  generatePackingOptions,
  generatePlacementOptions,
  getInboundOperationStatus,
  getInboundPlan,
  listInboundPlans,
  listPackingOptions,
  listPlacementOptions,
  setPackingInformation,
} from './inbound-plans';
import {
  confirmDeliveryWindowOptions,
  confirmTransportationOptions,
  createMarketplaceItemLabels,
  generateDeliveryWindowOptions,
  generateTransportationOptions,
  getShipment,
  listDeliveryWindowOptions,
  listShipmentBoxes,
  listShipmentItems,
  listTransportationOptions,
  updateShipmentTrackingDetails,
} from './inbound-shipments';
import { getLabels, getShipmentItemsByShipmentId, getShipments } from './inbound-v0';
import { getInventorySummaries } from './inventory';
import { confirmShipment, getOrderAddress, getOrderItems, getOrders } from './orders';
import {
  cancelFulfillmentOrder,
  createFulfillmentOrder,
  getFulfillmentOrder,
  getFulfillmentPreview,
  getPackageTrackingDetails,
  listAllFulfillmentOrders,
  updateFulfillmentOrder,
} from './outbound';
import { createFulfillmentReturn, listReturnReasonCodes } from './outbound-returns';
import { createReport, getReport, getReportDocument } from './reports';
import { getMarketplaceParticipations } from './sellers';

/** One handler per operation of the shared table: the type makes a missing one a compile error. */
export const API_HANDLERS: Record<OperationName, ApiHandler> = {
  getMarketplaceParticipations,
  getInventorySummaries,
  createReport,
  getReport,
  getReportDocument,
  getFulfillmentPreview,
  listAllFulfillmentOrders,
  createFulfillmentOrder,
  getPackageTrackingDetails,
  listReturnReasonCodes,
  createFulfillmentReturn,
  getFulfillmentOrder,
  updateFulfillmentOrder,
  cancelFulfillmentOrder,
  listInboundPlans,
  createInboundPlan,
  getInboundPlan,
  cancelInboundPlan,
  generatePackingOptions,
  listPackingOptions,
  confirmPackingOption,
  setPackingInformation,
  generatePlacementOptions,
  listPlacementOptions,
  confirmPlacementOption,
  generateTransportationOptions,
  listTransportationOptions,
  confirmTransportationOptions,
  getShipment,
  listShipmentBoxes,
  listShipmentItems,
  generateDeliveryWindowOptions,
  listDeliveryWindowOptions,
  confirmDeliveryWindowOptions,
  updateShipmentTrackingDetails,
  getInboundOperationStatus,
  createMarketplaceItemLabels,
  getLabels,
  getShipments,
  getShipmentItemsByShipmentId,
  getOrders,
  getOrderItems,
  getOrderAddress,
  confirmShipment,
};
