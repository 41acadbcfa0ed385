import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpApiClient } from './client';
import { US, createDemoClient, startTestSandbox, type TestSandbox } from './testing/harness';

// Send to Amazon through the client: every write is an operation that completes on the sandbox
// clock; the shipment walks WORKING → … → CLOSED and received units become fulfillable.

let sandbox: TestSandbox;
let client: SpApiClient;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date('2026-06-01T08:00:00Z') });
  client = createDemoClient(sandbox.url);
});
afterAll(() => sandbox.close());

const SOURCE = { name: 'Demo Warehouse', addressLine1: '1 Depot Rd', city: 'Reno', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US', phoneNumber: '+1 775 555 0100' };
const HOUR = 3600;

/** Lets the operation complete on the sandbox clock and checks its outcome. */
async function settle(operationId: string, expected: 'SUCCESS' | 'FAILED' = 'SUCCESS') {
  expect((await client.getInboundOperationStatus(operationId)).operationStatus).toBe('IN_PROGRESS');
  await sandbox.advance(6);
  const status = await client.getInboundOperationStatus(operationId);
  expect(status.operationStatus, JSON.stringify(status.operationProblems)).toBe(expected);
  return status;
}

async function fulfillable(sku: string) {
  const page = await client.getInventorySummaries({ marketplaceId: US, details: true, sellerSkus: [sku] });
  return page.summaries[0].inventoryDetails ?? {};
}

describe('Send to Amazon', () => {
  it('walks a plan to CLOSED with a short receipt and grows the inventory by what was received', async () => {
    await sandbox.admin('POST', '/_sandbox/faults', { shortReceiptShare: 1 });
    const before = { a: (await fulfillable('DEMO-011')).fulfillableQuantity ?? 0, b: (await fulfillable('DEMO-020')).fulfillableQuantity ?? 0 };
    const created = await client.createInboundPlan({
      destinationMarketplaces: [US],
      name: 'June restock',
      sourceAddress: SOURCE,
      items: [
        { msku: 'DEMO-011', quantity: 12, labelOwner: 'SELLER', prepOwner: 'NONE' },
        { msku: 'DEMO-020', quantity: 6, labelOwner: 'SELLER', prepOwner: 'NONE' },
      ],
    });
    expect(created.inboundPlanId).toMatch(/^wf[0-9a-f-]{36}$/);
    await settle(created.operationId);
    const planId = created.inboundPlanId;
    expect(await client.getInboundPlan(planId)).toMatchObject({ status: 'ACTIVE', name: 'June restock' });
    expect((await client.listInboundPlans({ status: 'ACTIVE' })).inboundPlans?.map((p) => p.inboundPlanId)).toContain(planId);

    await settle(await client.generatePackingOptions(planId));
    const packing = (await client.listPackingOptions(planId)).packingOptions[0];
    await settle(await client.confirmPackingOption(planId, packing.packingOptionId));
    const box = (items: [string, number][]) => ({
      contentInformationSource: 'BOX_CONTENT_PROVIDED' as const,
      dimensions: { length: 16, width: 12, height: 10, unitOfMeasurement: 'IN' as const },
      weight: { value: 14, unit: 'LB' as const },
      quantity: 1,
      items: items.map(([msku, quantity]) => ({ msku, quantity, labelOwner: 'SELLER' as const, prepOwner: 'NONE' as const })),
    });
    await settle(await client.setPackingInformation(planId, { packageGroupings: [{ packingGroupId: packing.packingGroups[0], boxes: [box([['DEMO-011', 12]]), box([['DEMO-020', 6]])] }] }));

    await settle(await client.generatePlacementOptions(planId));
    const placements = (await client.listPlacementOptions(planId)).placementOptions;
    expect(placements.length).toBe(2);
    const single = placements.find((p) => p.shipmentIds.length === 1);
    expect(single?.fees[0].value.amount).toBeGreaterThan(0);
    expect((await client.getShipment(planId, single?.shipmentIds[0] ?? '')).status).toBe('UNCONFIRMED');
    await settle(await client.confirmPlacementOption(planId, single?.placementOptionId ?? ''));
    const shipmentId = (await client.getInboundPlan(planId)).shipments?.[0].shipmentId ?? '';
    expect((await client.getShipment(planId, shipmentId)).status).toBe('WORKING');
    expect((await fulfillable('DEMO-011')).inboundWorkingQuantity).toBe(12);

    await settle(await client.generateTransportationOptions(planId, {
      placementOptionId: single?.placementOptionId ?? '',
      shipmentTransportationConfigurations: [{ shipmentId, readyToShipWindow: { start: '2026-06-01T10:00:00Z' }, contactInformation: { name: 'Dock', phoneNumber: '+1 775 555 0100' } }],
    }));
    const options = (await client.listTransportationOptions(planId, { placementOptionId: single?.placementOptionId })).transportationOptions;
    const own = options.find((o) => o.shippingSolution === 'USE_YOUR_OWN_CARRIER');
    expect(options.find((o) => o.shippingSolution === 'AMAZON_PARTNERED_CARRIER')?.quote?.cost.amount).toBeGreaterThan(0);
    await settle(await client.generateDeliveryWindowOptions(planId, shipmentId));
    const windows = (await client.listDeliveryWindowOptions(planId, shipmentId)).deliveryWindowOptions;
    await settle(await client.confirmDeliveryWindowOptions(planId, shipmentId, windows[0].deliveryWindowOptionId));
    await settle(await client.confirmTransportationOptions(planId, { transportationSelections: [{ shipmentId, transportationOptionId: own?.transportationOptionId ?? '' }] }));

    const boxes = (await client.listShipmentBoxes(planId, shipmentId)).boxes;
    expect(boxes).toHaveLength(2);
    expect((await client.listShipmentItems(planId, shipmentId)).items.map((i) => [i.msku, i.quantity])).toEqual([['DEMO-011', 12], ['DEMO-020', 6]]);
    await settle(await client.updateShipmentTrackingDetails(planId, shipmentId, { trackingDetails: { spdTrackingDetail: { spdTrackingItems: boxes.map((b, n) => ({ boxId: b.boxId ?? '', trackingId: `1Z99999999999999${n}` })) } } }));
    const shipment = await client.getShipment(planId, shipmentId);
    expect(shipment).toMatchObject({ status: 'SHIPPED', selectedTransportationOptionId: own?.transportationOptionId });
    expect(shipment.selectedDeliveryWindow?.deliveryWindowOptionId).toBe(windows[0].deliveryWindowOptionId);
    const fba = shipment.shipmentConfirmationId ?? '';
    expect(fba).toMatch(/^FBA[0-9A-Z]{9}$/);
    expect((await fulfillable('DEMO-011')).inboundShippedQuantity).toBe(12);

    const seen: string[] = [];
    const retrack = () => client.updateShipmentTrackingDetails(planId, shipmentId, { trackingDetails: { spdTrackingDetail: { spdTrackingItems: [{ boxId: boxes[0].boxId ?? '', trackingId: '1Z999999999999999X' }] } } });
    for (const hours of [7, 42, 2, 4, 42]) {
      await sandbox.advance(hours * HOUR);
      seen.push((await client.getShipment(planId, shipmentId)).status ?? '');
      // Tracking numbers may follow the boxes (the plan is SHIPPED by now) until the warehouse checks them in.
      if (seen.at(-1) === 'DELIVERED') await settle(await retrack());
      if (seen.at(-1) === 'CHECKED_IN') await expect(retrack()).rejects.toThrow(/is CHECKED_IN; its tracking details can no longer be changed/);
    }
    expect(seen).toEqual(['IN_TRANSIT', 'DELIVERED', 'CHECKED_IN', 'RECEIVING', 'CLOSED']);
    expect((await client.getInboundPlan(planId)).status).toBe('SHIPPED');

    const items = await client.getShipmentItemsByShipmentId(fba, US);
    const a = items.find((i) => i.SellerSKU === 'DEMO-011');
    const b = items.find((i) => i.SellerSKU === 'DEMO-020');
    expect(a?.QuantityShipped).toBe(12);
    expect(a?.QuantityReceived).toBeLessThan(12); // the short receipt
    expect(b?.QuantityReceived).toBe(6);
    const after = await fulfillable('DEMO-011');
    expect(after.fulfillableQuantity).toBe(before.a + (a?.QuantityReceived ?? 0));
    expect(after.inboundReceivingQuantity).toBe(0);
    expect((await fulfillable('DEMO-020')).fulfillableQuantity).toBe(before.b + 6);

    const listed = await client.getShipments({ MarketplaceId: US, QueryType: 'SHIPMENT', ShipmentStatusList: ['CLOSED'] });
    expect(listed.shipments.map((s) => s.ShipmentId)).toContain(fba);
    expect(listed.shipments.find((s) => s.ShipmentId === fba)?.ShipmentStatus).toBe('CLOSED');
    const byDate = await client.getShipments({ MarketplaceId: US, QueryType: 'DATE_RANGE', LastUpdatedAfter: '2026-06-01T00:00:00Z', LastUpdatedBefore: '2026-07-01T00:00:00Z' });
    expect(byDate.shipments.length).toBeGreaterThan(0);

    const labelUrl = await client.getLabels(fba, { PageType: 'PackageLabel_Letter_2', LabelType: 'UNIQUE', NumberOfPackages: 2 });
    await expectPdf(labelUrl ?? '', 2);
    const [download] = await client.createMarketplaceItemLabels({ labelType: 'STANDARD_FORMAT', marketplaceId: US, mskuQuantities: [{ msku: 'DEMO-011', quantity: 3 }] });
    await expectPdf(download.uri, 3);
    await sandbox.admin('POST', '/_sandbox/faults', { shortReceiptShare: 0.3 });
  });

  it('fails the plan operation for an unknown SKU and cancels a plan before it ships', async () => {
    const bad = await client.createInboundPlan({ destinationMarketplaces: [US], sourceAddress: SOURCE, items: [{ msku: 'NOPE-1', quantity: 1, labelOwner: 'SELLER', prepOwner: 'NONE' }] });
    const status = await settle(bad.operationId, 'FAILED');
    expect(status.operationProblems[0].message).toContain('NOPE-1');
    await expect(client.getInboundPlan(bad.inboundPlanId)).rejects.toMatchObject({ status: 404 });

    const plan = await client.createInboundPlan({ destinationMarketplaces: [US], sourceAddress: SOURCE, items: [{ msku: 'DEMO-012', quantity: 2, labelOwner: 'SELLER', prepOwner: 'NONE' }] });
    await settle(plan.operationId);
    await settle(await client.cancelInboundPlan(plan.inboundPlanId));
    expect((await client.getInboundPlan(plan.inboundPlanId)).status).toBe('VOIDED');
    await expect(client.generatePackingOptions(plan.inboundPlanId)).rejects.toMatchObject({ status: 400, code: 'InvalidInput' });
  });
});

async function expectPdf(url: string, pages: number) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  // A real PDF: poppler (when installed, as in CI) must read it and count its pages.
  if (existsSync('/usr/bin/pdfinfo')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'label-'));
    try {
      const file = path.join(dir, 'label.pdf');
      writeFileSync(file, bytes);
      expect(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${pages}\\b`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
