import type { OperationName } from '../../lib/fba/sp-api/models/operations';
import type { ApiHandler } from '../context';
import { getInventorySummaries } from './inventory';
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
};
