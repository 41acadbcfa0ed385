import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, SP_API_OPERATIONS, type OperationName } from './models/operations';
import { SwaggerContract } from './testing/swagger-contract';
import { DEMO_SELLER } from '../../../sandbox/index';
import { US, TEST_ADDRESS, createDemoClient, startTestSandbox, type TestSandbox } from './testing/harness';
import type { ExchangeEvent } from './transport';

// Contract: every request the client sends and every answer the sandbox gives, for every operation
// the client uses, is validated against Amazon's Swagger models. A scenario drives them all;
// the last test fails if an operation was never validated (a new operation needs a case here).

const contract = new SwaggerContract();
const exchanges: ExchangeEvent[] = [];
let sandbox: TestSandbox;
let client: ReturnType<typeof createDemoClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date('2026-04-01T12:00:00Z') });
  await sandbox.admin('POST', '/_sandbox/faults', { lostPackageShare: 0 });
  client = createDemoClient(sandbox.url, { onExchange: (e) => exchanges.push(e) });
});
afterAll(() => sandbox.close());

const ignore = () => undefined;

const fo = (id: string, sku: string, quantity: number, extra: object = {}) => ({
  sellerFulfillmentOrderId: id,
  displayableOrderId: id,
  displayableOrderDate: '2026-04-01T12:00:00Z',
  displayableOrderComment: 'Contract test order',
  shippingSpeedCategory: 'Standard' as const,
  destinationAddress: TEST_ADDRESS,
  items: [{ sellerSku: sku, sellerFulfillmentOrderItemId: '1', quantity }],
  ...extra,
});

describe('contract with the Swagger models', () => {
  it('drives every operation through success and error answers', async () => {
    await client.getMarketplaceParticipations();
    await client.getInventorySummaries({ marketplaceId: US });
    await client.getInventorySummaries({ marketplaceId: US, details: true, sellerSkus: ['DEMO-001', 'DEMO-020'], startDateTime: '2020-01-01T00:00:00Z' });
    await client.getInventorySummaries({ marketplaceId: 'A1PA6795UKMFR9' }).catch(ignore);

    const reportId = await client.createReport({ reportType: 'GET_AFN_INVENTORY_DATA', marketplaceIds: [US] });
    await client.createReport({ reportType: 'GET_NOPE', marketplaceIds: [US] }).catch(ignore);
    await client.getReport(reportId);
    // No returns yet: Amazon cancels a returns report with nothing to report.
    const returnsId = await client.createReport({ reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: [US], dataStartTime: '2026-03-01T00:00:00Z', dataEndTime: '2026-04-01T12:00:00Z' });
    await sandbox.advance(60);
    const report = await client.getReport(reportId);
    expect((await client.getReport(returnsId)).processingStatus).toBe('CANCELLED');
    await client.getReport('0').catch(ignore);
    await client.getReportDocument(report.reportDocumentId ?? '');
    await client.getReportDocument('missing').catch(ignore);

    await client.getFulfillmentPreview({ address: TEST_ADDRESS, items: [{ sellerSku: 'DEMO-001', quantity: 1, sellerFulfillmentOrderItemId: '1' }] });
    await client.getFulfillmentPreview({ address: TEST_ADDRESS, items: [{ sellerSku: 'DEMO-021', quantity: 1, sellerFulfillmentOrderItemId: '1' }], shippingSpeedCategories: ['Priority'] });
    await client.createFulfillmentOrder(fo('C-SHIP', 'DEMO-002', 4, { notificationEmails: ['a@example.com'] }));
    await client.createFulfillmentOrder(fo('C-HOLD', 'DEMO-003', 1, { fulfillmentAction: 'Hold', fulfillmentPolicy: 'FillAllAvailable' }));
    await client.createFulfillmentOrder(fo('C-BAD', 'NOT-A-SKU', 1)).catch(ignore);
    await client.getFulfillmentOrder('C-SHIP');
    await client.getFulfillmentOrder('C-MISSING').catch(ignore);
    await client.updateFulfillmentOrder('C-HOLD', { displayableOrderComment: 'Edited' });
    await client.updateFulfillmentOrder('C-HOLD', { fulfillmentAction: 'Ship' });
    await client.updateFulfillmentOrder('C-MISSING', { fulfillmentAction: 'Ship' }).catch(ignore);
    await client.createFulfillmentOrder(fo('C-CANCEL', 'DEMO-004', 1, { fulfillmentAction: 'Hold' }));
    await client.cancelFulfillmentOrder('C-CANCEL');
    await client.listAllFulfillmentOrders();
    await client.listAllFulfillmentOrders({ queryStartDate: '2026-04-01T00:00:00Z' });

    await sandbox.advance(40 * 60);
    await client.getFulfillmentOrder('C-SHIP'); // Processing, shipments pending
    await client.cancelFulfillmentOrder('C-SHIP').catch(ignore);
    await sandbox.advance(3 * 3600);
    const shipped = await client.getFulfillmentOrder('C-SHIP');
    const shipment = shipped.fulfillmentShipments?.[0];
    const packageNumber = shipment?.fulfillmentShipmentPackage?.[0]?.packageNumber ?? 0;
    await client.getPackageTrackingDetails(packageNumber);
    await sandbox.advance(4 * 86_400);
    await client.getPackageTrackingDetails(packageNumber);
    await client.getPackageTrackingDetails(999_999).catch(ignore);

    const codes = await client.listReturnReasonCodes({ sellerSku: 'DEMO-002', marketplaceId: US, language: 'en_US' });
    await client.listReturnReasonCodes({ sellerSku: 'NOT-A-SKU' }).catch(ignore);
    await client.createFulfillmentReturn('C-SHIP', {
      items: [
        { sellerReturnItemId: 'CR-1', sellerFulfillmentOrderItemId: '1', amazonShipmentId: shipment?.amazonShipmentId ?? '', returnReasonCode: codes[0].returnReasonCode, returnComment: 'Too big' },
        { sellerReturnItemId: 'CR-1', sellerFulfillmentOrderItemId: '1', amazonShipmentId: shipment?.amazonShipmentId ?? '', returnReasonCode: codes[0].returnReasonCode },
      ],
    });
    await client.getFulfillmentOrder('C-SHIP'); // with return items and authorizations
    await client.createFulfillmentReturn('C-CANCEL', { items: [] }).catch(ignore);
    await client.getFulfillmentPreview({ address: TEST_ADDRESS, items: [] }).catch(ignore);
    await client.listAllFulfillmentOrders({ nextToken: 'not-a-token' }).catch(ignore);

    // 5xx and 429 answers, with one attempt each so the error itself is recorded.
    const once = createDemoClient(sandbox.url, { onExchange: (e) => exchanges.push(e), retry: { maxAttempts: 1 } });
    await sandbox.admin('POST', '/_sandbox/faults', { errorShare: 1 });
    await once.getMarketplaceParticipations().catch(ignore);
    await once.getInventorySummaries({ marketplaceId: US }).catch(ignore);
    await sandbox.admin('POST', '/_sandbox/faults', { errorShare: 0, throttleStormSeconds: 60 });
    await once.getFulfillmentOrder('C-SHIP').catch(ignore);
    await once.getReport(reportId).catch(ignore);
    await sandbox.admin('DELETE', '/_sandbox/faults');
  });

  it('has the path, method and published rate/burst of every operation as in the models', () => {
    for (const name of OPERATION_NAMES) {
      const op = contract.operation(name); // throws when path/method/operationId disagree
      expect(op.usagePlan, `${name} has no usage plan in its model`).not.toBeNull();
      expect({ rate: SP_API_OPERATIONS[name].rate, burst: SP_API_OPERATIONS[name].burst }, name).toEqual(op.usagePlan);
    }
  });

  it('rejects an answer that breaks the model (the checker is not vacuous)', () => {
    const problems = contract.check({
      operation: 'getFulfillmentOrder',
      method: 'GET',
      url: 'http://sandbox/fba/outbound/2020-07-01/fulfillmentOrders/X',
      requestBody: undefined,
      status: 200,
      requestId: 'r',
      responseBody: { payload: { fulfillmentOrder: { sellerFulfillmentOrderId: 'X', fulfillmentOrderStatus: 'Shipped' } } },
      attempt: 1,
      durationMs: 5,
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain('fulfillmentOrderStatus');
  });

  it('drives every inbound operation through success and error answers', async () => {
    const source = { name: 'Depot', addressLine1: '1 Depot Rd', city: 'Reno', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US', phoneNumber: '+17755550100' };
    const settle = async (operationId: string) => {
      await client.getInboundOperationStatus(operationId);
      await sandbox.advance(6);
      await client.getInboundOperationStatus(operationId);
    };
    const created = await client.createInboundPlan({ destinationMarketplaces: [US], sourceAddress: source, items: [{ msku: 'DEMO-013', quantity: 4, labelOwner: 'SELLER', prepOwner: 'NONE' }, { msku: 'DEMO-014', quantity: 2, labelOwner: 'AMAZON', prepOwner: 'SELLER' }] });
    await settle(created.operationId);
    const id = created.inboundPlanId;
    await client.getInboundPlan(id);
    await client.listInboundPlans({ pageSize: 5, sortBy: 'CREATION_TIME', sortOrder: 'DESC' });
    await settle(await client.generatePackingOptions(id));
    const packing = (await client.listPackingOptions(id)).packingOptions[0];
    await settle(await client.confirmPackingOption(id, packing.packingOptionId));
    const box = (msku: string, quantity: number) => ({
      contentInformationSource: 'BOX_CONTENT_PROVIDED' as const,
      dimensions: { length: 10, width: 10, height: 10, unitOfMeasurement: 'IN' as const },
      weight: { value: 5, unit: 'LB' as const },
      quantity: 1,
      items: [{ msku, quantity, labelOwner: 'SELLER' as const, prepOwner: 'NONE' as const }],
    });
    await settle(await client.setPackingInformation(id, { packageGroupings: [{ packingGroupId: packing.packingGroups[0], boxes: [box('DEMO-013', 4), box('DEMO-014', 2)] }] }));
    await settle(await client.generatePlacementOptions(id));
    const placement = (await client.listPlacementOptions(id)).placementOptions.find((p) => p.shipmentIds.length === 2);
    const placementOptionId = placement?.placementOptionId ?? '';
    await settle(await client.confirmPlacementOption(id, placementOptionId));
    const [s1, s2] = placement?.shipmentIds ?? [];
    await settle(await client.generateTransportationOptions(id, {
      placementOptionId,
      shipmentTransportationConfigurations: [s1, s2].map((shipmentId) => ({ shipmentId, readyToShipWindow: { start: '2026-04-02T00:00:00Z' }, contactInformation: { name: 'Dock', phoneNumber: '+17755550100', email: 'dock@example.com' } })),
    }));
    const options = (await client.listTransportationOptions(id, { placementOptionId })).transportationOptions;
    await client.listTransportationOptions(id, { shipmentId: s2 });
    await settle(await client.generateDeliveryWindowOptions(id, s1));
    const windows = (await client.listDeliveryWindowOptions(id, s1)).deliveryWindowOptions;
    await settle(await client.confirmDeliveryWindowOptions(id, s1, windows[0].deliveryWindowOptionId));
    const pick = (shipmentId: string, solution: string) => options.find((o) => o.shipmentId === shipmentId && o.shippingSolution === solution)?.transportationOptionId ?? '';
    await settle(await client.confirmTransportationOptions(id, { transportationSelections: [{ shipmentId: s1, transportationOptionId: pick(s1, 'USE_YOUR_OWN_CARRIER') }, { shipmentId: s2, transportationOptionId: pick(s2, 'AMAZON_PARTNERED_CARRIER') }] }));
    const boxes = (await client.listShipmentBoxes(id, s1)).boxes;
    await client.listShipmentItems(id, s1);
    await client.getShipment(id, s1); // before pickup: selected delivery window, no tracking yet
    await settle(await client.updateShipmentTrackingDetails(id, s1, { trackingDetails: { spdTrackingDetail: { spdTrackingItems: boxes.map((b) => ({ boxId: b.boxId ?? '', trackingId: 'TRACK123' })) } } }));
    await client.getShipment(id, s1);
    await sandbox.advance(5 * 86_400);
    const fba = (await client.getShipment(id, s2)).shipmentConfirmationId ?? '';
    await client.getShipments({ MarketplaceId: US, QueryType: 'SHIPMENT', ShipmentIdList: [fba] });
    await client.getShipments({ MarketplaceId: US, QueryType: 'DATE_RANGE', LastUpdatedAfter: '2026-01-01T00:00:00Z', LastUpdatedBefore: '2027-01-01T00:00:00Z', ShipmentStatusList: ['CLOSED', 'RECEIVING'] });
    await client.getShipmentItemsByShipmentId(fba, US);
    await client.getLabels(fba, { PageType: 'PackageLabel_Thermal', LabelType: 'BARCODE_2D' });
    await client.createMarketplaceItemLabels({ labelType: 'THERMAL_PRINTING', marketplaceId: US, mskuQuantities: [{ msku: 'DEMO-013', quantity: 2 }], localeCode: 'en_US', width: 50, height: 25 });
    const toCancel = await client.createInboundPlan({ destinationMarketplaces: [US], name: 'Cancel me', sourceAddress: source, items: [{ msku: 'DEMO-015', quantity: 1, labelOwner: 'NONE', prepOwner: 'NONE' }] });
    await settle(toCancel.operationId);
    await settle(await client.cancelInboundPlan(toCancel.inboundPlanId));

    // Error answers (404 for an unknown plan or shipment, 400 for invalid input).
    const nope = 'wf00000000-0000-0000-0000-000000000000';
    const sh = 'sh00000000-0000-0000-0000-000000000000';
    const attempts: Promise<unknown>[] = [
      client.createInboundPlan({ destinationMarketplaces: ['A1PA6795UKMFR9'], sourceAddress: source, items: [{ msku: 'DEMO-013', quantity: 1, labelOwner: 'SELLER', prepOwner: 'NONE' }] }),
      client.getInboundPlan(nope),
      client.listInboundPlans({ paginationToken: 'bad' }),
      client.cancelInboundPlan(toCancel.inboundPlanId),
      client.generatePackingOptions(nope),
      client.listPackingOptions(nope),
      client.confirmPackingOption(id, 'po00000000-0000-0000-0000-000000000000'),
      client.setPackingInformation(nope, { packageGroupings: [{ boxes: [box('DEMO-013', 1)] }] }),
      client.generatePlacementOptions(nope),
      client.listPlacementOptions(nope),
      client.confirmPlacementOption(id, 'pl00000000-0000-0000-0000-000000000000'),
      client.generateTransportationOptions(nope, { placementOptionId, shipmentTransportationConfigurations: [{ shipmentId: s1, readyToShipWindow: { start: '2026-04-02T00:00:00Z' } }] }),
      client.listTransportationOptions(nope, { shipmentId: s1 }),
      client.confirmTransportationOptions(nope, { transportationSelections: [{ shipmentId: s1, transportationOptionId: 'to00000000-0000-0000-0000-000000000000' }] }),
      client.getShipment(id, sh),
      client.listShipmentBoxes(id, sh),
      client.listShipmentItems(id, sh),
      client.generateDeliveryWindowOptions(nope, s1),
      client.listDeliveryWindowOptions(id, sh),
      client.confirmDeliveryWindowOptions(nope, s1, windows[0].deliveryWindowOptionId),
      client.updateShipmentTrackingDetails(nope, s1, { trackingDetails: { ltlTrackingDetail: { freightBillNumber: ['PRO1'] } } }),
      client.getInboundOperationStatus('00000000-0000-0000-0000-000000000000'),
      client.createMarketplaceItemLabels({ labelType: 'STANDARD_FORMAT', marketplaceId: US, mskuQuantities: [{ msku: 'NOT-A-SKU', quantity: 1 }] }),
      client.getLabels('FBA000000000', { PageType: 'PackageLabel_Letter_2', LabelType: 'UNIQUE' }),
      client.getShipments({ MarketplaceId: US, QueryType: 'SHIPMENT' }),
      client.getShipmentItemsByShipmentId('FBA000000000'),
    ];
    await Promise.all(attempts.map((p) => p.catch(ignore)));
  });

  it('drives the orders operations through success and error answers', async () => {
    const { orders } = await client.getOrders({ MarketplaceIds: [US], CreatedAfter: '2026-03-01T00:00:00Z', MaxResultsPerPage: 3 });
    await client.getOrders({ MarketplaceIds: [US], LastUpdatedAfter: '2026-03-01T00:00:00Z', OrderStatuses: ['Shipped', 'Unshipped', 'Canceled'], FulfillmentChannels: ['AFN', 'MFN'] });
    await client.getOrderItems(orders[0].AmazonOrderId);
    await client.getOrders({ MarketplaceIds: [US] }).catch(ignore);
    await client.getOrderItems('111-0000000-0000000').catch(ignore);

    // An MFN order: its address while Pending (none) and after; the seller confirms its shipment.
    const placed = await sandbox.admin<{ amazonOrderIds: string[] }>('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/orders`, {
      orders: [
        { fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-005', quantity: 2 }], shipTo: { name: 'Ann Lee', line1: '1 Pike St', line2: 'Unit 4', city: 'Seattle', state: 'WA', postalCode: '98101', countryCode: 'US', phone: '+1 206-555-0101' } },
        { fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-006', quantity: 1 }] },
      ],
    });
    const [mfn, afn] = placed.amazonOrderIds;
    await client.getOrderAddress(mfn);
    await sandbox.advance(3600);
    await client.getOrders({ MarketplaceIds: [US], AmazonOrderIds: [mfn, afn], LastUpdatedAfter: '2026-03-01T00:00:00Z' });
    await client.getOrderAddress(mfn);
    await client.getOrderAddress('111-0000000-0000000').catch(ignore);
    const [item] = (await client.getOrderItems(mfn)).items;
    const shipment = (orderItemId: string) => ({
      marketplaceId: US,
      packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', carrierName: 'UPS', shippingMethod: 'Ground', trackingNumber: '1Z999', shipDate: '2026-04-05T10:00:00Z', orderItems: [{ orderItemId, quantity: 2 }] },
    });
    await client.confirmShipment(mfn, shipment(item.OrderItemId));
    await client.confirmShipment(afn, shipment(item.OrderItemId)).catch(ignore);
    await client.confirmShipment('111-0000000-0000000', shipment(item.OrderItemId)).catch(ignore);
  });

  it('finds every exchange valid against the models', () => {
    const problems = exchanges.flatMap((e) => contract.check(e).map((p) => `${e.operation} ${e.status}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('has validated a request, a success and an error answer of every operation the client uses', () => {
    const seen = (predicate: (e: ExchangeEvent) => boolean) => new Set(exchanges.filter(predicate).map((e) => e.operation));
    const ok = seen((e) => e.status < 300);
    const failed = seen((e) => e.status >= 400);
    const missing = (set: Set<OperationName>) => OPERATION_NAMES.filter((name) => !set.has(name));
    expect({ success: missing(ok), error: missing(failed) }).toEqual({ success: [], error: [] });
  });
});
