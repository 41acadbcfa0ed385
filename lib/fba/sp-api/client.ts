import { resolveEndpoint, type SpApiEndpoint } from './endpoints';
import { createInboundOperations } from './inbound-operations';
import { createInventoryOperations } from './inventory-operations';
import { LwaTokenCache, type LwaCredentials } from './lwa';
import { createOrderOperations } from './order-operations';
import { createOutboundOperations } from './outbound-operations';
import { createReportOperations } from './report-operations';
import { DEFAULT_RETRY, SpApiTransport, type ExchangeEvent, type RetryPolicy } from './transport';

export interface SpApiClientOptions {
  credentials: LwaCredentials;
  endpoint: SpApiEndpoint;
  retry?: Partial<RetryPolicy>;
  /** Multiplies Amazon's published rates; only for a sandbox started with a rate scale. */
  rateScale?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Sees each exchange (no headers, so no tokens): contract tests and metrics. */
  onExchange?: (event: ExchangeEvent) => void;
}

/**
 * One client per set of seller credentials. Each operation is paced by its own token bucket, so
 * keep one client per connection for the life of the process rather than one per call.
 */
export function createSpApiClient(options: SpApiClientOptions) {
  const { baseUrl, tokenUrl } = resolveEndpoint(options.endpoint);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const tokens = new LwaTokenCache(options.credentials, tokenUrl, fetchFn, retry.timeoutMs);
  const transport = new SpApiTransport({
    baseUrl,
    tokens,
    fetchFn,
    retry,
    rateScale: options.rateScale ?? 1,
    sleep,
    random: options.random ?? Math.random,
    onExchange: options.onExchange,
  });
  return {
    ...createInventoryOperations(transport),
    ...createReportOperations(transport, fetchFn, retry.timeoutMs, sleep),
    ...createOutboundOperations(transport),
    ...createInboundOperations(transport),
    ...createOrderOperations(transport),
    /** Now at Amazon (the Date of its last answer): dates Amazon gives, such as estimated arrivals, are compared with this. */
    amazonNow: () => transport.serverNow(),
  };
}

export type SpApiClient = ReturnType<typeof createSpApiClient>;
