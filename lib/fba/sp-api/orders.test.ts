import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeEvent } from './transport';
import { DEMO_SELLER } from '../../../sandbox/index';
import { US, createDemoClient, startTestSandbox, type TestSandbox } from './testing/harness';

// Orders v0 through the client: the demo seller's history, new orders moving on the clock.

let sandbox: TestSandbox;
let client: ReturnType<typeof createDemoClient>;
const exchanges: ExchangeEvent[] = [];
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date('2026-07-15T12:00:00Z') });
  client = createDemoClient(sandbox.url, { onExchange: (e) => exchanges.push(e) });
});

const placeOrder = async (order: object) =>
  (await sandbox.admin<{ amazonOrderIds: string[] }>('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/orders`, { orders: [order] })).amazonOrderIds[0];
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

  it('reads an MFN order\'s ship-to address once it is Unshipped, and confirms its shipment', async () => {
    const shipTo = { name: 'Ann Lee', line1: '1 Pike St', city: 'Seattle', state: 'WA', postalCode: '98101', countryCode: 'US' };
    const id = await placeOrder({ fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-003', quantity: 2 }], shipTo });
    expect(await client.getOrderAddress(id)).toBeNull();
    await sandbox.advance(3600);
    expect(await client.getOrderAddress(id)).toEqual({ Name: 'Ann Lee', AddressLine1: '1 Pike St', City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US', AddressType: 'Residential' });
    const { orders } = await client.getOrders({ MarketplaceIds: [US], AmazonOrderIds: [id], CreatedAfter: '2026-07-01T00:00:00Z' });
    expect(orders[0].ShippingAddress).toEqual({ City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US' });

    const [item] = (await client.getOrderItems(id)).items;
    await client.confirmShipment(id, {
      marketplaceId: US,
      packageDetail: { packageReferenceId: '1', carrierCode: 'USPS', trackingNumber: '9400111899560000000000', shipDate: new Date().toISOString(), orderItems: [{ orderItemId: item.OrderItemId, quantity: 2 }] },
    });
    expect((await client.getOrderItems(id)).items[0].QuantityShipped).toBe(2);
    const [after] = (await client.getOrders({ MarketplaceIds: [US], AmazonOrderIds: [id], CreatedAfter: '2026-07-01T00:00:00Z' })).orders;
    expect(after).toMatchObject({ OrderStatus: 'Shipped', NumberOfItemsShipped: 2, NumberOfItemsUnshipped: 0 });
  });

  it('refuses confirmShipment of an AFN order with Amazon\'s words, once (a 400 is not retried)', async () => {
    const id = await placeOrder({ fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-004', quantity: 1 }] });
    await sandbox.advance(3600);
    const [item] = (await client.getOrderItems(id)).items;
    const calls = exchanges.length;
    const refused = client.confirmShipment(id, {
      marketplaceId: US,
      packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z1', shipDate: new Date().toISOString(), orderItems: [{ orderItemId: item.OrderItemId, quantity: 1 }] },
    });
    await expect(refused).rejects.toMatchObject({ status: 400, code: 'InvalidInput', message: expect.stringContaining('fulfilled by Amazon (AFN)') });
    expect(exchanges.slice(calls).filter((e) => e.operation === 'confirmShipment')).toHaveLength(1);
    await expect(client.getOrderAddress('111-0000000-0000000')).rejects.toMatchObject({ status: 404, code: 'NotFound' });
  });
});
