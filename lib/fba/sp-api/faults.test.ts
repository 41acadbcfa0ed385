import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpApiError } from './errors';
import { US, TEST_ADDRESS, createDemoClient, startTestSandbox, type TestSandbox } from './testing/harness';

// With 20% injected 5xx and slow answers, every call completes or fails clearly after the budget.

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000 });
});
afterAll(() => sandbox.close());

describe('faults', () => {
  it('completes every call through 20% 5xx and 10% slow answers', async () => {
    await sandbox.admin('POST', '/_sandbox/faults', { errorShare: 0.2, slowShare: 0.1, slowMs: 800 });
    let retried = 0;
    const client = createDemoClient(sandbox.url, {
      retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 80, timeoutMs: 250 },
      onExchange: (e) => {
        if (e.attempt > 1) retried += 1;
      },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => {
        if (i % 4 === 0) {
          return client.createFulfillmentOrder({
            sellerFulfillmentOrderId: `FO-FAULT-${i}`,
            displayableOrderId: `FAULT-${i}`,
            displayableOrderDate: '2026-02-02T08:00:00Z',
            displayableOrderComment: 'fault test',
            shippingSpeedCategory: 'Standard',
            destinationAddress: TEST_ADDRESS,
            items: [{ sellerSku: 'DEMO-010', sellerFulfillmentOrderItemId: '1', quantity: 1 }],
          });
        }
        return client.getInventorySummaries({ marketplaceId: US, sellerSkus: ['DEMO-010'] });
      }),
    );
    await sandbox.admin('DELETE', '/_sandbox/faults');
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    for (const failure of failures) {
      // Allowed only as a clear, typed error after the whole budget.
      expect(failure.reason).toBeInstanceOf(SpApiError);
      expect((failure.reason as SpApiError).attempts).toBe(8);
    }
    expect(failures.length).toBeLessThanOrEqual(1);
    expect(retried).toBeGreaterThan(0);
    // Idempotent creation: each order exists once even when a create was retried.
    const created = await client.listAllFulfillmentOrders();
    const ids = created.fulfillmentOrders.map((o) => o.sellerFulfillmentOrderId).filter((id) => id.startsWith('FO-FAULT-'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives up on an always-slow service with a timeout error after the budget', async () => {
    await sandbox.admin('POST', '/_sandbox/faults', { slowShare: 1, slowMs: 1000 });
    try {
      const client = createDemoClient(sandbox.url, { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 100 } });
      const error = (await client.getMarketplaceParticipations().catch((e: unknown) => e)) as SpApiError;
      expect(error).toBeInstanceOf(SpApiError);
      expect(error).toMatchObject({ kind: 'timeout', attempts: 3, operation: 'getMarketplaceParticipations' });
      expect(error.message).toContain('No answer within 100 ms');
    } finally {
      await sandbox.admin('DELETE', '/_sandbox/faults');
    }
  });

  it('rides out a 429 storm', async () => {
    await sandbox.admin('POST', '/_sandbox/faults', { throttleStormSeconds: 0.3 });
    const client = createDemoClient(sandbox.url, { retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 200 } });
    const participations = await client.getMarketplaceParticipations();
    expect(participations).toHaveLength(1);
  });
});
