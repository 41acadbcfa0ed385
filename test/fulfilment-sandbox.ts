import { createSpApiClient, type SpApiClient } from '../lib/fba/sp-api';
import type { OperationName } from '../lib/fba/sp-api/models/operations';
import type { RetryPolicy } from '../lib/fba/sp-api/transport';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox } from '../lib/fba/sp-api/testing/harness';
import type { ClientFor } from '../lib/fulfilment/tracking';

export type SandboxOrder = { sellerFulfillmentOrderId: string; status: string; fulfillmentAction: string; createRequests: number };

/**
 * The sandbox for the fulfilment worker's tests: its clock nearly still (tests move it with
 * `advance`), and one client per connection that retries fast (or by `retry`), counts every
 * exchange by operation and status, and fetches through `fetch` when given (a test may lose an answer).
 */
export async function startFulfilmentSandbox(opts: { rateScale?: number; clockSpeed?: number; retry?: Partial<RetryPolicy>; fetch?: typeof fetch } = {}) {
  const rateScale = opts.rateScale ?? 50;
  const sandbox: TestSandbox = await startTestSandbox({ clockSpeed: opts.clockSpeed ?? 1, rateScale });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.SANDBOX_RATE_SCALE = String(rateScale);
  const calls: { operation: OperationName; status: number }[] = [];
  const clients = new Map<string, SpApiClient>();
  const clientFor: ClientFor = (conn) => {
    let c = clients.get(conn.id);
    if (!c) {
      c = createSpApiClient({
        credentials: DEMO_CREDENTIALS,
        endpoint: { sandboxUrl: sandbox.url },
        rateScale,
        fetch: opts.fetch,
        retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000, ...opts.retry },
        onExchange: (e) => calls.push({ operation: e.operation, status: e.status }),
      });
      clients.set(conn.id, c);
    }
    return c;
  };
  return {
    sandbox,
    clientFor,
    calls,
    count: (operation: OperationName) => calls.filter((c) => c.operation === operation).length,
    /** The sandbox's time (what Amazon's "now" is). */
    now: async () => new Date((await sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock')).nowMs),
    orders: async (sellerId = 'ASANDBOXSELLER1') =>
      (await sandbox.admin<{ fulfillmentOrders: SandboxOrder[] }>('GET', `/_sandbox/sellers/${sellerId}/fulfillment-orders`)).fulfillmentOrders,
    faults: (body: Record<string, unknown>) => sandbox.admin('POST', '/_sandbox/faults', body),
    clearFaults: () => sandbox.admin('DELETE', '/_sandbox/faults'),
  };
}
