import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  fbaListings,
  inboundAmazonShipments,
  inboundBoxItems,
  inboundBoxes,
  inboundLog,
  inboundReceipts,
  inboundShipmentLines,
  inboundShipments,
  type locations,
} from '../db/schema';
import type { SpApiClient } from '../lib/fba/sp-api';
import type { InboundShipment } from '../lib/fba/sp-api/models/inbound';
import { US, type TestSandbox } from '../lib/fba/sp-api/testing/harness';
import type { ClientFor } from '../lib/fulfilment/tracking';
import { parseDecimal } from '../lib/money';
import { createAdjustment } from '../lib/stock/adjustments';
import { createTransfer, shipTransfer } from '../lib/stock/transfers';
import { DEMO_SELLER } from '../sandbox/index';
import { makeFbaConnection } from './fba-fixtures';
import { makeLocation, makeProduct } from './fixtures';
import type { FixtureConnection } from './fulfilment-fixtures';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

/** The sandbox and a client per connection: what `startFulfilmentSandbox()` returns (or any pair like it). */
export type InboundEnv = { sandbox: TestSandbox; clientFor: ClientFor };

export type ConfirmedInboundOpts = {
  /** The connection (its FBA location receives); a new one by default. */
  connection?: FixtureConnection;
  /** Where the goods come from; a new location by default. */
  source?: typeof locations.$inferSelect;
  /** The goods; a product is made for a line without `productId` (SKU = seller SKU). */
  lines?: { sku?: string; productId?: string; quantity: number }[];
  /** Amazon's placement: one shipment to one warehouse, or split into two (needs two boxes: one per line, or the one line halved). */
  shipments?: 1 | 2;
  /** Amazon-partnered carrier (its quote becomes the estimated charges) or the seller's own. */
  partnered?: boolean;
  /** Transport confirmed (Ready to Ship; the sandbox's carrier picks it up an hour later) or not (Working). Default true. */
  transport?: boolean;
  /** Ship the transfer (stock leaves the source: Setup "Shipped"); default the connection's fo_create_status. */
  shipped?: boolean;
  /** Put enough stock at the source first (default true). */
  stock?: boolean;
  userId?: string | null;
  createdAt?: Date;
};

export const FIXTURE_SHIP_FROM = { name: 'Main Warehouse', addressLine1: '1 Depot Rd', city: 'Reno', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US', phoneNumber: '+1 775 555 0100' };

/** Waits for an inbound operation to complete on the sandbox clock (moved 6 s at a time). */
async function settle(env: InboundEnv, client: SpApiClient, operation: Promise<string> | string) {
  const operationId = await operation;
  for (let i = 0; i < 5; i++) {
    await env.sandbox.advance(6);
    const status = await client.getInboundOperationStatus(operationId);
    if (status.operationStatus === 'SUCCESS') return;
    if (status.operationStatus === 'FAILED') throw new Error(`Inbound operation failed: ${JSON.stringify(status.operationProblems)}`);
  }
  throw new Error(`Inbound operation ${operationId} did not complete.`);
}

const money = (amount: number | undefined) => (amount === undefined ? null : parseDecimal(String(amount), 2));

/**
 * An inbound shipment as the wizard leaves it once confirmed: the plan made at the sandbox
 * through the connection's client (plan → packing → boxes → placement → transport), then our
 * rows — the shipment (step done, Working or Ready to Ship), its lines, the transfer from the
 * source to the FBA location (shipped when asked), one row per Amazon shipment, the receipts
 * (shipped per Amazon shipment and line, received 0), the boxes with Amazon's box ids, a log line.
 */
export async function makeConfirmedInbound(db: Db, env: InboundEnv, opts: ConfirmedInboundOpts = {}) {
  const connection = opts.connection ?? (await makeFbaConnection(db, { sellerId: `AINB${uniq()}` }));
  const { conn } = connection;
  const client = env.clientFor(conn);
  const source = opts.source ?? (await makeLocation(db, `Warehouse ${uniq()}`));
  const userId = opts.userId ?? null;
  const shipmentCount = opts.shipments ?? 1;
  const partnered = opts.partnered ?? true;
  const transport = opts.transport ?? true;
  const shipped = opts.shipped ?? conn.foCreateStatus === 'Shipped';

  const lines: { lineNo: number; productId: string; sku: string; quantity: number }[] = [];
  for (const [i, l] of (opts.lines ?? [{ quantity: 6 }]).entries()) {
    const product = l.productId ? { id: l.productId, sku: l.sku ?? '' } : await makeProduct(db, { sku: l.sku ?? `INB-${uniq()}`, name: `Inbound product ${uniq()}` });
    lines.push({ lineNo: i + 1, productId: product.id, sku: l.sku ?? product.sku, quantity: l.quantity });
  }
  // Amazon knows the SKUs (listed at the connection) and our Catalog maps them to the products.
  await env.sandbox.admin('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/inventory`, { items: lines.map((l) => ({ sellerSku: l.sku, productName: l.sku })) });
  for (const l of lines) await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: l.sku, productId: l.productId, mappedBy: 'sku' }).onConflictDoNothing();
  if (opts.stock ?? true)
    await createAdjustment(db, { reason: 'Inbound fixture stock', lines: lines.map((l) => ({ sku: l.sku, locationId: source.id, binId: null, quantity: l.quantity, unitCost: 10_000 })) }, userId);

  const transfer = await createTransfer(
    db,
    { from: { locationId: source.id, binId: null }, to: { locationId: conn.locationId, binId: null }, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) },
    userId,
  );
  const name = `${transfer.number} from ${source.name}`;

  // Boxes: one per line; a single line is halved when Amazon is to split it into two shipments.
  const boxes: { lines: [number, number][] }[] =
    shipmentCount === 2 && lines.length === 1
      ? [{ lines: [[1, Math.ceil(lines[0].quantity / 2)]] }, { lines: [[1, Math.floor(lines[0].quantity / 2)]] }]
      : lines.map((l) => ({ lines: [[l.lineNo, l.quantity]] }));
  const skuOf = (lineNo: number) => lines[lineNo - 1].sku;

  const created = await client.createInboundPlan({
    destinationMarketplaces: [US],
    name,
    sourceAddress: FIXTURE_SHIP_FROM,
    items: lines.map((l) => ({ msku: l.sku, quantity: l.quantity, labelOwner: 'SELLER', prepOwner: 'NONE' })),
  });
  await settle(env, client, created.operationId);
  const planId = created.inboundPlanId;
  await settle(env, client, client.generatePackingOptions(planId));
  const packing = (await client.listPackingOptions(planId)).packingOptions[0];
  await settle(env, client, client.confirmPackingOption(planId, packing.packingOptionId));
  await settle(
    env,
    client,
    client.setPackingInformation(planId, {
      packageGroupings: [
        {
          packingGroupId: packing.packingGroups[0],
          boxes: boxes.map((b) => ({
            contentInformationSource: 'BOX_CONTENT_PROVIDED' as const,
            dimensions: { length: 16, width: 12, height: 10, unitOfMeasurement: 'IN' as const },
            weight: { value: 14, unit: 'LB' as const },
            quantity: 1,
            items: b.lines.map(([lineNo, quantity]) => ({ msku: skuOf(lineNo), quantity, labelOwner: 'SELLER' as const, prepOwner: 'NONE' as const })),
          })),
        },
      ],
    }),
  );
  await settle(env, client, client.generatePlacementOptions(planId));
  const placement = (await client.listPlacementOptions(planId)).placementOptions.find((p) => p.shipmentIds.length === shipmentCount);
  if (!placement) throw new Error(`The sandbox offered no placement with ${shipmentCount} shipment(s).`);
  await settle(env, client, client.confirmPlacementOption(planId, placement.placementOptionId));
  const shipmentIds = placement.shipmentIds;

  const chosen = new Map<string, { id: string; charge: number | null; carrier: string | null; currency: string | null }>();
  if (transport) {
    // Ready to ship at the sandbox's "now" (its clock runs ahead of ours as tests advance it).
    const amazonNow = (await env.sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock')).nowMs;
    await settle(
      env,
      client,
      client.generateTransportationOptions(planId, {
        placementOptionId: placement.placementOptionId,
        shipmentTransportationConfigurations: shipmentIds.map((shipmentId) => ({ shipmentId, readyToShipWindow: { start: new Date(amazonNow).toISOString() }, contactInformation: { name: 'Dock', phoneNumber: '+1 775 555 0100' } })),
      }),
    );
    const options = (await client.listTransportationOptions(planId, { placementOptionId: placement.placementOptionId })).transportationOptions;
    for (const shipmentId of shipmentIds) {
      const option = options.find((o) => o.shipmentId === shipmentId && (o.shippingSolution === 'AMAZON_PARTNERED_CARRIER') === partnered);
      if (!option) throw new Error(`No ${partnered ? 'partnered' : 'own-carrier'} transportation option for ${shipmentId}.`);
      chosen.set(shipmentId, { id: option.transportationOptionId, charge: partnered ? money(option.quote?.cost.amount) : null, carrier: option.carrier.name ?? option.carrier.alphaCode ?? null, currency: option.quote?.cost.code ?? null });
    }
    await settle(env, client, client.confirmTransportationOptions(planId, { transportationSelections: shipmentIds.map((shipmentId) => ({ shipmentId, transportationOptionId: chosen.get(shipmentId)!.id })) }));
  }

  const atAmazon: { shipment: InboundShipment; items: { msku: string; fnsku: string; quantity: number }[]; boxIds: string[] }[] = [];
  for (const shipmentId of shipmentIds) {
    const shipment = await client.getShipment(planId, shipmentId);
    const items = (await client.listShipmentItems(planId, shipmentId)).items;
    const boxIds = (await client.listShipmentBoxes(planId, shipmentId)).boxes.map((b) => b.boxId ?? '');
    atAmazon.push({ shipment, items, boxIds });
  }
  const allBoxIds = atAmazon.flatMap((s, i) => s.boxIds.map((boxId) => ({ boxId, shipmentIndex: i })));
  if (allBoxIds.length !== boxes.length) throw new Error(`Amazon placed ${allBoxIds.length} boxes, we packed ${boxes.length}.`);
  const fnskuOf = new Map(atAmazon.flatMap((s) => s.items.map((i) => [i.msku, i.fnsku] as const)));

  const charges = [...chosen.values()].map((c) => c.charge).filter((c): c is number => c !== null);
  const at = opts.createdAt ?? new Date();
  const status = transport ? ('Ready to Ship' as const) : ('Working' as const);

  const result = await db.transaction(async (tx) => {
    const [inbound] = await tx
      .insert(inboundShipments)
      .values({
        connectionId: conn.id,
        transferId: transfer.id,
        name,
        status,
        step: 'done',
        shipFrom: FIXTURE_SHIP_FROM,
        inboundPlanId: planId,
        packingGroupId: packing.packingGroups[0],
        packingOptionId: packing.packingOptionId,
        placementOptionId: placement.placementOptionId,
        placementFee: placement.fees.reduce((s, f) => s + (money(f.value.amount) ?? 0), 0),
        estimatedCharges: charges.length > 0 ? charges.reduce((a, b) => a + b, 0) : null,
        currency: 'USD',
        createdBy: userId,
        createdAt: at,
        updatedAt: at,
        confirmedAt: at,
      })
      .returning();
    await tx.insert(inboundShipmentLines).values(lines.map((l) => ({ inboundId: inbound.id, lineNo: l.lineNo, productId: l.productId, sellerSku: l.sku, fnsku: fnskuOf.get(l.sku) ?? null, quantity: l.quantity })));
    const amazonRows = [];
    for (const s of atAmazon) {
      const c = chosen.get(s.shipment.shipmentId);
      const [row] = await tx
        .insert(inboundAmazonShipments)
        .values({
          inboundId: inbound.id,
          shipmentId: s.shipment.shipmentId,
          confirmationId: s.shipment.shipmentConfirmationId ?? null,
          name: s.shipment.name ?? null,
          warehouseId: s.shipment.destination.warehouseId ?? null,
          destination: { warehouseId: s.shipment.destination.warehouseId ?? null, city: s.shipment.destination.address?.city ?? null, countryCode: s.shipment.destination.address?.countryCode ?? null },
          amazonStatus: s.shipment.status ?? (transport ? 'READY_TO_SHIP' : 'WORKING'),
          transportationOptionId: c?.id ?? null,
          partnered: transport ? partnered : null,
          carrier: c?.carrier ?? null,
          charge: c?.charge ?? null,
          currency: c?.currency ?? null,
          statusUpdatedAt: at,
        })
        .returning();
      amazonRows.push(row);
      await tx.insert(inboundReceipts).values(
        lines
          .map((l) => ({ amazonShipmentId: row.id, lineNo: l.lineNo, shipped: s.items.filter((i) => i.msku === l.sku).reduce((q, i) => q + i.quantity, 0), received: 0 }))
          .filter((r) => r.shipped > 0),
      );
    }
    for (const [i, box] of boxes.entries()) {
      const [row] = await tx
        .insert(inboundBoxes)
        .values({ inboundId: inbound.id, boxNo: i + 1, length: '16.00', width: '12.00', height: '10.00', weight: '14.00', amazonBoxId: allBoxIds[i].boxId, amazonShipmentId: amazonRows[allBoxIds[i].shipmentIndex].id })
        .returning();
      await tx.insert(inboundBoxItems).values(box.lines.map(([lineNo, quantity]) => ({ boxId: row.id, lineNo, quantity })));
    }
    await tx.insert(inboundLog).values({ inboundId: inbound.id, message: `Confirmed at Amazon (${amazonRows.map((r) => r.confirmationId).join(', ')}).`, userId, createdAt: at });
    return { inbound, amazonShipments: amazonRows };
  });

  const finalTransfer = shipped ? await shipTransfer(db, transfer.id, userId) : transfer;
  const [inbound] = await db.select().from(inboundShipments).where(eq(inboundShipments.id, result.inbound.id));
  return { inbound, amazonShipments: result.amazonShipments, transfer: finalTransfer, connection, source, lines, planId, client };
}
