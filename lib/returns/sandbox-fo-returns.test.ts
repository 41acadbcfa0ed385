import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoClient, startTestSandbox, TEST_ADDRESS, type TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { DEMO_SELLER } from '@/sandbox/index';

// A fulfilment order's return items at the sandbox: New until the fulfilment centre processes them
// 4 days after the request, in the condition chosen through the admin route (Sellable by default).

const HOUR = 3600;
const SELLER = DEMO_SELLER.sellerId;
let sandbox: TestSandbox;
let client: ReturnType<typeof createDemoClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date('2026-04-01T12:00:00Z') });
  client = createDemoClient(sandbox.url);
});
afterAll(() => sandbox.close());

const stock = async (sku: string) =>
  (await sandbox.admin<{ inventory: { sellerSku: string; fulfillable: number; unfulfillable: number }[] }>('GET', `/_sandbox/sellers/${SELLER}/inventory`)).inventory.find((i) => i.sellerSku === sku)!;

describe('fulfilment order returns', () => {
  it('are processed 4 days after the request, Sellable back to fulfillable, the chosen condition to unfulfillable', async () => {
    await client.createFulfillmentOrder({
      sellerFulfillmentOrderId: 'RET-ORDER-1',
      displayableOrderId: 'RET-ORDER-1',
      displayableOrderDate: '2026-04-01T12:00:00Z',
      displayableOrderComment: 'Returns test',
      shippingSpeedCategory: 'Standard',
      destinationAddress: TEST_ADDRESS,
      items: [{ sellerSku: 'DEMO-002', sellerFulfillmentOrderItemId: '1', quantity: 2 }],
    });
    await sandbox.advance(3 * HOUR);
    const shipped = await client.getFulfillmentOrder('RET-ORDER-1');
    const amazonShipmentId = shipped.fulfillmentShipments![0].amazonShipmentId;
    const item = (id: string) => ({ sellerReturnItemId: id, sellerFulfillmentOrderItemId: '1', amazonShipmentId, returnReasonCode: 'CR-DEFECTIVE' });
    await client.createFulfillmentReturn('RET-ORDER-1', { items: [item('RET-ORDER-1-R1'), item('RET-ORDER-1-R2')] });
    await sandbox.admin('POST', `/_sandbox/sellers/${SELLER}/fulfillment-returns/RET-ORDER-1-R2`, { condition: 'CustomerDamaged' });
    await expect(sandbox.admin('POST', `/_sandbox/sellers/${SELLER}/fulfillment-returns/NOPE`, { condition: 'Defective' })).rejects.toThrow('→ 404');
    await expect(sandbox.admin('POST', `/_sandbox/sellers/${SELLER}/fulfillment-returns/RET-ORDER-1-R1`, { condition: 'Broken' })).rejects.toThrow('→ 400');

    const before = await stock('DEMO-002');
    await sandbox.advance(4 * 24 * HOUR - 60);
    const early = await client.getFulfillmentOrder('RET-ORDER-1');
    expect(early.returnItems.map((r) => [r.status, r.returnReceivedCondition])).toEqual([
      ['New', undefined],
      ['New', undefined],
    ]);
    const requestedAt = Date.parse(early.returnItems[0].statusChangedDate);
    await sandbox.advance(120);
    const done = await client.getFulfillmentOrder('RET-ORDER-1');
    expect(done.returnItems.map((r) => [r.sellerReturnItemId, r.status, r.returnReceivedCondition])).toEqual([
      ['RET-ORDER-1-R1', 'Processed', 'Sellable'],
      ['RET-ORDER-1-R2', 'Processed', 'CustomerDamaged'],
    ]);
    expect(Date.parse(done.returnItems[0].statusChangedDate) - requestedAt).toBe(4 * 24 * HOUR * 1000);
    const after = await stock('DEMO-002');
    expect(after.fulfillable - before.fulfillable).toBe(1);
    expect(after.unfulfillable - before.unfulfillable).toBe(1);
    // Once processed, the condition is Amazon's.
    await expect(sandbox.admin('POST', `/_sandbox/sellers/${SELLER}/fulfillment-returns/RET-ORDER-1-R1`, { condition: 'Defective' })).rejects.toThrow('→ 409');
  });
});
