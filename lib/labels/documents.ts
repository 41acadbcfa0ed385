import { and, asc, desc, eq, inArray, isNotNull, lt, or } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, inboundAmazonShipments, inboundBoxes, inboundBoxItems, inboundShipmentLines, inboundShipments, labelDocuments, LABEL_KINDS } from '@/db/schema';
import { amazonReason, spClientFor } from '@/lib/fba/connection-client';
import { LABEL_PAGE_TYPES } from '@/lib/fba/setup-inputs';
import { isSpApiError } from '@/lib/fba/sp-api';
import { PERMISSION, type Permission } from '@/lib/auth/permissions';
import { DomainError, isDomainError, reportUnexpected } from '@/lib/errors';
import type { ClientFor } from '@/lib/fulfilment/tracking';
import { renderBoxLabels, type BoxLabel } from './box-labels';
import { renderFnskuLabels } from './fnsku-labels';
import { resolveProductLabels } from './product-labels';
import { groupDigits } from '@/lib/validation/numbers';
import { MAX_PRODUCT_LABELS } from './label-inputs';
import { renderScanLabels } from './scan-labels';
import { FNSKU_FORMAT_LABELS, FNSKU_SHEETS, type FnskuFormat } from './sheets';
import { binsToLabel, resolveBinLabels, resolveStockProductLabels } from './stock-labels';

// Label PDFs are made by the worker, never while a request waits: a page queues a row (one short
// insert), the drain claims it by compare-and-set, generates the PDF outside any transaction (box
// and product labels here; shipping labels are Amazon's, fetched by getLabels), and stores it.

export type LabelKind = (typeof LABEL_KINDS)[number];
export type LabelDocumentRow = typeof labelDocuments.$inferSelect;

/** What a page lists and polls: everything but the PDF itself. */
export type LabelDocumentJson = {
  id: string;
  kind: LabelKind;
  format: string;
  /** The format in words (Amazon's page type, or the product label sheet). */
  formatLabel: string;
  status: LabelDocumentRow['status'];
  done: number;
  total: number | null;
  fileName: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

const jsonColumns = {
  id: labelDocuments.id,
  kind: labelDocuments.kind,
  format: labelDocuments.format,
  status: labelDocuments.status,
  done: labelDocuments.done,
  total: labelDocuments.total,
  fileName: labelDocuments.fileName,
  error: labelDocuments.error,
  createdAt: labelDocuments.createdAt,
  finishedAt: labelDocuments.finishedAt,
};

const PAGE_TYPE_LABELS: Record<string, string> = Object.fromEntries(LABEL_PAGE_TYPES.map((p) => [p.value, p.label]));

/** Kinds printed on the product-label stock (FNSKU_FORMATS); the others use Amazon's page types. */
const ON_LABEL_STOCK: readonly LabelKind[] = ['fnsku', 'bin', 'product'];

export function formatLabelOf(kind: LabelKind, format: string): string {
  return (ON_LABEL_STOCK.includes(kind) ? FNSKU_FORMAT_LABELS[format as FnskuFormat] : PAGE_TYPE_LABELS[format]) ?? format;
}

/**
 * Who may see and download a document of this kind: the FBA permission for an FBA connection's
 * labels, Reference Books for bin labels, Products for warehouse product labels.
 */
export function labelPermission(kind: LabelKind): Permission {
  return kind === 'bin' ? PERMISSION.referenceBooks : kind === 'product' ? PERMISSION.products : PERMISSION.fba;
}
/** Every permission some label document needs (the routes let these in, then check the document's own). */
export const LABEL_PERMISSIONS = [PERMISSION.fba, PERMISSION.referenceBooks, PERMISSION.products] as const;

const toJson = (r: { createdAt: Date; finishedAt: Date | null } & Omit<LabelDocumentJson, 'createdAt' | 'finishedAt' | 'formatLabel'>): LabelDocumentJson => ({
  ...r,
  formatLabel: formatLabelOf(r.kind, r.format),
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** A claim older than this belongs to a worker that died or hung: another drain takes the row again. */
export const LABEL_LEASE_MS = 10 * 60_000;
/** Progress is written every this many labels. */
export const PROGRESS_EVERY = 100;

/**
 * Queues a label document for the worker (one insert, in the caller's transaction). The inbound
 * wizard calls it at confirmation; the Catalog's Print product labels too.
 */
export async function queueLabelDocument(
  tx: Db | Tx,
  doc: { kind: LabelKind; connectionId?: string | null; locationId?: string | null; inboundId?: string | null; amazonShipmentId?: string | null; format: string; request?: Record<string, unknown>; requestedBy: string | null },
): Promise<LabelDocumentJson> {
  const total =
    doc.kind === 'fnsku' || doc.kind === 'product'
      ? requestedLabels(doc.request).reduce((n, i) => n + i.quantity, 0)
      : doc.kind === 'bin'
        ? requestedBins(doc.request).binIds.length * requestedBins(doc.request).copies
        : null;
  const [row] = await tx
    .insert(labelDocuments)
    .values({ kind: doc.kind, connectionId: doc.connectionId ?? null, locationId: doc.locationId ?? null, inboundId: doc.inboundId ?? null, amazonShipmentId: doc.amazonShipmentId ?? null, format: doc.format, request: doc.request ?? {}, requestedBy: doc.requestedBy, total })
    .returning(jsonColumns);
  return toJson(row);
}

/** The product-label request as stored: `{ items: [{ productId, quantity }] }`. */
function requestedLabels(request: Record<string, unknown> | undefined): { productId: string; quantity: number }[] {
  const items = request?.items;
  if (!Array.isArray(items)) return [];
  return items.filter((i): i is { productId: string; quantity: number } => typeof i?.productId === 'string' && Number.isInteger(i?.quantity) && i.quantity > 0);
}

/** The bin-label request as stored: `{ binIds, copies }`. */
function requestedBins(request: Record<string, unknown> | undefined): { binIds: string[]; copies: number } {
  const binIds = Array.isArray(request?.binIds) ? request.binIds.filter((b): b is string => typeof b === 'string') : [];
  const copies = Number.isInteger(request?.copies) && (request?.copies as number) > 0 ? (request?.copies as number) : 1;
  return { binIds, copies };
}

/**
 * Bin labels of a location (Settings → Reference Books → Locations and Bins): all its bins, or the
 * chosen ones, each `copies` times. The bins are read now (a location without bins, or a chosen
 * bin of another location, is refused here) and their ids stored, so the PDF is of what was chosen.
 */
export async function queueBinLabels(db: Db | Tx, input: { locationId: string; binIds?: string[]; format: FnskuFormat; copies?: number }, userId: string | null): Promise<LabelDocumentJson> {
  const { bins } = await binsToLabel(db, input.locationId, input.binIds ?? []);
  return queueLabelDocument(db, { kind: 'bin', locationId: input.locationId, format: input.format, request: { binIds: bins.map((b) => b.id), copies: input.copies ?? 1 }, requestedBy: userId });
}

/**
 * Warehouse product labels (Inventory → Products): the chosen products and counts, each label the
 * product's manufacturer barcode or its SKU. A product whose barcode cannot be printed is refused
 * now, by name.
 */
export async function queueStockProductLabels(db: Db | Tx, input: { format: FnskuFormat; items: { productId: string; quantity: number }[] }, userId: string | null): Promise<LabelDocumentJson> {
  const total = input.items.reduce((n, i) => n + i.quantity, 0);
  if (input.items.length === 0) throw new DomainError('INVALID_INPUT', 'Choose at least one product to print.');
  if (total > MAX_PRODUCT_LABELS) throw new DomainError('INVALID_INPUT', `At most ${groupDigits(MAX_PRODUCT_LABELS)} labels in one document (${groupDigits(total)} asked for).`);
  await resolveStockProductLabels(db, input.items.map((i) => ({ ...i, quantity: 0 })));
  return queueLabelDocument(db, { kind: 'product', format: input.format, request: { items: input.items }, requestedBy: userId });
}

/**
 * For a confirmed inbound shipment: per Amazon shipment, its box labels (in the connection's label
 * page type) and Amazon's shipping labels when the shipment has a confirmation id (partnered
 * carriers' labels; Amazon's own box labels otherwise).
 */
export async function queueInboundLabels(tx: Db | Tx, inboundId: string, userId: string | null): Promise<LabelDocumentJson[]> {
  const [inbound] = await tx
    .select({ connectionId: inboundShipments.connectionId, pageType: fbaConnections.labelPageType })
    .from(inboundShipments)
    .innerJoin(fbaConnections, eq(fbaConnections.id, inboundShipments.connectionId))
    .where(eq(inboundShipments.id, inboundId));
  if (!inbound) throw new DomainError('NOT_FOUND', 'The inbound shipment was not found.');
  const shipments = await tx
    .select({ id: inboundAmazonShipments.id, confirmationId: inboundAmazonShipments.confirmationId, partnered: inboundAmazonShipments.partnered })
    .from(inboundAmazonShipments)
    .where(eq(inboundAmazonShipments.inboundId, inboundId))
    .orderBy(asc(inboundAmazonShipments.shipmentId));
  const out: LabelDocumentJson[] = [];
  for (const s of shipments) {
    const base = { connectionId: inbound.connectionId, inboundId, amazonShipmentId: s.id, format: inbound.pageType, requestedBy: userId };
    out.push(await queueLabelDocument(tx, { ...base, kind: 'box' }));
    if (s.partnered || s.confirmationId) out.push(await queueLabelDocument(tx, { ...base, kind: 'shipping' }));
  }
  return out;
}

/** Product labels (the Catalog's chosen products and counts, or an inbound shipment's units): one document. */
export async function queueProductLabels(
  db: Db | Tx,
  input: { connectionId: string; inboundId?: string | null; format: FnskuFormat; items: { productId: string; quantity: number }[] },
  userId: string | null,
) {
  // Refuse now what the worker would refuse (a product without an FNSKU), with the product's name.
  await resolveProductLabels(db, input.connectionId, input.items.map((i) => ({ ...i, quantity: 0 })));
  return queueLabelDocument(db, { kind: 'fnsku', connectionId: input.connectionId, inboundId: input.inboundId ?? null, format: input.format, request: { items: input.items }, requestedBy: userId });
}

/**
 * A shipment's, a connection's, a location's or one kind's label documents, newest first (the
 * indexes on (inbound_id | connection_id | location_id | kind, created_at)).
 */
export async function listLabelDocuments(
  db: Db | Tx,
  where: { inboundId: string } | { connectionId: string; kind?: LabelKind } | { locationId: string } | { kind: 'bin' | 'product' },
  limit = 20,
): Promise<LabelDocumentJson[]> {
  const filter =
    'inboundId' in where
      ? eq(labelDocuments.inboundId, where.inboundId)
      : 'connectionId' in where
        ? and(eq(labelDocuments.connectionId, where.connectionId), where.kind ? eq(labelDocuments.kind, where.kind) : undefined)
        : 'locationId' in where
          ? eq(labelDocuments.locationId, where.locationId)
          : eq(labelDocuments.kind, where.kind);
  const rows = await db.select(jsonColumns).from(labelDocuments).where(filter).orderBy(desc(labelDocuments.createdAt), desc(labelDocuments.id)).limit(limit);
  return rows.map(toJson);
}

/** One document's progress (the status route). */
export async function getLabelDocument(db: Db | Tx, id: string): Promise<LabelDocumentJson | null> {
  const [row] = await db.select(jsonColumns).from(labelDocuments).where(eq(labelDocuments.id, id));
  return row ? toJson(row) : null;
}

/**
 * The download route's read: the document's kind (whose permission the route checks first) and,
 * once done, its file; null when there is no such document.
 */
export async function getLabelDownload(db: Db | Tx, id: string): Promise<{ kind: LabelKind; file: { fileName: string; pdf: Buffer } | null } | null> {
  const [row] = await db.select({ kind: labelDocuments.kind, status: labelDocuments.status, fileName: labelDocuments.fileName, pdf: labelDocuments.pdf }).from(labelDocuments).where(eq(labelDocuments.id, id));
  if (!row) return null;
  return { kind: row.kind, file: row.status === 'done' && row.pdf && row.fileName ? { fileName: row.fileName, pdf: row.pdf } : null };
}

/** A finished document's PDF (the download route); null unless done. */
export async function getLabelPdf(db: Db | Tx, id: string): Promise<{ kind: LabelKind; fileName: string; pdf: Buffer } | null> {
  const [row] = await db.select({ kind: labelDocuments.kind, fileName: labelDocuments.fileName, pdf: labelDocuments.pdf }).from(labelDocuments).where(and(eq(labelDocuments.id, id), eq(labelDocuments.status, 'done')));
  return row?.pdf && row.fileName ? { kind: row.kind, fileName: row.fileName, pdf: row.pdf } : null;
}

export type DrainLabelOptions = { clientFor?: ClientFor; now?: () => Date; limit?: number; leaseMs?: number; fetchPdf?: (url: string) => Promise<Buffer> };

/**
 * The worker's drain (every 2 s): claims queued documents (and ones whose claim expired) one at a
 * time by compare-and-set, so two drains never generate one document twice, then generates and
 * stores each. Returns the ids this drain finished (done or failed).
 */
export async function drainLabelDocuments(db: Db, options: DrainLabelOptions = {}): Promise<string[]> {
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? LABEL_LEASE_MS;
  const stale = () => new Date(now().getTime() - leaseMs);
  const due = or(eq(labelDocuments.status, 'queued'), and(eq(labelDocuments.status, 'running'), lt(labelDocuments.claimedAt, stale())));
  const candidates = await db
    .select({ id: labelDocuments.id })
    .from(labelDocuments)
    .where(and(inArray(labelDocuments.status, ['queued', 'running']), due))
    .orderBy(asc(labelDocuments.createdAt))
    .limit(options.limit ?? 10);
  const finished: string[] = [];
  for (const { id } of candidates) {
    const claimedAt = now();
    const [doc] = await db
      .update(labelDocuments)
      .set({ status: 'running', claimedAt, done: 0, error: null })
      .where(and(eq(labelDocuments.id, id), or(eq(labelDocuments.status, 'queued'), and(eq(labelDocuments.status, 'running'), lt(labelDocuments.claimedAt, stale())))))
      .returning();
    if (!doc) continue; // another drain claimed it first
    // Writes of this claim only: a drain that took the row after our lease expired owns it now.
    const ours = and(eq(labelDocuments.id, id), eq(labelDocuments.status, 'running'), eq(labelDocuments.claimedAt, claimedAt));
    const progress = async (done: number, total?: number) => {
      await db.update(labelDocuments).set(total === undefined ? { done } : { done, total }).where(ours);
    };
    try {
      const { pdf, fileName, total } = await generate(db, doc, progress, options);
      const [hit] = await db.update(labelDocuments).set({ status: 'done', pdf, fileName, done: total, total, finishedAt: now() }).where(ours).returning({ id: labelDocuments.id });
      if (hit) finished.push(id);
    } catch (e) {
      const error = isDomainError(e)
        ? e.message
        : isSpApiError(e)
          ? amazonReason(e)
          : `The labels could not be made (reference ${reportUnexpected(e, { where: `label document ${id}`, userId: doc.requestedBy })}; the server log has the details).`;
      const [hit] = await db.update(labelDocuments).set({ status: 'failed', error: error.slice(0, 2000), finishedAt: now() }).where(ours).returning({ id: labelDocuments.id });
      if (hit) finished.push(id);
    }
  }
  return finished;
}

type Progress = (done: number, total?: number) => Promise<void>;

async function generate(db: Db, doc: LabelDocumentRow, progress: Progress, options: DrainLabelOptions): Promise<{ pdf: Buffer; fileName: string; total: number }> {
  const stamp = doc.createdAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  if (doc.kind === 'bin' || doc.kind === 'product') {
    if (!(doc.format in FNSKU_SHEETS)) throw new DomainError('INVALID_INPUT', `Unknown label format ${doc.format}.`);
    const bin = doc.kind === 'bin';
    let labels;
    if (bin) {
      if (!doc.locationId) throw new DomainError('INVALID_INPUT', 'The label document names no location.');
      const { binIds, copies } = requestedBins(doc.request);
      if (binIds.length === 0) throw new DomainError('INVALID_INPUT', 'No bins were asked for.');
      labels = await resolveBinLabels(db, doc.locationId, binIds, copies);
    } else labels = await resolveStockProductLabels(db, requestedLabels(doc.request));
    if (labels.length === 0) throw new DomainError('INVALID_INPUT', 'No labels were asked for.');
    await progress(0, labels.length);
    const pdf = await renderScanLabels(labels, doc.format as FnskuFormat, bin ? 'Bin labels' : 'Product labels', (n) => progress(Math.min(n, labels.length - 1)));
    return { pdf, fileName: `${bin ? 'bin' : 'product'}-labels-${doc.format}-${stamp}.pdf`, total: labels.length };
  }
  if (!doc.connectionId) throw new DomainError('INVALID_INPUT', 'The label document names no FBA connection.');
  const connectionId = doc.connectionId;
  if (doc.kind === 'fnsku') {
    if (!(doc.format in FNSKU_SHEETS)) throw new DomainError('INVALID_INPUT', `Unknown product label format ${doc.format}.`);
    const labels = await resolveProductLabels(db, connectionId, requestedLabels(doc.request));
    if (labels.length === 0) throw new DomainError('INVALID_INPUT', 'No labels were asked for.');
    await progress(0, labels.length);
    const pdf = await renderFnskuLabels(labels, doc.format as FnskuFormat, (n) => progress(Math.min(n, labels.length - 1)));
    return { pdf, fileName: `product-labels-${doc.format}-${stamp}.pdf`, total: labels.length };
  }
  const shipments = await boxLabelsOf(db, doc);
  if (doc.kind === 'box') {
    const labels = shipments.flatMap((s) => s.labels);
    if (labels.length === 0) throw new DomainError('INVALID_INPUT', 'The shipment has no boxes with Amazon box ids yet.');
    await progress(0, labels.length);
    const pdf = await renderBoxLabels(labels, doc.format, (n) => progress(Math.min(n, labels.length - 1)));
    return { pdf, fileName: `box-labels-${shipments.map((s) => s.confirmationId).join('-')}.pdf`, total: labels.length };
  }
  return shippingLabels(db, doc, shipments, progress, options);
}

type ShipmentLabels = { id: string; confirmationId: string; labels: BoxLabel[] };

/** Each Amazon shipment of the document with its boxes' labels (box n of m within the shipment). */
async function boxLabelsOf(db: Db, doc: LabelDocumentRow): Promise<ShipmentLabels[]> {
  if (!doc.inboundId && !doc.amazonShipmentId) throw new DomainError('INVALID_INPUT', 'The label document names no shipment.');
  const which = doc.amazonShipmentId ? eq(inboundAmazonShipments.id, doc.amazonShipmentId) : eq(inboundAmazonShipments.inboundId, doc.inboundId!);
  const shipments = await db
    .select({ id: inboundAmazonShipments.id, confirmationId: inboundAmazonShipments.confirmationId, shipmentId: inboundAmazonShipments.shipmentId, destination: inboundAmazonShipments.destination, warehouseId: inboundAmazonShipments.warehouseId, shipFrom: inboundShipments.shipFrom })
    .from(inboundAmazonShipments)
    .innerJoin(inboundShipments, eq(inboundShipments.id, inboundAmazonShipments.inboundId))
    .where(which)
    .orderBy(asc(inboundAmazonShipments.shipmentId));
  if (shipments.length === 0) throw new DomainError('NOT_FOUND', 'The Amazon shipment of these labels was not found.');
  const ids = shipments.map((s) => s.id);
  const [boxes, items] = await Promise.all([
    db
      .select({ id: inboundBoxes.id, boxNo: inboundBoxes.boxNo, amazonBoxId: inboundBoxes.amazonBoxId, amazonShipmentId: inboundBoxes.amazonShipmentId })
      .from(inboundBoxes)
      .where(inArray(inboundBoxes.amazonShipmentId, ids))
      .orderBy(asc(inboundBoxes.boxNo)),
    db
      .select({ boxId: inboundBoxItems.boxId, sku: inboundShipmentLines.sellerSku, quantity: inboundBoxItems.quantity })
      .from(inboundBoxItems)
      .innerJoin(inboundBoxes, eq(inboundBoxes.id, inboundBoxItems.boxId))
      .innerJoin(inboundShipmentLines, and(eq(inboundShipmentLines.inboundId, inboundBoxes.inboundId), eq(inboundShipmentLines.lineNo, inboundBoxItems.lineNo)))
      .where(and(inArray(inboundBoxes.amazonShipmentId, ids), isNotNull(inboundBoxes.amazonShipmentId)))
      .orderBy(asc(inboundBoxItems.lineNo)),
  ]);
  const contents = new Map<string, { sku: string; quantity: number }[]>();
  for (const i of items) contents.set(i.boxId, [...(contents.get(i.boxId) ?? []), { sku: i.sku, quantity: i.quantity }]);
  return shipments.map((s) => {
    const own = boxes.filter((b) => b.amazonShipmentId === s.id);
    const confirmationId = s.confirmationId ?? s.shipmentId;
    return {
      id: s.id,
      confirmationId,
      labels: own.map((b, n) => {
        if (!b.amazonBoxId) throw new DomainError('INVALID_INPUT', `Box ${b.boxNo} has no Amazon box id yet; wait for Amazon to confirm the shipment.`);
        return { boxId: b.amazonBoxId, shipmentId: confirmationId, boxNo: n + 1, boxCount: own.length, shipFrom: s.shipFrom, shipTo: s.destination ?? {}, warehouseId: s.warehouseId, contents: contents.get(b.id) ?? [] };
      }),
    };
  });
}

/** Amazon's shipping labels: getLabels gives a short-lived URL; the PDF behind it is stored as is. */
async function shippingLabels(db: Db, doc: LabelDocumentRow, shipments: ShipmentLabels[], progress: Progress, options: DrainLabelOptions) {
  const [shipment] = shipments;
  if (shipments.length !== 1 || !shipment.confirmationId.startsWith('FBA')) throw new DomainError('INVALID_INPUT', 'Shipping labels need one Amazon shipment with its confirmation id (FBA…).');
  const [conn] = doc.connectionId ? await db.select().from(fbaConnections).where(eq(fbaConnections.id, doc.connectionId)) : [];
  if (!conn) throw new DomainError('NOT_FOUND', 'The FBA connection was not found.');
  const client = (options.clientFor ?? spClientFor)(conn);
  const packages = Math.max(1, shipment.labels.length);
  await progress(0, packages);
  const url = await client.getLabels(shipment.confirmationId, { PageType: doc.format, LabelType: 'UNIQUE', NumberOfPackages: packages });
  if (!url) throw new DomainError('AMAZON_ERROR', 'Amazon returned no label download for this shipment; try again later.');
  const pdf = await (options.fetchPdf ?? fetchPdf)(url);
  return { pdf, fileName: `shipping-labels-${shipment.confirmationId}.pdf`, total: packages };
}

async function fetchPdf(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new DomainError('AMAZON_ERROR', `Amazon's label download failed (HTTP ${res.status}); try again.`);
  if (body.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DomainError('AMAZON_ERROR', "Amazon's label download is not a PDF; try again.");
  return body;
}
