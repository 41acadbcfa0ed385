import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fulfilmentOrders, saleShipLines, saleShipments } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { queueShipmentConfirmation } from '@/lib/channel/confirm-shipment';
import { createFulfilmentOrders } from '@/lib/fulfilment/create';
import { logFo, moveFo } from '@/lib/fulfilment/fo-write';
import { pendingCalls } from '@/lib/fulfilment/outbox-queue';
import { boxOfLine, packLinesOf } from './pack';
import { pickLinesWithPlaces } from './pick';
import type { ShipInput } from './sale-inputs';
import { lockSale, logSale, moveStage, requireNotAuthorised, requireUndoable, type SaleRow } from './sale-write';

export type ShipLineInput = { pickLineNo: number; quantity: number };

/**
 * "Copy from Pack": every packed line with its box, or, when the sale was not packed, every picked
 * line. `onlyExternal` keeps the lines of external (FBA) locations (what AutoShip prepares).
 */
export async function copyFromPack(db: Db | Tx, sale: SaleRow, onlyExternal = false) {
  const picked = await pickLinesWithPlaces(db, sale.id);
  const pack = sale.packStatus === 'Authorised' ? await packLinesOf(db, sale.id) : null;
  const boxOf = boxOfLine(pack?.lines ?? []);
  return picked
    .filter((p) => !onlyExternal || p.externalConnectionId)
    .map((p) => ({ pickLineNo: p.lineNo, productId: p.productId, locationId: p.locationId, boxNo: boxOf.get(p.lineNo) ?? null, quantity: p.quantity }));
}

async function writeShipLines(tx: Tx, sale: SaleRow, lines: ShipLineInput[]) {
  const picked = new Map((await pickLinesWithPlaces(tx, sale.id)).map((p) => [p.lineNo, p]));
  const boxOf = boxOfLine(sale.packStatus === 'Authorised' ? (await packLinesOf(tx, sale.id)).lines : []);
  const errors: Record<string, string[]> = {};
  const rows = lines
    .filter((l) => l.quantity > 0)
    .map((l, i) => {
      const p = picked.get(l.pickLineNo);
      if (!p) throw new DomainError('STALE_STATE', `The picked lines of sale ${sale.number} changed since you opened it. Reload and try again.`);
      if (l.quantity > p.quantity) errors[`quantity.${l.pickLineNo}`] = [`At most ${p.quantity} (picked).`];
      return { saleId: sale.id, lineNo: i + 1, pickLineNo: p.lineNo, productId: p.productId, locationId: p.locationId, boxNo: boxOf.get(p.lineNo) ?? null, quantity: l.quantity };
    });
  if (Object.keys(errors).length > 0) throw new DomainError('INVALID_INPUT', 'A line ships at most what was picked.', errors);
  if (rows.length === 0) throw new DomainError('INVALID_INPUT', 'Ship at least one line: enter a quantity, or use Copy from Pack.');
  await tx.delete(saleShipLines).where(eq(saleShipLines.saleId, sale.id));
  await tx.insert(saleShipLines).values(rows);
  return rows;
}

/**
 * Ship → Authorise: the ship lines are saved, a shipment is recorded, and (unless Skip fulfilment
 * is ticked) one fulfilment order is created per external location among the lines.
 */
export async function authoriseShip(db: Db | Tx, input: Omit<ShipInput, 'saleId'> & { saleId: string; shippedAt?: Date | null }, userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, input.saleId);
    if (sale.pickStatus !== 'Authorised') throw new DomainError('INVALID_TRANSITION', `Authorise Pick of sale ${sale.number} before shipping.`);
    requireNotAuthorised(sale, 'Ship');
    if (input.shippedAt && input.shippedAt < sale.createdAt)
      throw new DomainError('INVALID_INPUT', `Sale ${sale.number} was created on ${sale.createdAt.toISOString()}: it cannot have shipped before.`, { shippedAt: ['Before the sale was created.'] });
    await writeShipLines(tx, sale, input.lines);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(saleShipments).where(eq(saleShipments.saleId, sale.id));
    const seq = Number(n) + 1;
    const [shipment] = await tx
      .insert(saleShipments)
      .values({ saleId: sale.id, seq, shippingOption: input.shippingOption, skipFulfilment: input.skipFulfilment, userId, shippedAt: input.shippedAt ?? null })
      .returning();
    const set = { shippingOption: input.shippingOption, carrier: input.carrier, trackingNumber: input.trackingNumber, skipFulfilment: input.skipFulfilment };
    const fos = input.skipFulfilment ? [] : await createFulfilmentOrders(tx, { saleId: sale.id, shipmentId: shipment.id, userId });
    const what = input.skipFulfilment ? 'Skip fulfilment: no fulfilment order created' : fos.length ? `fulfilment order${fos.length > 1 ? 's' : ''} ${fos.map((f) => `${f.number} (${f.location})`).join(', ')} created` : 'no item ships from an external location';
    const next = await moveStage(tx, sale, 'Ship', 'Authorised', `Authorised: shipment ${seq}, ${input.shippingOption}${input.shippedAt ? `, shipped ${input.shippedAt.toISOString()}` : ''}${input.trackingNumber ? `, tracking ${input.carrier ? `${input.carrier} ` : ''}${input.trackingNumber}` : ''}; ${what}.`, userId, set);
    await queueShipmentConfirmation(tx, sale.id, { seq, carrier: input.carrier, trackingNumber: input.trackingNumber, fulfilmentOrders: fos.length });
    return { sale: next, shipment, fulfilmentOrders: fos };
  });
}

const SENT_NOTE = 'Ship was undone on the sale after this order was sent to Amazon; cancel it here if Amazon should not ship it.';

/**
 * Ship → Undo: the shipment ends. Its fulfilment orders that never left (Queued, or Failed, with no
 * call waiting) are cancelled; one already sent, or being sent, is left as it is and the fact is
 * written in both logs, and Skip fulfilment is ticked so authorising Ship again sends nothing twice.
 */
export async function undoShip(db: Db | Tx, saleId: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, saleId);
    requireUndoable(sale, 'Ship');
    if (sale.shipStatus !== 'Authorised') throw new DomainError('INVALID_TRANSITION', `Ship of sale ${sale.number} is not authorised: there is nothing to undo.`);
    const [shipment] = await tx
      .update(saleShipments)
      .set({ undoneAt: new Date() })
      .where(and(eq(saleShipments.saleId, sale.id), isNull(saleShipments.undoneAt)))
      .returning({ id: saleShipments.id, seq: saleShipments.seq });
    const fos = shipment
      ? await tx.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.shipmentId, shipment.id)).orderBy(asc(fulfilmentOrders.number)).for('update')
      : [];
    const voided: string[] = [];
    const left: string[] = [];
    for (const fo of fos) {
      if (fo.status === 'Cancelled') continue;
      const waiting = (await pendingCalls(tx, fo.id)).length > 0;
      if ((fo.status === 'Queued' || fo.status === 'Failed') && !waiting && (fo.status === 'Failed' || !fo.sentAt)) {
        await moveFo(tx, fo.id, fo.status, 'Cancelled', { message: `Voided: Ship was undone on ${sale.number}.`, userId });
        voided.push(fo.number);
      } else {
        await logFo(tx, fo.id, SENT_NOTE, userId);
        await logSale(tx, sale.id, 'Ship', `${fo.number} (${fo.status}): ${SENT_NOTE}`, userId);
        left.push(fo.number);
      }
    }
    const parts = [voided.length ? `${voided.join(', ')} voided` : null, left.length ? `${left.join(', ')} already sent to Amazon; Skip fulfilment is ticked so authorising Ship again does not send twice` : null].filter(Boolean);
    return moveStage(tx, sale, 'Ship', 'Draft', `Undone: shipment ${shipment?.seq ?? ''} ended${parts.length ? `; ${parts.join('; ')}` : ''}.`, userId, left.length ? { skipFulfilment: true } : {});
  });
}

/**
 * AutoShip: the ship lines of the external (FBA) items are prepared from Pack (or Pick) and left
 * for a person to authorise; AutoShip never authorises Ship.
 */
export async function prepareAutoShip(tx: Tx, sale: SaleRow, userId: string | null): Promise<SaleRow> {
  if (sale.shipStatus !== 'Not Started') return sale;
  const lines = await copyFromPack(tx, sale, true);
  if (lines.length === 0) {
    await logSale(tx, sale.id, 'Ship', 'AutoShip: no item ships from an external location; the ship lines are left to you.', userId);
    return sale;
  }
  await tx.delete(saleShipLines).where(eq(saleShipLines.saleId, sale.id));
  await tx.insert(saleShipLines).values(lines.map((l, i) => ({ ...l, saleId: sale.id, lineNo: i + 1 })));
  return moveStage(tx, sale, 'Ship', 'Draft', `AutoShip: ship lines created for ${lines.length} FBA item line${lines.length === 1 ? '' : 's'}; check them and authorise Ship.`, userId);
}

/** The current ship lines (draft or authorised). */
export async function shipLinesOf(db: Db | Tx, saleId: string) {
  return db.select().from(saleShipLines).where(eq(saleShipLines.saleId, saleId)).orderBy(asc(saleShipLines.lineNo));
}

/** The sale's fulfilment orders (all shipments), newest shipment first, for the Ship tab and the banner. */
export async function fulfilmentOrdersOf(db: Db | Tx, saleIds: string[]) {
  if (saleIds.length === 0) return [];
  return db
    .select({
      id: fulfilmentOrders.id,
      saleId: fulfilmentOrders.saleId,
      number: fulfilmentOrders.number,
      status: fulfilmentOrders.status,
      lastError: fulfilmentOrders.lastError,
      shipmentId: fulfilmentOrders.shipmentId,
      locationId: fulfilmentOrders.locationId,
      sentAt: fulfilmentOrders.sentAt,
      createdAt: fulfilmentOrders.createdAt,
    })
    .from(fulfilmentOrders)
    .where(inArray(fulfilmentOrders.saleId, saleIds))
    .orderBy(asc(fulfilmentOrders.number));
}
