import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../../../sandbox/index';
import { US, createDemoClient, startTestSandbox, type TestSandbox } from './testing/harness';

// Orders v0 through the client: the demo seller's history, new orders moving on the clock.

let sandbox: TestSandbox;
let client: ReturnType<typeof createDemoClient>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date('2026-07-15T12:00:00Z') });
  client = createDemoClient(sandbox.url);
});
afterAll(() => sandbox.close());

describe('Orders v0', () => {
  it('lists two weeks of AFN and MFN orders with their items', async () => {
    const { orders, lastUpdatedBefore } = await client.getOrders({ MarketplaceIds: [US], CreatedAfter: '2026-06-01T00:00:00Z' });
    expect(orders).toHaveLength(12);
    expect(lastUpdatedBefore).toBeNull();
    expect(new Set(orders.map((o) => o.FulfillmentChannel))).toEqual(new Set(['AFN', 'MFN']));
    expect(orders.filter((o) => o.OrderStatus === 'Canceled')).toHaveLength(1);
    for (const o of orders.filter((x) => x.FulfillmentChannel === 'MFN' && x.OrderStatus !== 'Canceled')) expect(o.OrderStatus).toBe('Unshipped');
    expect(orders[0].AmazonOrderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
    const { items } = await client.getOrderItems(orders[0].AmazonOrderId);
    expect(items[0].SellerSKU).toMatch(/^DEMO-\d{3}$/);
    expect(items[0].Title).toMatch(/^Demo product \d{3}$/);
  });

  it('moves a new AFN order Pending → Unshipped → Shipped on the clock, found by LastUpdatedAfter', async () => {
    const stock = async () => (await client.getInventorySummaries({ marketplaceId: US, details: true, sellerSkus: ['DEMO-002'] })).summaries[0];
    const before = await stock();
    const created = (await sandbox.admin('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/orders`, {
      orders: [{ fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-002', quantity: 2, price: 12.5 }] }],
    })) as { amazonOrderIds: string[] };
    const id = created.amazonOrderIds[0];
    const since = new Date(Date.parse('2026-07-15T11:59:00Z')).toISOString();
    const find = async () => (await client.getOrders({ MarketplaceIds: [US], LastUpdatedAfter: since, FulfillmentChannels: ['AFN'] })).orders.find((o) => o.AmazonOrderId === id);
    expect((await find())?.OrderStatus).toBe('Pending');
    // The AFN order holds two units at FBA until it ships, then they leave the warehouse.
    expect((await stock()).inventoryDetails?.fulfillableQuantity).toBe((before.inventoryDetails?.fulfillableQuantity ?? 0) - 2);
    expect((await stock()).totalQuantity).toBe(before.totalQuantity);
    await sandbox.advance(3600);
    expect(await find()).toMatchObject({ OrderStatus: 'Unshipped', OrderTotal: { Amount: '25.00', CurrencyCode: 'USD' } });
    await sandbox.advance(86_400);
    expect(await find()).toMatchObject({ OrderStatus: 'Shipped', NumberOfItemsShipped: 2, NumberOfItemsUnshipped: 0 });
    expect((await stock()).totalQuantity).toBe((before.totalQuantity ?? 0) - 2);
  });

  it('pages with NextToken and refuses a query without a date', async () => {
    const first = await client.getOrders({ MarketplaceIds: [US], CreatedAfter: '2026-06-01T00:00:00Z', MaxResultsPerPage: 5 });
    expect(first.orders).toHaveLength(5);
    const second = await client.getOrders({ MarketplaceIds: [US], NextToken: first.nextToken ?? '' });
    expect(second.orders).toHaveLength(5);
    expect(second.orders[0].AmazonOrderId).not.toBe(first.orders[0].AmazonOrderId);
    await expect(client.getOrders({ MarketplaceIds: [US] })).rejects.toMatchObject({ status: 400, code: 'InvalidInput' });
  });
});
