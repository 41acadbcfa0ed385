import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { inboundAmazonShipments, inboundBoxes, inboundLog, inboundReceipts, inboundShipmentLines, inboundShipments, labelDocuments, outbox, products, stockTransfers } from '@/db/schema';
import { isDomainError } from '@/lib/errors';
import { createTestDb } from '@/test/db';
import { drainOutboxUntilIdle } from '@/lib/fulfilment/outbox-drain';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeConfirmedInbound } from '@/test/inbound-fixtures';
import { makeInboundSetup, settleInbound } from '@/test/inbound-wizard-fixtures';
import { createAdjustment } from '@/lib/stock/adjustments';
import { queueShipmentProductLabels } from './labels';
import { onHand } from '@/test/stock';
import type { PlacementChoice, TransportChoice } from './inbound-options';
import { downloadInboundStatuses } from './status-download';
import { calculateTransport, chooseDelivery, choosePacking, choosePlacement, chooseTransport, confirmInbound, retryInbound, saveBoxes, saveTracking, shipInbound, startInbound } from './wizard';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
const clock = { offsetMs: 0 };

beforeAll(async () => {
  env = await startFulfilmentSandbox({ rateScale: 1000 });
  db = (await createTestDb()).db;
});
afterAll(() => env?.sandbox.close());

const inbound = async (id: string) => (await db.select().from(inboundShipments).where(eq(inboundShipments.id, id)))[0];
const shipments = (id: string) => db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, id)).orderBy(asc(inboundAmazonShipments.name));
const settle = (id: string) => settleInbound(db, id, env, clock);
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return { message: e.message, fields: e.fieldErrors ?? {} };
    throw e;
  }
  throw new Error('expected a refusal');
};
const box = (index: number, items: { lineNo: number; quantity: number }[]) => ({ index, length: '16.00', width: '12.00', height: '10.00', weight: '14.50', dimensionUnit: 'IN' as const, weightUnit: 'LB' as const, items });
const line = (index: number, sku: string, quantity: number) => ({ index, sku, quantity, labelOwner: 'SELLER' as const, prepOwner: 'NONE' as const });

describe('the inbound shipment wizard against Amazon (the sandbox)', () => {
  it('refuses goods that cannot go: unmapped or unknown SKUs, short stock, an incomplete Setup, an external source', async () => {
    const { conn, fba, source, products } = await makeInboundSetup(db, { stock: 5 });
    const from = { locationId: source.id, binId: null };
    const r = await refusal(startInbound(db, { connectionId: conn.id, from, lines: [line(0, products[0].sku, 6), line(1, 'NO-SUCH-SKU', 1), line(2, products[1].sku, 1), line(3, products[1].sku, 1)] }, null));
    expect(r.fields).toMatchObject({ 'sku.1': ['No product has SKU NO-SUCH-SKU.'], 'sku.3': [expect.stringContaining('already on line 3')] });
    const short = await refusal(startInbound(db, { connectionId: conn.id, from, lines: [line(0, products[0].sku, 6)] }, null));
    expect(short.fields['quantity.0']?.[0]).toMatch(/Only 5 of SKU .* available at Main/);
    const other = await makeInboundSetup(db, { connection: { contactPhone: null, shipFromCity: null } });
    const setup = await refusal(startInbound(db, { connectionId: other.conn.id, from: { locationId: other.source.id, binId: null }, lines: [line(0, other.products[0].sku, 1)] }, null));
    expect(setup.message).toMatch(/Missing: Contact phone, Ship-from city/);
    const external = await refusal(startInbound(db, { connectionId: conn.id, from: { locationId: fba.id, binId: null }, lines: [line(0, products[0].sku, 1)] }, null));
    expect(external.fields.from).toEqual(['Choose one of your own locations, not an external one.']);
    expect(await db.select().from(inboundShipments).where(eq(inboundShipments.connectionId, conn.id))).toEqual([]);
  });

  it('walks plan → packing → boxes → placement → transport → delivery → confirm, and ships the transfer', async () => {
    const { conn, fba, source, products } = await makeInboundSetup(db, { stock: 40 });
    const started = await startInbound(db, { connectionId: conn.id, from: { locationId: source.id, binId: null }, lines: [line(0, products[0].sku, 12), line(1, products[1].sku, 6)] }, null);
    expect(started).toMatchObject({ status: 'Draft', step: 'items' });
    const [transfer] = await db.select().from(stockTransfers).where(eq(stockTransfers.id, started.transferId));
    expect(transfer).toMatchObject({ status: 'Draft', fromLocationId: source.id, toLocationId: fba.id });
    expect(started.name).toBe(`${transfer.number} from ${source.name}`.slice(0, 40));

    await settle(started.id);
    let row = await inbound(started.id);
    expect(row.step).toBe('packing');
    expect(row.inboundPlanId).toMatch(/^wf/);
    expect(row.packingOptions.length).toBeGreaterThan(0);

    await choosePacking(db, { id: row.id, packingOptionId: String(row.packingOptions[0].id) }, null);
    await settle(row.id);
    row = await inbound(row.id);
    expect(row).toMatchObject({ step: 'boxes', packingOptionId: row.packingOptions[0].id });

    // Every unit in exactly one box, checked before anything is sent.
    const wrong = await refusal(saveBoxes(db, { id: row.id, boxes: [box(0, [{ lineNo: 1, quantity: 13 }]), box(1, [{ lineNo: 2, quantity: 5 }])] }, null));
    expect(wrong.fields['line.1']?.[0]).toMatch(/13 of 12 units are in boxes \(1 too many\)/);
    expect(wrong.fields['line.2']?.[0]).toMatch(/5 of 6 units/);
    await saveBoxes(db, { id: row.id, boxes: [box(0, [{ lineNo: 1, quantity: 12 }]), box(1, [{ lineNo: 2, quantity: 6 }])] }, null);
    await expect(saveBoxes(db, { id: row.id, boxes: [box(0, [{ lineNo: 1, quantity: 12 }, { lineNo: 2, quantity: 6 }])] }, null)).rejects.toThrow(/still working on the previous step/);
    await settle(row.id);
    row = await inbound(row.id);
    expect(row.step).toBe('placement');
    const options = row.placementOptions as PlacementChoice[];
    expect(options.map((o) => o.shipmentIds.length).sort()).toEqual([1, 2]);
    // Amazon's fee ($0.30 a unit to one warehouse) in exact cents.
    expect(options.find((o) => o.shipmentIds.length === 1)?.fee).toEqual({ minor: 540, currency: 'USD' });

    const split = options.find((o) => o.shipmentIds.length === 2)!;
    await choosePlacement(db, { id: row.id, placementOptionId: split.id }, null);
    await settle(row.id);
    row = await inbound(row.id);
    expect(row).toMatchObject({ step: 'transport', placementOptionId: split.id, placementFee: 0 });
    const placed = await shipments(row.id);
    expect(placed).toHaveLength(2);
    for (const s of placed) expect(s.confirmationId).toMatch(/^FBA/);
    const boxes = await db.select().from(inboundBoxes).where(eq(inboundBoxes.inboundId, row.id)).orderBy(asc(inboundBoxes.boxNo));
    expect(boxes.map((b) => b.amazonBoxId)).toEqual([expect.stringMatching(/^FBA\w+U000001$/), expect.stringMatching(/^FBA\w+U000001$/)]);
    const receipts = await db.select().from(inboundReceipts);
    const mine = receipts.filter((r) => placed.some((s) => s.id === r.amazonShipmentId));
    expect(mine.map((r) => [r.lineNo, r.shipped, r.received]).sort()).toEqual([
      [1, 12, 0],
      [2, 6, 0],
    ]);

    await calculateTransport(db, { id: row.id, readyToShipOn: '2026-12-02' }, null);
    await settle(row.id);
    const quoted = await shipments(row.id);
    for (const s of quoted) {
      const t = s.transportationOptions as TransportChoice[];
      expect(t.find((o) => o.partnered)?.quote?.minor).toBeGreaterThan(0);
      expect(t.find((o) => !o.partnered)?.quote).toBeNull();
    }
    const [a, b] = quoted;
    const partneredA = (a.transportationOptions as TransportChoice[]).find((o) => o.partnered)!;
    const ownB = (b.transportationOptions as TransportChoice[]).find((o) => !o.partnered)!;
    await chooseTransport(db, { id: row.id, selections: [{ shipmentId: a.id, transportationOptionId: partneredA.id }, { shipmentId: b.id, transportationOptionId: ownB.id }] }, null);
    await settle(row.id);
    row = await inbound(row.id);
    expect(row.step).toBe('delivery');
    const [a2, b2] = await shipments(row.id);
    expect(a2.deliveryWindowOptions).toEqual([]);
    expect(b2.deliveryWindowOptions.length).toBe(3);
    const noWindow = await refusal(chooseDelivery(db, { id: row.id, selections: [] }, null));
    expect(noWindow.fields[`window.${b2.id}`]).toEqual(['Choose a delivery window for this shipment.']);
    await chooseDelivery(db, { id: row.id, selections: [{ shipmentId: b2.id, deliveryWindowOptionId: String(b2.deliveryWindowOptions[0].id) }] }, null);
    expect((await inbound(row.id)).step).toBe('review');

    const before = await onHand(db, products[0].id, source.id);
    await confirmInbound(db, { id: row.id }, null);
    await settle(row.id);
    row = await inbound(row.id);
    expect(row).toMatchObject({ step: 'done', status: 'Ready to Ship', estimatedCharges: partneredA.quote!.minor, currency: 'USD' });
    expect(row.confirmedAt).not.toBeNull();
    for (const s of await shipments(row.id)) expect(s.amazonStatus).toBe('READY_TO_SHIP');
    // Setup creates orders as Shipped: the goods left the source; they reach the FBA location as Amazon receives them.
    expect((await db.select().from(stockTransfers).where(eq(stockTransfers.id, row.transferId)))[0].status).toBe('In Transit');
    expect(await onHand(db, products[0].id, source.id)).toBe(before - 12);
    expect(await onHand(db, products[0].id, fba.id)).toBe(0);
    const log = (await db.select().from(inboundLog).where(eq(inboundLog.inboundId, row.id)).orderBy(asc(inboundLog.id))).map((l) => l.message);
    expect(log.at(-2)).toMatch(/^Transfer TR-\S+ shipped/);
    expect(log).toContainEqual(expect.stringMatching(/^Amazon confirmed the shipments FBA\w+, FBA\w+: Ready to Ship\.$/));
    // Box labels (ours) and shipping labels (Amazon's) for each of the two shipments, queued for the worker.
    const docs = await db.select().from(labelDocuments).where(eq(labelDocuments.inboundId, row.id));
    expect(docs.map((d) => `${d.kind} ${d.format} ${d.status}`).sort()).toEqual(['box PackageLabel_Letter_2 queued', 'box PackageLabel_Letter_2 queued', 'shipping PackageLabel_Letter_2 queued', 'shipping PackageLabel_Letter_2 queued']);
  });

  it("shows Amazon's reason when an operation fails, and Retry asks again", async () => {
    const { conn, source, products } = await makeInboundSetup(db, { skus: ['NOT-AT-AMAZON-1'], connection: { foCreateStatus: 'On Hold' } });
    const started = await startInbound(db, { connectionId: conn.id, from: { locationId: source.id, binId: null }, lines: [line(0, products[0].sku, 2)] }, null);
    await settle(started.id);
    const [failed] = await db.select().from(outbox).where(eq(outbox.subjectId, started.id));
    expect(failed).toMatchObject({ status: 'failed', kind: 'inbound.plan' });
    expect(failed.lastError).toMatch(/The MSKU NOT-AT-AMAZON-1 is not in the marketplace catalog\. \[FBA_INB_0004\]/);
    expect((await inbound(started.id)).step).toBe('items');
    await retryInbound(db, { id: started.id }, null);
    const rows = await db.select().from(outbox).where(eq(outbox.subjectId, started.id)).orderBy(asc(outbox.id));
    expect(rows.map((r) => r.status)).toEqual(['failed', 'pending']);
    await expect(retryInbound(db, { id: started.id }, null)).rejects.toThrow(/still working/);
  });

  it('On Hold: the transfer waits for Ship; another carrier\'s tracking numbers go to Amazon', async () => {
    const { conn, source, products } = await makeInboundSetup(db, { skus: ['DEMO-013'], stock: 10, connection: { foCreateStatus: 'On Hold' } });
    const started = await startInbound(db, { connectionId: conn.id, from: { locationId: source.id, binId: null }, lines: [line(0, products[0].sku, 4)] }, null);
    await settle(started.id);
    await choosePacking(db, { id: started.id, packingOptionId: String((await inbound(started.id)).packingOptions[0].id) }, null);
    await settle(started.id);
    await saveBoxes(db, { id: started.id, boxes: [box(0, [{ lineNo: 1, quantity: 3 }]), box(1, [{ lineNo: 1, quantity: 1 }])] }, null);
    await settle(started.id);
    const one = ((await inbound(started.id)).placementOptions as PlacementChoice[]).find((o) => o.shipmentIds.length === 1)!;
    await choosePlacement(db, { id: started.id, placementOptionId: one.id }, null);
    await settle(started.id);
    await calculateTransport(db, { id: started.id, readyToShipOn: '2026-12-03' }, null);
    await settle(started.id);
    const [s] = await shipments(started.id);
    const own = (s.transportationOptions as TransportChoice[]).find((o) => !o.partnered)!;
    await chooseTransport(db, { id: started.id, selections: [{ shipmentId: s.id, transportationOptionId: own.id }] }, null);
    await settle(started.id);
    const [withWindows] = await shipments(started.id);
    await chooseDelivery(db, { id: started.id, selections: [{ shipmentId: s.id, deliveryWindowOptionId: String(withWindows.deliveryWindowOptions[1].id) }] }, null);
    await confirmInbound(db, { id: started.id }, null);
    await settle(started.id);
    const row = await inbound(started.id);
    // Another carrier only: no estimated charges; the transfer waits (Setup: On Hold).
    expect(row).toMatchObject({ status: 'Ready to Ship', estimatedCharges: null });
    const transfer = async () => (await db.select().from(stockTransfers).where(eq(stockTransfers.id, row.transferId)))[0].status;
    expect(await transfer()).toBe('Draft');
    expect(await onHand(db, products[0].id, source.id)).toBe(10);

    const boxes = await db.select().from(inboundBoxes).where(eq(inboundBoxes.inboundId, row.id)).orderBy(asc(inboundBoxes.boxNo));
    const missing = await refusal(saveTracking(db, { id: row.id, shipmentId: s.id, tracking: [{ boxId: boxes[0].id, trackingId: '1Z999' }] }, null));
    expect(missing.fields[`tracking.${boxes[1].id}`]).toEqual(['Enter the tracking number of this box.']);
    await saveTracking(db, { id: row.id, shipmentId: s.id, tracking: boxes.map((b, i) => ({ boxId: b.id, trackingId: `1Z999AA1012345678${i}` })) }, null);
    await settle(row.id);
    const atAmazon = await env.clientFor(conn).getShipment(row.inboundPlanId!, s.shipmentId);
    expect(atAmazon.trackingDetails?.spdTrackingDetail?.spdTrackingItems?.map((t) => t.trackingId)).toEqual(['1Z999AA10123456780', '1Z999AA10123456781']);
    // Tracking numbers mean the boxes left: the transfer shipped, and Ship is no longer possible.
    expect(await transfer()).toBe('In Transit');
    expect(await onHand(db, products[0].id, source.id)).toBe(6);
    await expect(shipInbound(db, { id: row.id }, null)).rejects.toThrow(/has already shipped/);
  });

  it('Amazon already further when it answers Confirm (the boxes picked up, even closed): Ready to Ship here, and the status download takes it on, receipts included', async () => {
    const { conn, fba, source, products } = await makeInboundSetup(db, { skus: ['DEMO-014'], stock: 10 });
    const id = (await startInbound(db, { connectionId: conn.id, from: { locationId: source.id, binId: null }, lines: [line(0, products[0].sku, 5)] }, null)).id;
    await settle(id);
    await choosePacking(db, { id, packingOptionId: String((await inbound(id)).packingOptions[0].id) }, null);
    await settle(id);
    await saveBoxes(db, { id, boxes: [box(0, [{ lineNo: 1, quantity: 5 }])] }, null);
    await settle(id);
    await choosePlacement(db, { id, placementOptionId: ((await inbound(id)).placementOptions as PlacementChoice[])[0].id }, null);
    await settle(id);
    await calculateTransport(db, { id, readyToShipOn: '2026-12-04' }, null);
    await settle(id);
    const [s] = await shipments(id);
    await chooseTransport(db, { id, selections: [{ shipmentId: s.id, transportationOptionId: (s.transportationOptions as TransportChoice[]).find((o) => o.partnered)!.id }] }, null);
    expect((await inbound(id)).step).toBe('review');
    await confirmInbound(db, { id }, null);
    // The call is made; Amazon's clock runs on a fortnight before its answer is read.
    await drainOutboxUntilIdle(db, { workerId: 'inbound-test', clientFor: env.clientFor, now: () => new Date(Date.now() + clock.offsetMs) });
    await env.sandbox.advance(14 * 24 * 3600);
    await settle(id);
    expect(await inbound(id)).toMatchObject({ status: 'Ready to Ship', step: 'done' });
    expect((await shipments(id))[0].amazonStatus).toBe('READY_TO_SHIP');

    await downloadInboundStatuses(db, conn.id, { clientFor: env.clientFor });
    expect((await inbound(id)).status).toBe('Closed');
    const [r] = await db.select().from(inboundReceipts).where(eq(inboundReceipts.amazonShipmentId, s.id));
    expect(r.received).toBeGreaterThan(0);
    expect(await onHand(db, products[0].id, fba.id)).toBe(r.received);
  });

  it("Amazon reports the goods shipped but the stock has left the source: the refusal is logged, Amazon's status still recorded, and Ship works once the stock is back", async () => {
    const f = await makeConfirmedInbound(db, env, { lines: [{ quantity: 4 }], shipped: false });
    const line = f.lines[0];
    await createAdjustment(db, { reason: 'Sold elsewhere', lines: [{ sku: line.sku, locationId: f.source.id, binId: null, quantity: -4, unitCost: null }] }, null);
    await env.sandbox.advance(2 * 24 * 3600);
    await downloadInboundStatuses(db, f.connection.conn.id, { clientFor: env.clientFor });
    const row = await inbound(f.inbound.id);
    expect(row.status).not.toBe('Ready to Ship');
    expect((await db.select().from(stockTransfers).where(eq(stockTransfers.id, f.transfer.id)))[0].status).toBe('Draft');
    const log = (await db.select().from(inboundLog).where(eq(inboundLog.inboundId, row.id)).orderBy(asc(inboundLog.id))).map((l) => l.message);
    expect(log).toContainEqual(expect.stringMatching(/^Transfer TR-\S+ could not ship: .*Ship it from this page when the stock is there\.$/));
    // A person pressing Ship is told why; with the stock back, Ship works.
    await expect(shipInbound(db, { id: row.id }, null)).rejects.toThrow(/Not enough stock|None of SKU|available/);
    await createAdjustment(db, { reason: 'Found', lines: [{ sku: line.sku, locationId: f.source.id, binId: null, quantity: 4, unitCost: 10_000 }] }, null);
    await shipInbound(db, { id: row.id }, null);
    expect((await db.select().from(stockTransfers).where(eq(stockTransfers.id, f.transfer.id)))[0].status).toBe('In Transit');
  });

  it('Print product labels of a confirmed shipment: one document of the units you label', async () => {
    const f = await makeConfirmedInbound(db, env, { lines: [{ quantity: 3 }, { quantity: 2 }] });
    await db.update(inboundShipmentLines).set({ labelOwner: 'AMAZON' }).where(and(eq(inboundShipmentLines.inboundId, f.inbound.id), eq(inboundShipmentLines.lineNo, 2)));
    await db.update(products).set({ fnsku: 'X00PRINT01' }).where(eq(products.id, f.lines[0].productId));
    const doc = await queueShipmentProductLabels(db, { id: f.inbound.id, format: 'a4-24' }, null);
    expect(doc).toMatchObject({ kind: 'fnsku', format: 'a4-24', total: 3, status: 'queued' });
    const [row] = await db.select().from(labelDocuments).where(eq(labelDocuments.id, doc.id));
    expect(row.inboundId).toBe(f.inbound.id);
  });
});
