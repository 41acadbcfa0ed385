import { FbainventorySpApi, FulfillmentoutboundSpApi } from '@amazon-sp-api-release/amazon-sp-api-sdk-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADDRESS, US, startTestSandbox, type TestSandbox } from './testing/harness';

// Amazon's official JS SDK, pointed at the sandbox with a token from the sandbox's LWA endpoint:
// proof that the sandbox speaks SP-API as Amazon's own client expects it.

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date('2026-05-04T09:00:00Z') });
  await sandbox.admin('POST', '/_sandbox/faults', { lostPackageShare: 0 });
});
afterAll(() => sandbox.close());

interface Order {
  fulfillmentOrder: { fulfillmentOrderStatus: string };
  fulfillmentShipments?: { fulfillmentShipmentPackage?: { packageNumber: number }[] }[];
}

describe('the official SP-API JS SDK against the sandbox', () => {
  it('creates, reads, holds/ships, cancels and tracks fulfilment orders and reads inventory', async () => {
    const token = await sandbox.token();
    const outbound = new FulfillmentoutboundSpApi.FbaOutboundApi(new FulfillmentoutboundSpApi.ApiClient(sandbox.url).applyXAmzAccessTokenToRequest(token));
    const inventory = new FbainventorySpApi.FbaInventoryApi(new FbainventorySpApi.ApiClient(sandbox.url).applyXAmzAccessTokenToRequest(token));

    const summaries = await inventory.getInventorySummaries('Marketplace', US, [US], { details: true, sellerSkus: ['DEMO-001', 'DEMO-002'] });
    expect(summaries.payload.inventorySummaries).toHaveLength(2);
    expect(summaries.payload.inventorySummaries[0]).toMatchObject({ sellerSku: 'DEMO-001' });

    const base = {
      displayableOrderDate: new Date('2026-05-04T09:00:00Z'),
      displayableOrderComment: 'SDK test',
      shippingSpeedCategory: 'Standard',
      destinationAddress: TEST_ADDRESS,
    };
    await outbound.createFulfillmentOrder({
      ...base,
      sellerFulfillmentOrderId: 'SDK-HOLD',
      displayableOrderId: 'SDK-HOLD',
      fulfillmentAction: 'Hold',
      items: [{ sellerSku: 'DEMO-001', sellerFulfillmentOrderItemId: '1', quantity: 2 }],
    });
    await outbound.createFulfillmentOrder({
      ...base,
      sellerFulfillmentOrderId: 'SDK-CANCEL',
      displayableOrderId: 'SDK-CANCEL',
      fulfillmentAction: 'Hold',
      items: [{ sellerSku: 'DEMO-002', sellerFulfillmentOrderItemId: '1', quantity: 1 }],
    });
    const created = (await outbound.getFulfillmentOrder('SDK-HOLD')).payload as unknown as Order;
    expect(created.fulfillmentOrder.fulfillmentOrderStatus).toBe('New');

    await sandbox.advance(60);
    await outbound.updateFulfillmentOrder('SDK-HOLD', { fulfillmentAction: 'Ship' });
    await outbound.cancelFulfillmentOrder('SDK-CANCEL');
    expect(((await outbound.getFulfillmentOrder('SDK-CANCEL')).payload as unknown as Order).fulfillmentOrder.fulfillmentOrderStatus).toBe('Cancelled');

    await sandbox.advance(3 * 3600);
    const shipped = (await outbound.getFulfillmentOrder('SDK-HOLD')).payload as unknown as Order;
    expect(shipped.fulfillmentOrder.fulfillmentOrderStatus).toBe('Complete');
    const packageNumber = shipped.fulfillmentShipments?.[0].fulfillmentShipmentPackage?.[0].packageNumber ?? 0;
    await sandbox.advance(4 * 86_400);
    const tracking = await outbound.getPackageTrackingDetails(packageNumber);
    expect(tracking.payload).toMatchObject({ packageNumber, currentStatus: 'DELIVERED' });

    const listed = await outbound.listAllFulfillmentOrders({ queryStartDate: new Date('2026-05-01T00:00:00Z') });
    expect(JSON.stringify(listed.payload)).toContain('SDK-HOLD');
  });
});
