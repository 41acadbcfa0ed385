// The part of Amazon's official JS SDK (@amazon-sp-api-release/amazon-sp-api-sdk-js, which ships
// no root type declarations) that the SDK compatibility test uses.
declare module '@amazon-sp-api-release/amazon-sp-api-sdk-js' {
  interface SdkApiClient {
    applyXAmzAccessTokenToRequest(token: string): SdkApiClient;
  }
  interface SdkApiClientConstructor {
    new (baseUrl: string): SdkApiClient;
  }
  type Json = Record<string, unknown>;

  export const FulfillmentoutboundSpApi: {
    ApiClient: SdkApiClientConstructor;
    FbaOutboundApi: new (client: SdkApiClient) => {
      createFulfillmentOrder(body: Json): Promise<Json>;
      getFulfillmentOrder(sellerFulfillmentOrderId: string): Promise<{ payload: Json }>;
      updateFulfillmentOrder(sellerFulfillmentOrderId: string, body: Json): Promise<Json>;
      cancelFulfillmentOrder(sellerFulfillmentOrderId: string): Promise<Json>;
      getPackageTrackingDetails(packageNumber: number): Promise<{ payload: Json }>;
      listAllFulfillmentOrders(opts?: { queryStartDate?: Date; nextToken?: string }): Promise<{ payload: Json }>;
    };
  };
  export const FbainventorySpApi: {
    ApiClient: SdkApiClientConstructor;
    FbaInventoryApi: new (client: SdkApiClient) => {
      getInventorySummaries(
        granularityType: string,
        granularityId: string,
        marketplaceIds: string[],
        opts?: { details?: boolean; sellerSkus?: string[]; nextToken?: string },
      ): Promise<{ payload: { inventorySummaries: Json[] }; pagination?: Json }>;
    };
  };
}
