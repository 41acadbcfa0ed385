import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../db/client';
import { inboundAmazonShipments, inboundBoxes, inboundBoxItems, inboundShipmentLines, inboundShipments, stockTransfers } from '../db/schema';
import type { SpApiClient } from '../lib/fba/sp-api';
import { makeLocation, makeProduct } from './fixtures';

const run = promisify(execFile);
const DPI = 200;

/** A label's place on a page, in PDF points (lib/labels/sheets.ts Cell). */
export type LabelCell = { x: number; y: number; w: number; h: number };

/** Where a test's rendered pages are copied when LABEL_PNG_DIR is set (to look at them). */
const KEEP = process.env.LABEL_PNG_DIR;

function parsePgm(bytes: Buffer) {
  // Binary PGM (P5): "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = bytes.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

function cropPgm(page: ReturnType<typeof parsePgm>, cell: LabelCell): Buffer {
  const s = DPI / 72;
  const x0 = Math.max(0, Math.floor(cell.x * s));
  const y0 = Math.max(0, Math.floor(cell.y * s));
  const w = Math.min(page.width - x0, Math.ceil(cell.w * s));
  const h = Math.min(page.height - y0, Math.ceil(cell.h * s));
  const out = Buffer.alloc(w * h);
  for (let y = 0; y < h; y += 1) page.pixels.copy(out, y * w, (y0 + y) * page.width + x0, (y0 + y) * page.width + x0 + w);
  return Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1'), out]);
}

/**
 * Reads a label PDF as a scanner would: renders each page at 200 dpi (pdftoppm), cuts it into its
 * labels (the sheet's cells) and decodes each label's barcodes (zbarimg). zbar reports one symbol
 * per distinct value in an image, so a sheet of identical FNSKUs is only countable label by label.
 * Returns, per label in page order, the values decoded there.
 */
export async function decodeLabels(pdf: Buffer, cells: LabelCell[], name = 'labels'): Promise<{ perLabel: string[][]; pages: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'labels-'));
  try {
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, pdf);
    await run('pdftoppm', ['-r', String(DPI), '-gray', file, path.join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
    const crops: string[] = [];
    for (const [p, pgm] of pages.entries()) {
      const page = parsePgm(await readFile(path.join(dir, pgm)));
      for (const [c, cell] of cells.entries()) {
        const crop = path.join(dir, `label-${String(p + 1).padStart(4, '0')}-${String(c + 1).padStart(3, '0')}.pgm`);
        await writeFile(crop, cropPgm(page, cell));
        crops.push(crop);
      }
    }
    const perLabel = new Map<string, string[]>(crops.map((c) => [c, []]));
    // zbarimg exits 4 when some image has no barcode (an empty cell of the last sheet).
    for (let i = 0; i < crops.length; i += 200) {
      const batch = crops.slice(i, i + 200);
      const { stdout } = await run('zbarimg', ['--xml', '-q', '-Supca.enable', ...batch], { maxBuffer: 64 << 20 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
      for (const source of stdout.split('<source href=').slice(1)) {
        const href = source.match(/^'([^']*)'/)?.[1] ?? '';
        const values = [...source.matchAll(/<data(?: format='[^']*')?><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)].map((m) => m[1]);
        perLabel.get(href)?.push(...values);
      }
    }
    if (KEEP) {
      await mkdir(KEEP, { recursive: true });
      await run('pdftoppm', ['-r', String(DPI), '-png', file, path.join(KEEP, name)]);
      await cp(file, path.join(KEEP, `${name}.pdf`));
    }
    return { perLabel: [...perLabel.values()], pages: pages.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The decoded values of the first `count` labels (one each), checking that no other cell holds a
 * barcode: what a label test compares with the values it printed, in order.
 */
export async function decodeLabelValues(pdf: Buffer, cells: LabelCell[], name?: string) {
  const { perLabel, pages } = await decodeLabels(pdf, cells, name);
  const filled = perLabel.filter((v) => v.length > 0);
  return { values: perLabel.map((v) => v.join('+')).filter(Boolean), decoded: filled.reduce((n, v) => n + v.length, 0), pages };
}

// ---- Inbound rows and a shipment confirmed at the sandbox, for the label documents' tests ----


let seq = 0;

export const SHIP_FROM = { name: 'Demo Warehouse', addressLine1: '1 Depot Rd', city: 'Reno', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US', phoneNumber: '+1 775 555 0100' };
export const SHIP_TO = { name: 'Amazon.com Services LLC', addressLine1: '2496 W Walnut Ave', city: 'Rialto', stateOrProvinceCode: 'CA', postalCode: '92376', countryCode: 'US' };

/**
 * A confirmed inbound shipment written directly: one transfer, `skus` lines, one Amazon shipment
 * with `boxes` boxes (box ids `<confirmationId>U00000n`), each holding one unit of every line.
 */
export async function makeConfirmedInbound(db: Db, o: { connectionId: string; toLocationId: string; confirmationId: string; boxes: number; skus?: number; partnered?: boolean; shipmentId?: string }) {
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
