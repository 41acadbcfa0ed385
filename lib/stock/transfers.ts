import { and, eq, ilike, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@/db';
import { bins, inboundShipments, locations, products, stockAdjustments, stockTransferLines, stockTransfers } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { toPage, type ListParams } from '@/lib/paging';
import { keyset } from '@/lib/paging-sql';
import { nextNumber } from '@/lib/reference/numbers';
import { QUANTITY_MAX, groupDigits, quantityProblem } from '@/lib/validation/numbers';
import { createAdjustment, voidAdjustment } from './adjustments';
import { postMovements, reverseSource } from './ledger';
import { assertPlaces, placeValue, type Place } from './places';
import { resolveSkus } from './product-lookup';
import { transferStatus, type TransferStatus } from './transfer-status';

/** A line names its product by SKU (forms) or by id (documents built on transfers, e.g. inbound shipments). */
export type TransferLine = { index?: number; quantity: number } & ({ sku: string } | { productId: string });

/** Creates a Draft transfer; no stock moves until it ships. */
export async function createTransfer(db: Db | Tx, input: { from: Place; to: Place; note?: string | null; lines: TransferLine[] }, userId: string | null) {
  if (placeValue(input.from) === placeValue(input.to))
    throw new DomainError('INVALID_INPUT', 'The stock must go to a different location or bin.', { to: ['Choose a different location or bin.'] });
  const lines = input.lines.map((l, i) => ({ ...l, index: l.index ?? i }));
  if (lines.length === 0) throw new DomainError('INVALID_INPUT', 'Add at least one line.', { 'sku.0': ['Add at least one line.'] });
  const badQty: Record<string, string[]> = {};
  for (const l of lines) {
    const problem = quantityProblem(l.quantity, 'positive', 'Enter a whole number above 0.');
    if (problem) badQty[`quantity.${l.index}`] = [problem];
  }
  if (Object.keys(badQty).length > 0) throw new DomainError('INVALID_INPUT', `Quantities must be whole numbers from 1 to ${groupDigits(QUANTITY_MAX)}.`, badQty);
  return db.transaction(async (tx) => {
    const bySku = lines.filter((l): l is typeof l & { sku: string } => 'sku' in l);
    const found = new Map((await resolveSkus(tx, bySku)).map((p, i) => [bySku[i].index, p.id]));
    await assertPlaces(tx, [input.from, input.to], (i) => (i === 0 ? 'from' : 'to'));
    const number = await nextNumber(tx, 'TR');
    const [doc] = await tx
      .insert(stockTransfers)
      .values({ number, fromLocationId: input.from.locationId, fromBinId: input.from.binId, toLocationId: input.to.locationId, toBinId: input.to.binId, note: input.note ?? null, userId })
      .returning();
    await tx
      .insert(stockTransferLines)
      .values(lines.map((l, i) => ({ transferId: doc.id, lineNo: i + 1, productId: 'productId' in l ? l.productId : found.get(l.index)!, quantity: l.quantity })));
    return doc;
  });
}

/**
 * The only write of a transfer's status: a compare-and-set through its table on the status the
 * caller saw, in the caller's transaction, so the stock posted alongside it commits with it.
 */
function transitionTransfer(tx: Tx, id: string, from: TransferStatus, to: TransferStatus, extra: Partial<Pick<typeof stockTransfers.$inferInsert, 'shippedAt' | 'receivedAt'>> = {}) {
  return transferStatus.write(from, to, {
    update: async () => (await tx.update(stockTransfers).set({ status: to, ...extra }).where(and(eq(stockTransfers.id, id), eq(stockTransfers.status, from))).returning())[0],
    current: async () => {
      const [row] = await tx.select({ number: stockTransfers.number, status: stockTransfers.status }).from(stockTransfers).where(eq(stockTransfers.id, id));
      return row && { label: `Transfer ${row.number}`, status: row.status };
    },
  });
}

async function moveLeg(tx: Tx, doc: typeof stockTransfers.$inferSelect, leg: 'out' | 'in', userId: string | null) {
  const lines = await tx.select().from(stockTransferLines).where(eq(stockTransferLines.transferId, doc.id)).orderBy(stockTransferLines.lineNo);
  const place = leg === 'out' ? { locationId: doc.fromLocationId, binId: doc.fromBinId } : { locationId: doc.toLocationId, binId: doc.toBinId };
  // Non-valued: the units keep their average cost while they travel; the company's value is unchanged.
  await postMovements(
    tx,
    lines
      // Inbound, only what has not been received in parts already (receiveTransferLines).
      .map((l) => ({ l, quantity: leg === 'out' ? -l.quantity : l.quantity - l.received }))
      .filter((m) => m.quantity !== 0)
      .map(({ l, quantity }) => ({ productId: l.productId, ...place, quantity, valued: false, sourceType: 'transfer' as const, sourceId: doc.id, sourceLine: l.lineNo })),
    userId,
  );
}

/** Draft → In Transit: the stock leaves the from location/bin (refused if it is not there). */
export async function shipTransfer(db: Db | Tx, id: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const doc = await transitionTransfer(tx, id, 'Draft', 'In Transit', { shippedAt: new Date() });
    await moveLeg(tx, doc, 'out', userId);
    return doc;
  });
}

/**
 * The inbound shipment a transfer moves goods for, if any: Amazon's receipts receive such a
 * transfer (the status download), so Receive is neither offered nor accepted, and only X on the
 * Inbound Shipments tab voids it.
 */
export async function inboundOfTransfer(db: Db | Tx, transferId: string) {
  const [row] = await db
    .select({ id: inboundShipments.id, connectionId: inboundShipments.connectionId, name: inboundShipments.name, deletedAt: inboundShipments.deletedAt })
    .from(inboundShipments)
    .where(eq(inboundShipments.transferId, transferId));
  return row ?? null;
}

/** In Transit → Completed: the stock arrives at the to location/bin (what is not yet received, if some lines were received in parts). */
export async function receiveTransfer(db: Db | Tx, id: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const inbound = await inboundOfTransfer(tx, id);
    if (inbound && !inbound.deletedAt)
      throw new DomainError('INVALID_TRANSITION', `This transfer moves the goods of inbound shipment ${inbound.name}: it is received as Amazon reports what it received (Download on the Inbound Shipments tab), not with Receive.`);
    const doc = await transitionTransfer(tx, id, 'In Transit', 'Completed', { receivedAt: new Date() });
    await moveLeg(tx, doc, 'in', userId);
    await tx.update(stockTransferLines).set({ received: sql`${stockTransferLines.quantity}` }).where(eq(stockTransferLines.transferId, id));
    return doc;
  });
}

/**
 * Receives part of an In Transit transfer: each line's units arrive at the to location/bin
 * (non-valued, like the legs) and its `received` rises; refused beyond the line's quantity. The
 * transfer stays In Transit (completeTransferAsReceived ends it). In the caller's transaction.
 */
export async function receiveTransferLines(tx: Tx, transferId: string, receipts: { lineNo: number; quantity: number }[], userId: string | null) {
  const wanted = receipts.filter((r) => r.quantity !== 0);
  if (wanted.length === 0) return [];
  const [doc] = await tx.select().from(stockTransfers).where(eq(stockTransfers.id, transferId)).for('update');
  if (!doc) throw new DomainError('NOT_FOUND', 'This transfer does not exist.');
  if (doc.status !== 'In Transit') throw new DomainError('INVALID_TRANSITION', `Transfer ${doc.number} is ${doc.status}; only a transfer In Transit can be received.`);
  const lines = new Map((await tx.select().from(stockTransferLines).where(eq(stockTransferLines.transferId, transferId))).map((l) => [l.lineNo, l]));
  for (const r of wanted) {
    const line = lines.get(r.lineNo);
    if (!line) throw new DomainError('NOT_FOUND', `Transfer ${doc.number} has no line ${r.lineNo}.`);
    if (!Number.isInteger(r.quantity) || r.quantity < 0 || line.received + r.quantity > line.quantity)
      throw new DomainError('INVALID_INPUT', `Line ${r.lineNo} of transfer ${doc.number}: ${line.received} of ${line.quantity} received; ${r.quantity} more cannot be received.`);
  }
  const place = { locationId: doc.toLocationId, binId: doc.toBinId };
  const posted = await postMovements(
    tx,
    wanted.map((r) => ({ productId: lines.get(r.lineNo)!.productId, ...place, quantity: r.quantity, valued: false, sourceType: 'transfer' as const, sourceId: doc.id, sourceLine: r.lineNo })),
    userId,
  );
  for (const r of wanted)
    await tx
      .update(stockTransferLines)
      .set({ received: sql`${stockTransferLines.received} + ${r.quantity}` })
      .where(and(eq(stockTransferLines.transferId, transferId), eq(stockTransferLines.lineNo, r.lineNo)));
  return posted;
}

/**
 * In Transit → Completed with what was received in parts. Units never received (a short receipt)
 * must not stay "in transit" for ever, counted in the company's quantity and value: they arrive on
 * paper and leave at once through a stock adjustment (a write-off at the average cost), so the
 * destination holds exactly what was received and the shortfall is a document a person can see
 * (and void, should the units turn up). `received` keeps what was really received, for the Short
 * column. Returns the write-off adjustment, or null when nothing was short.
 */
export async function completeTransferAsReceived(tx: Tx, transferId: string, userId: string | null, reason?: string) {
  const doc = await transitionTransfer(tx, transferId, 'In Transit', 'Completed', { receivedAt: new Date() });
  const short = (
    await tx
      .select({ lineNo: stockTransferLines.lineNo, productId: stockTransferLines.productId, sku: products.sku, quantity: stockTransferLines.quantity, received: stockTransferLines.received })
      .from(stockTransferLines)
      .innerJoin(products, eq(products.id, stockTransferLines.productId))
      .where(eq(stockTransferLines.transferId, transferId))
      .orderBy(stockTransferLines.lineNo)
  ).filter((l) => l.received < l.quantity);
  if (short.length === 0) return null;
  const place = { locationId: doc.toLocationId, binId: doc.toBinId };
  await postMovements(
    tx,
    short.map((l) => ({ productId: l.productId, ...place, quantity: l.quantity - l.received, valued: false, sourceType: 'transfer' as const, sourceId: doc.id, sourceLine: l.lineNo })),
    userId,
  );
  return createAdjustment(
    tx,
    {
      reason: reason ?? `Short receipt: transfer ${doc.number} arrived ${short.reduce((n, l) => n + l.quantity - l.received, 0)} units short`,
      lines: short.map((l) => ({ sku: l.sku, ...place, quantity: l.received - l.quantity, unitCost: null })),
      transferId: doc.id,
    },
    userId,
  );
}

/**
 * Voids a transfer from the status the user saw, reversing whatever it posted (nothing for a
 * Draft, the outbound leg in transit, both legs once completed, and any lines received in parts). Refused when the received stock
 * has since left the destination.
 */
export async function voidTransfer(db: Db | Tx, id: string, from: TransferStatus, userId: string | null, opts: { byInbound?: boolean } = {}) {
  return db.transaction(async (tx) => {
    const inbound = opts.byInbound ? null : await inboundOfTransfer(tx, id);
    if (inbound && !inbound.deletedAt)
      throw new DomainError('INVALID_TRANSITION', `This transfer moves the goods of inbound shipment ${inbound.name}: delete the inbound shipment with X on the Inbound Shipments tab, which voids the transfer with it.`);
    const doc = await transitionTransfer(tx, id, from, 'Voided');
    try {
      // A short receipt's write-off goes first: the units it removed come back, so the transfer's legs can be reversed.
      const writeOffs = await tx.select({ id: stockAdjustments.id }).from(stockAdjustments).where(and(eq(stockAdjustments.transferId, id), eq(stockAdjustments.status, 'Completed')));
      for (const w of writeOffs) await voidAdjustment(tx, w.id, userId);
      await reverseSource(tx, 'transfer', id, userId);
    } catch (e) {
      if (isDomainError(e) && e.code === 'INSUFFICIENT_STOCK')
        throw new DomainError('INSUFFICIENT_STOCK', `Transfer ${doc.number} cannot be voided because the stock it delivered has since left the destination. ${e.message}`);
      throw e;
    }
    return doc;
  });
}

const fromLoc = alias(locations, 'from_loc');
const toLoc = alias(locations, 'to_loc');
const fromBin = alias(bins, 'from_bin');
const toBin = alias(bins, 'to_bin');

function header() {
  return {
    id: stockTransfers.id,
    number: stockTransfers.number,
    status: stockTransfers.status,
    note: stockTransfers.note,
    createdAt: stockTransfers.createdAt,
    shippedAt: stockTransfers.shippedAt,
    receivedAt: stockTransfers.receivedAt,
    from: sql<string>`${fromLoc.name} || coalesce(' › ' || ${fromBin.name}, '')`,
    to: sql<string>`${toLoc.name} || coalesce(' › ' || ${toBin.name}, '')`,
  };
}

export const TRANSFER_SORTS = ['number'] as const;

/** One page of transfers with places and line counts, in one query (keyset paging by number). */
export async function listTransfers(db: Db | Tx, params: ListParams<(typeof TRANSFER_SORTS)[number]>) {
  const limit = params.limit ?? 50;
  const page = keyset(stockTransfers.number, stockTransfers.id, params.dir, params.after);
  const rows = await db
    .select({ ...header(), lines: sql<number>`(SELECT count(*) FROM ${stockTransferLines} l WHERE l.transfer_id = ${stockTransfers.id})::int` })
    .from(stockTransfers)
    .innerJoin(fromLoc, eq(fromLoc.id, stockTransfers.fromLocationId))
    .innerJoin(toLoc, eq(toLoc.id, stockTransfers.toLocationId))
    .leftJoin(fromBin, eq(fromBin.id, stockTransfers.fromBinId))
    .leftJoin(toBin, eq(toBin.id, stockTransfers.toBinId))
    .where(and(params.q ? ilike(stockTransfers.number, `%${params.q}%`) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return toPage(rows.map((r) => ({ ...r, lines: Number(r.lines) })), limit, (r) => r.number);
}

/** A transfer with its places and lines (SKU, name, quantity, received so far). */
export async function getTransfer(db: Db | Tx, id: string) {
  const [doc] = await db
    .select(header())
    .from(stockTransfers)
    .innerJoin(fromLoc, eq(fromLoc.id, stockTransfers.fromLocationId))
    .innerJoin(toLoc, eq(toLoc.id, stockTransfers.toLocationId))
    .leftJoin(fromBin, eq(fromBin.id, stockTransfers.fromBinId))
    .leftJoin(toBin, eq(toBin.id, stockTransfers.toBinId))
    .where(eq(stockTransfers.id, id));
  if (!doc) return null;
  const lines = await db
    .select({ lineNo: stockTransferLines.lineNo, sku: products.sku, name: products.name, quantity: stockTransferLines.quantity, received: stockTransferLines.received })
    .from(stockTransferLines)
    .innerJoin(products, eq(products.id, stockTransferLines.productId))
    .where(eq(stockTransferLines.transferId, id))
    .orderBy(stockTransferLines.lineNo);
  return { ...doc, lines };
}
