import {
  CreateFulfillmentReturnResponse,
  EmptyResponse,
  GetFulfillmentOrderResponse,
  GetFulfillmentPreviewResponse,
  GetPackageTrackingDetailsResponse,
  ListAllFulfillmentOrdersResponse,
  ListReturnReasonCodesResponse,
  type CreateFulfillmentOrderRequest,
  type CreateFulfillmentReturnRequest,
  type GetFulfillmentPreviewRequest,
  type UpdateFulfillmentOrderRequest,
} from './models/outbound';
import type { SpApiTransport } from './transport';

export function createOutboundOperations(transport: SpApiTransport) {
  return {
    async getFulfillmentPreview(body: GetFulfillmentPreviewRequest) {
      const res = await transport.call('getFulfillmentPreview', { body }, GetFulfillmentPreviewResponse);
      return res.payload.fulfillmentPreviews ?? [];
    },

    /** Idempotent at Amazon on sellerFulfillmentOrderId: repeating a call after a crash is safe. */
    async createFulfillmentOrder(body: CreateFulfillmentOrderRequest): Promise<void> {
      await transport.call('createFulfillmentOrder', { body }, EmptyResponse);
    },

    async getFulfillmentOrder(sellerFulfillmentOrderId: string) {
      const res = await transport.call('getFulfillmentOrder', { pathParams: { sellerFulfillmentOrderId } }, GetFulfillmentOrderResponse);
      return res.payload;
    },

    async listAllFulfillmentOrders(query: { queryStartDate?: string; nextToken?: string } = {}) {
      const res = await transport.call('listAllFulfillmentOrders', { query }, ListAllFulfillmentOrdersResponse);
      return { fulfillmentOrders: res.payload.fulfillmentOrders ?? [], nextToken: res.payload.nextToken ?? null };
    },

    /** Used to release a held order (fulfillmentAction Hold → Ship) or to edit it before shipping. */
    async updateFulfillmentOrder(sellerFulfillmentOrderId: string, body: UpdateFulfillmentOrderRequest): Promise<void> {
      await transport.call('updateFulfillmentOrder', { pathParams: { sellerFulfillmentOrderId }, body }, EmptyResponse);
    },

    async cancelFulfillmentOrder(sellerFulfillmentOrderId: string): Promise<void> {
      await transport.call('cancelFulfillmentOrder', { pathParams: { sellerFulfillmentOrderId } }, EmptyResponse);
    },

    async getPackageTrackingDetails(packageNumber: number) {
      const res = await transport.call('getPackageTrackingDetails', { query: { packageNumber } }, GetPackageTrackingDetailsResponse);
      return res.payload;
    },

    async listReturnReasonCodes(query: { sellerSku: string; marketplaceId?: string; sellerFulfillmentOrderId?: string; language?: string }) {
      const res = await transport.call('listReturnReasonCodes', { query }, ListReturnReasonCodesResponse);
      return res.payload.reasonCodeDetails ?? [];
    },

    async createFulfillmentReturn(sellerFulfillmentOrderId: string, body: CreateFulfillmentReturnRequest) {
      const res = await transport.call('createFulfillmentReturn', { pathParams: { sellerFulfillmentOrderId }, body }, CreateFulfillmentReturnResponse);
      return res.payload;
    },
  };
}
