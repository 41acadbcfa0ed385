import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpApiError } from './errors';
import type { CreateFulfillmentOrderRequest } from './models/outbound';
import { US, TEST_ADDRESS, createDemoClient, startTestSandbox, type TestSandbox } from './testing/harness';

// Fulfillment Outbound through the client against the sandbox: the status walk on the clock,
// stock moving at Amazon, splits, tracking, holds, cancels, rejections and returns.

let sandbox: TestSandbox;
let client: ReturnType<typeof createDemoClient>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date('2026-02-02T08:00:00Z') });
  client = createDemoClient(sandbox.url);
});
afterAll(() => sandbox.close());

const MIN = 60;
const HOUR = 3600;

function order(id: string, items: [string, number][], extra: Partial<CreateFulfillmentOrderRequest> = {}): CreateFulfillmentOrderRequest {
  return {
    sellerFulfillmentOrderId: id,
    displayableOrderId: id,
    displayableOrderDate: '2026-02-02T08:00:00Z',
    displayableOrderComment: 'Thank you for your order',
    shippingSpeedCategory: 'Standard',
    destinationAddress: TEST_ADDRESS,
    items: items.map(([sellerSku, quantity], i) => ({ sellerSku, quantity, sellerFulfillmentOrderItemId: String(i + 1) })),
    ...extra,
  };
}

async function stock(sku: string) {
  const page = await client.getInventorySummaries({ marketplaceId: US, details: true, sellerSkus: [sku] });
  const d = page.summaries[0].inventoryDetails;
  return { fulfillable: d?.fulfillableQuantity ?? 0, reserved: d?.reservedQuantity?.totalReservedQuantity ?? 0, total: page.summaries[0].totalQuantity ?? 0 };
}

async function statusOf(id: string) {
  return (await client.getFulfillmentOrder(id)).fulfillmentOrder.fulfillmentOrderStatus;
}

describe('a shipped order', () => {
  it('previews, then walks New → Received → Planning → Processing → Complete with stock, splits and tracking', async () => {
    await sandbox.admin('POST', '/_sandbox/faults', { lostPackageShare: 0 });
    const previews = await client.getFulfillmentPreview({ address: TEST_ADDRESS, items: [{ sellerSku: 'DEMO-001', quantity: 2, sellerFulfillmentOrderItemId: '1' }] });
    expect(previews.map((p) => p.shippingSpeedCategory)).toEqual(['Standard', 'Expedited', 'Priority']);
    expect(previews.every((p) => p.isFulfillable)).toBe(true);

    const before = { a: await stock('DEMO-001'), b: await stock('DEMO-002'), c: await stock('DEMO-003') };
    const request = order('FO-SHIP-1', [['DEMO-001', 2], ['DEMO-002', 4], ['DEMO-003', 1]]);
    await client.createFulfillmentOrder(request);
    await client.createFulfillmentOrder(request); // a retry after a lost answer changes nothing
    expect(await statusOf('FO-SHIP-1')).toBe('New');
    expect(await stock('DEMO-002')).toEqual({ fulfillable: before.b.fulfillable - 4, reserved: before.b.reserved + 4, total: before.b.total });

    await sandbox.advance(31);
    expect(await statusOf('FO-SHIP-1')).toBe('Received');
    await sandbox.advance(5 * MIN);
    expect(await statusOf('FO-SHIP-1')).toBe('Planning');
    await sandbox.advance(30 * MIN);
    const processing = await client.getFulfillmentOrder('FO-SHIP-1');
    expect(processing.fulfillmentOrder.fulfillmentOrderStatus).toBe('Processing');
    expect(processing.fulfillmentShipments?.every((s) => s.fulfillmentShipmentStatus === 'PENDING')).toBe(true);

    await sandbox.advance(2 * HOUR);
    const done = await client.getFulfillmentOrder('FO-SHIP-1');
    expect(done.fulfillmentOrder.fulfillmentOrderStatus).toBe('Complete');
    const shipments = done.fulfillmentShipments ?? [];
    expect(shipments).toHaveLength(2); // three lines, at most two per shipment
    expect(shipments.every((s) => s.fulfillmentShipmentStatus === 'SHIPPED')).toBe(true);
    const packages = shipments.flatMap((s) => s.fulfillmentShipmentPackage ?? []);
    expect(packages.length).toBe(4); // DEMO-002 × 4 needs two packages of at most three units
    for (const p of packages) expect(p.trackingNumber).toBeTruthy();
    expect(await stock('DEMO-002')).toEqual({ fulfillable: before.b.fulfillable - 4, reserved: before.b.reserved, total: before.b.total - 4 });
    expect((await stock('DEMO-001')).total).toBe(before.a.total - 2);
    expect((await stock('DEMO-003')).total).toBe(before.c.total - 1);

    const early = await client.getPackageTrackingDetails(packages[0].packageNumber);
    expect(early.currentStatus).toBe('IN_TRANSIT');
    expect(early.trackingEvents?.at(-1)?.eventCode).toBe('EVENT_101');
    await sandbox.advance(4 * 24 * HOUR);
    for (const p of packages) {
      const tracking = await client.getPackageTrackingDetails(p.packageNumber);
      expect(tracking.currentStatus).toBe('DELIVERED');
      expect(tracking.trackingEvents?.[0].eventCode).toBe('EVENT_301');
    }
  });

  it('leaves some packages never reporting delivery when they are lost', async () => {
    await sandbox.admin('POST', '/_sandbox/faults', { lostPackageShare: 1 });
    await client.createFulfillmentOrder(order('FO-LOST-1', [['DEMO-004', 1]]));
    await sandbox.advance(3 * HOUR);
    const shipped = await client.getFulfillmentOrder('FO-LOST-1');
    expect(shipped.fulfillmentOrder.fulfillmentOrderStatus).toBe('Complete');
    const pkg = shipped.fulfillmentShipments?.[0].fulfillmentShipmentPackage?.[0];
    await sandbox.advance(30 * 24 * HOUR);
    const tracking = await client.getPackageTrackingDetails(pkg?.packageNumber ?? 0);
    expect(tracking.currentStatus).toBe('IN_TRANSIT');
    expect(tracking.trackingEvents?.some((e) => e.eventCode === 'EVENT_301')).toBe(false);
    await sandbox.admin('POST', '/_sandbox/faults', { lostPackageShare: 0.2 });
  });

  it('accepts a return of a shipped unit', async () => {
    const codes = await client.listReturnReasonCodes({ sellerSku: 'DEMO-001', marketplaceId: US });
    expect(codes.length).toBeGreaterThan(0);
    const detail = await client.getFulfillmentOrder('FO-SHIP-1');
    const shipment = detail.fulfillmentShipments?.find((s) => s.fulfillmentShipmentItem.some((i) => i.sellerFulfillmentOrderItemId === '1'));
    const result = await client.createFulfillmentReturn('FO-SHIP-1', {
      items: [
        { sellerReturnItemId: 'R1', sellerFulfillmentOrderItemId: '1', amazonShipmentId: shipment?.amazonShipmentId ?? '', returnReasonCode: codes[0].returnReasonCode },
        { sellerReturnItemId: 'R2', sellerFulfillmentOrderItemId: '1', amazonShipmentId: 'NOPE', returnReasonCode: codes[0].returnReasonCode },
      ],
    });
    expect(result.returnItems).toHaveLength(1);
    expect(result.invalidReturnItems?.[0].invalidItemReason.invalidItemReasonCode).toBe('NoCompletedShipItems');
    expect(result.returnAuthorizations?.[0].amazonRmaId).toBeTruthy();
    expect((await client.getFulfillmentOrder('FO-SHIP-1')).returnItems).toHaveLength(1);
  });
});

describe('rejections', () => {
  it('ends Invalid for an address Amazon rejects, without touching stock', async () => {
    const before = await stock('DEMO-005');
    await client.createFulfillmentOrder(order('FO-BAD-ADDR', [['DEMO-005', 1]], { destinationAddress: { ...TEST_ADDRESS, addressLine1: '1 Undeliverable Road' } }));
    await sandbox.advance(31);
    expect(await statusOf('FO-BAD-ADDR')).toBe('Invalid');
    expect(await stock('DEMO-005')).toEqual(before);
  });

  it('ends Unfulfillable when the stock is missing', async () => {
    await client.createFulfillmentOrder(order('FO-NO-STOCK', [['DEMO-020', 1]]));
    await sandbox.advance(31);
    const detail = await client.getFulfillmentOrder('FO-NO-STOCK');
    expect(detail.fulfillmentOrder.fulfillmentOrderStatus).toBe('Unfulfillable');
    expect(detail.fulfillmentOrderItems[0].unfulfillableQuantity).toBe(1);
  });

  it('ships what is there with FillAllAvailable and ends CompletePartialled', async () => {
    await client.createFulfillmentOrder(order('FO-PARTIAL', [['DEMO-009', 2], ['DEMO-021', 3]], { fulfillmentPolicy: 'FillAllAvailable' }));
    await sandbox.advance(3 * HOUR);
    const detail = await client.getFulfillmentOrder('FO-PARTIAL');
    expect(detail.fulfillmentOrder.fulfillmentOrderStatus).toBe('CompletePartialled');
    expect(detail.fulfillmentOrderItems.map((i) => [i.sellerSku, i.unfulfillableQuantity])).toEqual([['DEMO-009', 0], ['DEMO-021', 3]]);
    expect(detail.fulfillmentShipments?.flatMap((s) => s.fulfillmentShipmentItem.map((i) => i.sellerSku))).toEqual(['DEMO-009']);
  });

  it('refuses an unknown SKU with Amazon InvalidInput, not retried', async () => {
    const error = (await client.createFulfillmentOrder(order('FO-BAD-SKU', [['NOT-A-SKU', 1]])).catch((e: unknown) => e)) as SpApiError;
    expect(error).toMatchObject({ status: 400, code: 'InvalidInput', attempts: 1 });
    expect(error.message).toContain('NOT-A-SKU');
  });
});

describe('hold, ship and cancel', () => {
  it('keeps a held order in Received with stock reserved until it is released to ship', async () => {
    const before = await stock('DEMO-006');
    await client.createFulfillmentOrder(order('FO-HOLD-1', [['DEMO-006', 3]], { fulfillmentAction: 'Hold' }));
    await sandbox.advance(24 * HOUR);
    expect(await statusOf('FO-HOLD-1')).toBe('Received');
    expect((await stock('DEMO-006')).reserved).toBe(before.reserved + 3);
    await client.updateFulfillmentOrder('FO-HOLD-1', { fulfillmentAction: 'Ship' });
    await sandbox.advance(6 * MIN);
    expect(await statusOf('FO-HOLD-1')).toBe('Planning');
    await sandbox.advance(3 * HOUR);
    expect(await statusOf('FO-HOLD-1')).toBe('Complete');
  });

  it('cancels in Received and gives the stock back', async () => {
    const before = await stock('DEMO-007');
    await client.createFulfillmentOrder(order('FO-CANCEL-1', [['DEMO-007', 2]], { fulfillmentAction: 'Hold' }));
    await sandbox.advance(31);
    await client.cancelFulfillmentOrder('FO-CANCEL-1');
    const detail = await client.getFulfillmentOrder('FO-CANCEL-1');
    expect(detail.fulfillmentOrder.fulfillmentOrderStatus).toBe('Cancelled');
    expect(detail.fulfillmentOrderItems[0].cancelledQuantity).toBe(2);
    expect(await stock('DEMO-007')).toEqual(before);
  });

  it('refuses to cancel after Processing with Amazon error', async () => {
    await client.createFulfillmentOrder(order('FO-LATE-CANCEL', [['DEMO-008', 1]]));
    await sandbox.advance(40 * MIN);
    expect(await statusOf('FO-LATE-CANCEL')).toBe('Processing');
    const error = (await client.cancelFulfillmentOrder('FO-LATE-CANCEL').catch((e: unknown) => e)) as SpApiError;
    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({ status: 400, code: 'InvalidInput', attempts: 1 });
    expect(error.message).toContain('cannot be cancelled in status Processing');
    expect(error.requestId).toBeTruthy();
  });

  it('lists orders changed since a date', async () => {
    const all = await client.listAllFulfillmentOrders();
    expect(all.fulfillmentOrders.map((o) => o.sellerFulfillmentOrderId)).toContain('FO-SHIP-1');
    const recent = await client.listAllFulfillmentOrders({ queryStartDate: '2030-01-01T00:00:00Z' });
    expect(recent.fulfillmentOrders).toEqual([]);
  });
});
