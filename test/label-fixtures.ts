import type { Db } from '../db/client';
import { inboundAmazonShipments, inboundBoxes, inboundBoxItems, inboundShipmentLines, inboundShipments, stockTransfers } from '../db/schema';
import type { SpApiClient } from '../lib/fba/sp-api';
import { makeLocation, makeProduct } from './fixtures';

/** Label PDFs read back as a scanner would (no server code: the browser tests use it too). */
export { decodeLabels, decodeLabelValues, type LabelCell } from './label-decode';


let seq = 0;

export const SHIP_FROM = { name: 'Demo Warehouse', addressLine1: '1 Depot Rd', city: 'Reno', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US', phoneNumber: '+1 775 555 0100' };
export const SHIP_TO = { name: 'Amazon.com Services LLC', addressLine1: '2496 W Walnut Ave', city: 'Rialto', stateOrProvinceCode: 'CA', postalCode: '92376', countryCode: 'US' };

/**
 * A confirmed inbound shipment written directly: one transfer, `skus` lines, one Amazon shipment
 * with `boxes` boxes (box ids `<confirmationId>U00000n`), each holding one unit of every line.
 */
export async function insertConfirmedInbound(db: Db, o: { connectionId: string; toLocationId: string; confirmationId: string; boxes: number; skus?: number; partnered?: boolean; shipmentId?: string }) {
  seq += 1;
  const from = await makeLocation(db);
  const [transfer] = await db.insert(stockTransfers).values({ number: `TR-L${Date.now().toString(36)}${seq}`, fromLocationId: from.id, toLocationId: o.toLocationId }).returning();
  const [inbound] = await db.insert(inboundShipments).values({ connectionId: o.connectionId, transferId: transfer.id, name: `${transfer.number} from ${from.name}`, status: 'Working', step: 'done', shipFrom: SHIP_FROM }).returning();
  const skus = o.skus ?? 2;
  const lines: (typeof inboundShipmentLines.$inferInsert)[] = [];
  for (let i = 1; i <= skus; i += 1) {
    const p = await makeProduct(db);
    lines.push({ inboundId: inbound.id, lineNo: i, productId: p.id, sellerSku: `SKU-${seq}-${i}`, fnsku: null, quantity: o.boxes });
  }
  await db.insert(inboundShipmentLines).values(lines);
  const [shipment] = await db
    .insert(inboundAmazonShipments)
    .values({ inboundId: inbound.id, shipmentId: o.shipmentId ?? `sh${Date.now().toString(36)}${seq}`, confirmationId: o.confirmationId, warehouseId: 'ONT8', destination: SHIP_TO, partnered: o.partnered ?? false })
    .returning();
  const boxes = await db
    .insert(inboundBoxes)
    .values(Array.from({ length: o.boxes }, (_, i) => ({ inboundId: inbound.id, boxNo: i + 1, length: '16', width: '12', height: '10', weight: '14', amazonBoxId: `${o.confirmationId}U${String(i + 1).padStart(6, '0')}`, amazonShipmentId: shipment.id })))
    .returning();
  await db.insert(inboundBoxItems).values(boxes.flatMap((b) => lines.map((l) => ({ boxId: b.id, lineNo: l.lineNo!, quantity: 1 }))));
  return { inbound, shipment, boxes };
}

/** Drives a plan at the sandbox to a confirmed shipment (as lib/fba/sp-api/inbound.test.ts does) and returns its FBA confirmation id and box ids. */
export async function confirmSandboxShipment(client: SpApiClient, advance: (seconds: number) => Promise<void>, boxCount = 2) {
  const settle = async (operationId: string) => {
    await advance(6);
    const status = await client.getInboundOperationStatus(operationId);
    if (status.operationStatus !== 'SUCCESS') throw new Error(`sandbox operation ${status.operationStatus}: ${JSON.stringify(status.operationProblems)}`);
  };
  const created = await client.createInboundPlan({ destinationMarketplaces: ['ATVPDKIKX0DER'], name: 'Label test', sourceAddress: SHIP_FROM, items: [{ msku: 'DEMO-011', quantity: boxCount, labelOwner: 'SELLER', prepOwner: 'NONE' }] });
  await settle(created.operationId);
  const planId = created.inboundPlanId;
  await settle(await client.generatePackingOptions(planId));
  const packing = (await client.listPackingOptions(planId)).packingOptions[0];
  await settle(await client.confirmPackingOption(planId, packing.packingOptionId));
  const box = { contentInformationSource: 'BOX_CONTENT_PROVIDED' as const, dimensions: { length: 16, width: 12, height: 10, unitOfMeasurement: 'IN' as const }, weight: { value: 14, unit: 'LB' as const }, quantity: 1, items: [{ msku: 'DEMO-011', quantity: 1, labelOwner: 'SELLER' as const, prepOwner: 'NONE' as const }] };
  await settle(await client.setPackingInformation(planId, { packageGroupings: [{ packingGroupId: packing.packingGroups[0], boxes: Array.from({ length: boxCount }, () => box) }] }));
  await settle(await client.generatePlacementOptions(planId));
  const single = (await client.listPlacementOptions(planId)).placementOptions.find((p) => p.shipmentIds.length === 1)!;
  await settle(await client.confirmPlacementOption(planId, single.placementOptionId));
  const shipmentId = (await client.getInboundPlan(planId)).shipments?.[0].shipmentId ?? '';
  await settle(
    await client.generateTransportationOptions(planId, {
      placementOptionId: single.placementOptionId,
      shipmentTransportationConfigurations: [{ shipmentId, readyToShipWindow: { start: new Date(Date.now() + 3600_000).toISOString() }, contactInformation: { name: 'Dock', phoneNumber: '+1 775 555 0100' } }],
    }),
  );
  const own = (await client.listTransportationOptions(planId, { placementOptionId: single.placementOptionId })).transportationOptions.find((o) => o.shippingSolution === 'USE_YOUR_OWN_CARRIER')!;
  await settle(await client.generateDeliveryWindowOptions(planId, shipmentId));
  const windows = (await client.listDeliveryWindowOptions(planId, shipmentId)).deliveryWindowOptions;
  await settle(await client.confirmDeliveryWindowOptions(planId, shipmentId, windows[0].deliveryWindowOptionId));
  await settle(await client.confirmTransportationOptions(planId, { transportationSelections: [{ shipmentId, transportationOptionId: own.transportationOptionId }] }));
  const shipment = await client.getShipment(planId, shipmentId);
  const boxes = (await client.listShipmentBoxes(planId, shipmentId)).boxes;
  return { planId, shipmentId, confirmationId: shipment.shipmentConfirmationId ?? '', boxIds: boxes.map((b) => b.boxId ?? '') };
}
