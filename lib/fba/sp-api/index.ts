export { createSpApiClient, type SpApiClient, type SpApiClientOptions } from './client';
export { SpApiError, isSpApiError, type SpApiErrorKind } from './errors';
export { REGION_BASE_URLS, LWA_TOKEN_URL, type SpApiEndpoint, type SpApiRegion } from './endpoints';
export { parseTsvReport } from './report-operations';
export { SP_API_OPERATIONS, OPERATION_NAMES, type OperationName } from './models/operations';
export type { LwaCredentials } from './lwa';
export type { RetryPolicy, ExchangeEvent } from './transport';
