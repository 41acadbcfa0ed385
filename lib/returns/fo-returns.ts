import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fulfilmentOrderItems, fulfilmentOrders, fulfilmentReturns, products, saleCreditNotes, saleLines } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { amazonReason, spClientFor } from '@/lib/fba/connection-client';
import { isSpApiError, type SpApiClient } from '@/lib/fba/sp-api';
import type { GetFulfillmentOrderResult } from '@/lib/fba/sp-api/models/outbound';
import { amazonIdOf } from '@/lib/fulfilment/amazon-order';
import { logFo } from '@/lib/fulfilment/fo-write';
import { enqueue } from '@/lib/fulfilment/outbox-queue';
import type { OutboxRow, SendResult } from '@/lib/outbox/types';
import { writeCreditNote, type CreditLineInput } from './credit-notes';
import type { FoReturnRequest } from './fo-return-inputs';
import { FO_RETURN_OUTBOX, foReturnStatus, type FoReturnStatus } from './fo-return-status';

type FoRow = typeof fulfilmentOrders.$inferSelect;
type ReturnRow = typeof fulfilmentReturns.$inferSelect;

/** A line's units that can still be asked back: shipped, less those already asked (refused requests do not count). */
async function returnableLines(db: Db | Tx, orderId: string) {
  const rows = await db
    .select({
      lineNo: fulfilmentOrderItems.lineNo,
      sellerSku: fulfilmentOrderItems.sellerSku,
      productId: fulfilmentOrderItems.productId,
      sku: products.sku,
      name: products.name,
      shipped: fulfilmentOrderItems.shippedQuantity,
      returned: sql<number>`(SELECT count(*)::int FROM ${fulfilmentReturns} r
        WHERE r.order_id = fulfilment_order_items.order_id AND r.line_no = fulfilment_order_items.line_no AND r.status <> 'Refused')`,
    })
    .from(fulfilmentOrderItems)
    .innerJoin(products, eq(products.id, fulfilmentOrderItems.productId))
    .where(eq(fulfilmentOrderItems.orderId, orderId))
    .orderBy(asc(fulfilmentOrderItems.lineNo));
  return rows.map((r) => ({ ...r, returned: Number(r.returned), returnable: Math.max(0, r.shipped - Number(r.returned)) }));
}

/**
 * Request return: one `fulfilment_returns` row per unit asked back (Requested, sellerReturnItemId
 * `<FO number>-RET<n>`) and the `fo.return` outbox row that sends them, in the caller's
 * transaction. Each line's quantity must fit what Amazon shipped less what was already asked back.
 */
export async function requestFoReturn(tx: Tx, req: Omit<FoReturnRequest, 'id'> & { orderId: string }, userId: string | null): Promise<ReturnRow[]> {
  const [fo] = await tx.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.id, req.orderId)).for('update');
  if (!fo) throw new DomainError('NOT_FOUND', 'That fulfilment order no longer exists.');
  const lines = await returnableLines(tx, fo.id);
  if (!lines.some((l) => l.shipped > 0)) throw new DomainError('INVALID_TRANSITION', `Fulfilment order ${fo.number} has no shipped items to return.`);
  const fields: Record<string, string[]> = {};
  for (const want of req.lines) {
    const line = lines.find((l) => l.lineNo === want.lineNo);
    if (!line) fields[`quantity.${want.lineNo}`] = ['This line is not on the order.'];
    else if (want.quantity > line.returnable)
      fields[`quantity.${want.lineNo}`] = [line.returnable === 0 ? 'Nothing left to return on this line.' : `At most ${line.returnable} (shipped ${line.shipped}, already returned ${line.returned}).`];
  }
  if (Object.keys(fields).length > 0) throw new DomainError('INVALID_INPUT', 'Some quantities are more than can be returned.', fields);
  if (req.lines.length === 0) throw new DomainError('INVALID_INPUT', 'Enter how many units come back on at least one line.');

  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(fulfilmentReturns).where(eq(fulfilmentReturns.orderId, fo.id));
  let next = Number(n);
  const values: (typeof fulfilmentReturns.$inferInsert)[] = [];
  for (const want of req.lines) {
    const line = lines.find((l) => l.lineNo === want.lineNo)!;
    for (let i = 0; i < want.quantity; i += 1)
      values.push({
        orderId: fo.id,
        sellerReturnItemId: `${fo.number}-RET${++next}`,
        lineNo: line.lineNo,
        productId: line.productId,
        // Which of Amazon's shipments carried the unit is learnt when the request is sent.
        amazonShipmentId: '',
        reasonCode: req.reasonCode,
        comment: req.comment,
        userId,
      });
  }
  const rows = await tx.insert(fulfilmentReturns).values(values).returning();
  await enqueue(tx, FO_RETURN_OUTBOX, fo.id, { returnIds: rows.map((r) => r.id) });
  const what = req.lines.map((l) => `${lines.find((x) => x.lineNo === l.lineNo)!.sellerSku} × ${l.quantity}`).join(', ');
  await logFo(tx, fo.id, `Return requested (${req.reasonCode}): ${what}; sending to Amazon.`, userId);
  return rows;
}

/** Moves one return row through its status table, in the caller's transaction. */
async function moveReturn(tx: Tx, row: Pick<ReturnRow, 'id' | 'sellerReturnItemId'>, from: FoReturnStatus, to: FoReturnStatus, set: Partial<typeof fulfilmentReturns.$inferInsert>) {
  return foReturnStatus.write(from, to, {
    update: async () =>
      (
        await tx
          .update(fulfilmentReturns)
          .set({ ...set, status: to })
          .where(and(eq(fulfilmentReturns.id, row.id), eq(fulfilmentReturns.status, from)))
          .returning({ id: fulfilmentReturns.id })
      )[0],
    current: async () => {
      const [cur] = await tx.select({ status: fulfilmentReturns.status }).from(fulfilmentReturns).where(eq(fulfilmentReturns.id, row.id));
      return cur ? { label: `Return ${row.sellerReturnItemId}`, status: cur.status } : undefined;
    },
  });
}

/** Only rows still Requested are written: a retaken claim or a second answer changes nothing. */
async function stillRequested(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(fulfilmentReturns)
    .where(and(inArray(fulfilmentReturns.id, ids), eq(fulfilmentReturns.status, 'Requested')))
    .for('update');
}

async function refuseAll(tx: Tx, fo: Pick<FoRow, 'id'>, ids: string[], error: string, now: Date) {
  const rows = await stillRequested(tx, ids);
  for (const r of rows) await moveReturn(tx, r, 'Requested', 'Refused', { error });
  if (rows.length > 0) await logFo(tx, fo.id, `Amazon refused the return of ${rows.map((r) => r.sellerReturnItemId).join(', ')}. ${error}`, null, now);
}

type Accepted = { id: string; amazonShipmentId: string; returnAuthorizationId: string | null; amazonRmaId: string | null };

/**
 * The `fo.return` row's call: reads the order at Amazon first (which shipment carried each unit,
 * and whether an earlier attempt already reached Amazon: an item Amazon lists is not asked
 * again), then createFulfillmentReturn for the rest. Amazon's return authorisation and RMA make a
 * row Authorised; an item among invalidReturnItems is Refused with Amazon's words.
 */
export async function sendFoReturn(db: Db, client: SpApiClient, row: OutboxRow, fo: FoRow): Promise<SendResult> {
  const ids = Array.isArray(row.payload.returnIds) ? (row.payload.returnIds as string[]) : [];
  const pending = ids.length ? await db.select().from(fulfilmentReturns).where(and(inArray(fulfilmentReturns.id, ids), eq(fulfilmentReturns.status, 'Requested'))) : [];
  if (pending.length === 0) return { outcome: 'done', record: async () => {} };
  const amazonId = amazonIdOf(fo);
  try {
    const detail = await client.getFulfillmentOrder(amazonId);
    const rmaOf = (ra: string | undefined, d: { returnAuthorizations?: { returnAuthorizationId: string; amazonRmaId: string }[] }) =>
      d.returnAuthorizations?.find((a) => a.returnAuthorizationId === ra)?.amazonRmaId ?? null;
    const accepted: Accepted[] = [];
    const known = new Map(detail.returnItems.map((i) => [i.sellerReturnItemId, i]));
    // Units of each line per shipped shipment, less the units Amazon already has return items for.
    const room = new Map<string, number>();
    for (const s of detail.fulfillmentShipments ?? []) {
      if (s.fulfillmentShipmentStatus !== 'SHIPPED') continue;
      for (const i of s.fulfillmentShipmentItem) room.set(`${s.amazonShipmentId}|${i.sellerFulfillmentOrderItemId}`, (room.get(`${s.amazonShipmentId}|${i.sellerFulfillmentOrderItemId}`) ?? 0) + i.quantity);
    }
    for (const i of detail.returnItems) room.set(`${i.amazonShipmentId}|${i.sellerFulfillmentOrderItemId}`, (room.get(`${i.amazonShipmentId}|${i.sellerFulfillmentOrderItemId}`) ?? 0) - 1);

    const toSend: { row: ReturnRow; amazonShipmentId: string }[] = [];
    const unshipped: ReturnRow[] = [];
    for (const r of pending) {
      const there = known.get(r.sellerReturnItemId);
      if (there) {
        accepted.push({ id: r.id, amazonShipmentId: there.amazonShipmentId, returnAuthorizationId: there.returnAuthorizationId ?? null, amazonRmaId: rmaOf(there.returnAuthorizationId, detail) });
        continue;
      }
      const item = String(r.lineNo);
      const key = [...room.entries()].find(([k, left]) => k.endsWith(`|${item}`) && left > 0)?.[0];
      const any = [...room.keys()].find((k) => k.endsWith(`|${item}`));
      if (!key && !any) {
        unshipped.push(r);
        continue;
      }
      const shipmentId = (key ?? any)!.split('|')[0];
      if (key) room.set(key, room.get(key)! - 1);
      toSend.push({ row: r, amazonShipmentId: shipmentId });
    }

    const refused: { id: string; error: string }[] = unshipped.map((r) => ({ id: r.id, error: `Amazon shows no shipped unit of line ${r.lineNo} to return.` }));
    if (toSend.length > 0) {
      const result = await client.createFulfillmentReturn(amazonId, {
        items: toSend.map((s) => ({
          sellerReturnItemId: s.row.sellerReturnItemId,
          sellerFulfillmentOrderItemId: String(s.row.lineNo),
          amazonShipmentId: s.amazonShipmentId,
          returnReasonCode: s.row.reasonCode,
          ...(s.row.comment ? { returnComment: s.row.comment } : {}),
        })),
      });
      for (const s of toSend) {
        const ok = result.returnItems?.find((i) => i.sellerReturnItemId === s.row.sellerReturnItemId);
        const bad = result.invalidReturnItems?.find((i) => i.sellerReturnItemId === s.row.sellerReturnItemId);
        if (ok)
          accepted.push({ id: s.row.id, amazonShipmentId: ok.amazonShipmentId, returnAuthorizationId: ok.returnAuthorizationId ?? null, amazonRmaId: rmaOf(ok.returnAuthorizationId, result) });
        else
          refused.push({
            id: s.row.id,
            error: bad ? `Amazon said: ${bad.invalidItemReason.description} (${bad.invalidItemReason.invalidItemReasonCode})` : 'Amazon did not accept this item.',
          });
      }
    }
    return { outcome: 'done', record: (tx, now) => recordAnswer(tx, fo, accepted, refused, now) };
  } catch (e) {
    if (!isSpApiError(e) || e.retryable) throw e;
    const error = amazonReason(e);
    return { outcome: 'refused', error, record: (tx, now) => refuseAll(tx, fo, ids, error, now) };
  }
}

async function recordAnswer(tx: Tx, fo: Pick<FoRow, 'id'>, accepted: Accepted[], refused: { id: string; error: string }[], now: Date) {
  const open = new Map((await stillRequested(tx, [...accepted.map((a) => a.id), ...refused.map((r) => r.id)])).map((r) => [r.id, r]));
  const authorised: string[] = [];
  for (const a of accepted) {
    const r = open.get(a.id);
    if (!r) continue;
    await moveReturn(tx, r, 'Requested', 'Authorised', { amazonShipmentId: a.amazonShipmentId, returnAuthorizationId: a.returnAuthorizationId, amazonRmaId: a.amazonRmaId, error: null });
    authorised.push(`${r.sellerReturnItemId}${a.amazonRmaId ? ` (RMA ${a.amazonRmaId})` : ''}`);
  }
  if (authorised.length) await logFo(tx, fo.id, `Amazon authorised the return of ${authorised.join(', ')}.`, null, now);
  for (const x of refused) {
    const r = open.get(x.id);
    if (!r) continue;
    await moveReturn(tx, r, 'Requested', 'Refused', { error: x.error });
    await logFo(tx, fo.id, `Amazon refused the return of ${r.sellerReturnItemId}. ${x.error}`, null, now);
  }
}

/** The outbox gave up on a `fo.return` row (its last attempt failed): its items are Refused with the reason. */
export async function giveUpFoReturn(tx: Tx, row: OutboxRow, message: string, at: Date) {
  const ids = Array.isArray(row.payload.returnIds) ? (row.payload.returnIds as string[]) : [];
  await refuseAll(tx, { id: row.subjectId }, ids, message, at);
}

/** Amazon's returnReceivedCondition that puts a unit back on the shelf. */
export const SELLABLE_CONDITION = 'Sellable';

/**
 * Applies the return items of a getFulfillmentOrder answer, in the caller's transaction (beside
 * the rest of the order's answer): an Authorised item Amazon shows Processed becomes Received with
 * the condition it arrived in, and those items make one credit note on the sale (source
 * 'fo_return'): Sellable units back into stock at the order's location, the rest recorded only.
 * Reading the same answer twice changes nothing. Returns how many items were received.
 */
export async function applyReturnItems(tx: Tx, fo: Pick<FoRow, 'id' | 'saleId' | 'locationId' | 'number'>, detail: GetFulfillmentOrderResult, now: Date): Promise<number> {
  const processed = detail.returnItems.filter((i) => i.status === 'Processed');
  if (processed.length === 0) return 0;
  const rows = await tx
    .select()
    .from(fulfilmentReturns)
    .where(and(eq(fulfilmentReturns.orderId, fo.id), eq(fulfilmentReturns.status, 'Authorised'), inArray(fulfilmentReturns.sellerReturnItemId, processed.map((i) => i.sellerReturnItemId))))
    .orderBy(asc(fulfilmentReturns.sellerReturnItemId))
    .for('update');
  if (rows.length === 0) return 0;
  const prices = new Map(
    (await tx.select({ productId: saleLines.productId, price: saleLines.price }).from(saleLines).where(eq(saleLines.saleId, fo.saleId)).orderBy(asc(saleLines.lineNo))).map((l) => [l.productId, l.price] as const).reverse(),
  );
  const received: { row: ReturnRow; condition: string; at: Date }[] = [];
  for (const r of rows) {
    const item = processed.find((i) => i.sellerReturnItemId === r.sellerReturnItemId)!;
    const condition = item.returnReceivedCondition ?? SELLABLE_CONDITION;
    const at = new Date(item.statusChangedDate);
    await moveReturn(tx, r, 'Authorised', 'Received', { receivedCondition: condition, receivedAt: at });
    received.push({ row: r, condition, at });
  }
  const lines: CreditLineInput[] = received.map(({ row, condition, at }) => ({
    productId: row.productId,
    locationId: fo.locationId,
    quantity: 1,
    amount: prices.get(row.productId) ?? 0,
    disposition: condition,
    reason: row.reasonCode,
    restocked: condition === SELLABLE_CONDITION,
    externalKey: `fr|${row.sellerReturnItemId}`,
    returnedAt: at,
  }));
  const rmas = [...new Set(received.map((r) => r.row.amazonRmaId ?? r.row.returnAuthorizationId).filter(Boolean))].join(', ');
  const note = await writeCreditNote(tx, { saleId: fo.saleId, source: 'fo_return', reference: rmas || fo.number, lines, userId: null, at: now, lockSale: false });
  if (note) await tx.update(fulfilmentReturns).set({ creditNoteId: note.id }).where(inArray(fulfilmentReturns.id, received.map((r) => r.row.id)));
  const words = received.map((r) => `${r.row.sellerReturnItemId} ${r.condition}`).join(', ');
  await logFo(tx, fo.id, `Amazon received the returned unit${received.length > 1 ? 's' : ''}: ${words}${note ? `; credit note ${note.number}` : ''}.`, null, now);
  return received.length;
}

export type FoReturnView = {
  id: string;
  sellerReturnItemId: string;
  lineNo: number;
  sku: string;
  name: string;
  reasonCode: string;
  comment: string | null;
  status: FoReturnStatus;
  returnAuthorizationId: string | null;
  amazonRmaId: string | null;
  condition: string | null;
  error: string | null;
  creditNote: string | null;
  createdAt: string;
  receivedAt: string | null;
};

export type FoReturnsView = {
  returns: FoReturnView[];
  /** Per line of the order: what can still be asked back (the form's limits). */
  lines: { lineNo: number; sellerSku: string; sku: string; name: string; shipped: number; returned: number; returnable: number }[];
};

/** The order page's returns panel and its live JSON. */
export async function foReturnsOf(db: Db | Tx, orderId: string): Promise<FoReturnsView> {
  const [returns, lines] = await Promise.all([
    db
      .select({
        id: fulfilmentReturns.id,
        sellerReturnItemId: fulfilmentReturns.sellerReturnItemId,
        lineNo: fulfilmentReturns.lineNo,
        sku: products.sku,
        name: products.name,
        reasonCode: fulfilmentReturns.reasonCode,
        comment: fulfilmentReturns.comment,
        status: fulfilmentReturns.status,
        returnAuthorizationId: fulfilmentReturns.returnAuthorizationId,
        amazonRmaId: fulfilmentReturns.amazonRmaId,
        condition: fulfilmentReturns.receivedCondition,
        error: fulfilmentReturns.error,
        creditNote: saleCreditNotes.number,
        createdAt: fulfilmentReturns.createdAt,
        receivedAt: fulfilmentReturns.receivedAt,
      })
      .from(fulfilmentReturns)
      .innerJoin(products, eq(products.id, fulfilmentReturns.productId))
      .leftJoin(saleCreditNotes, eq(saleCreditNotes.id, fulfilmentReturns.creditNoteId))
      .where(eq(fulfilmentReturns.orderId, orderId))
      .orderBy(asc(fulfilmentReturns.createdAt), asc(fulfilmentReturns.sellerReturnItemId)),
    returnableLines(db, orderId),
  ]);
  return {
    returns: returns.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), receivedAt: r.receivedAt ? r.receivedAt.toISOString() : null })),
    lines: lines.map(({ productId: _p, ...l }) => l),
  };
}

/**
 * Amazon's return reason codes for a line of the order (listReturnReasonCodes), in Amazon's
 * words. Asked while the page waits, outside any transaction; Amazon's refusal is an AMAZON_ERROR
 * with its words.
 */
export async function returnReasonCodes(db: Db, orderId: string, sellerSku: string, clientFor: (conn: typeof fbaConnections.$inferSelect) => SpApiClient = spClientFor) {
  const [row] = await db
    .select({ fo: fulfilmentOrders, conn: fbaConnections })
    .from(fulfilmentOrders)
    .innerJoin(fbaConnections, eq(fbaConnections.id, fulfilmentOrders.connectionId))
    .where(eq(fulfilmentOrders.id, orderId));
  if (!row) throw new DomainError('NOT_FOUND', 'Unknown fulfilment order.');
  try {
    // The marketplace is what Amazon needs; the order id would only tell it the marketplace again.
    const codes = await clientFor(row.conn).listReturnReasonCodes({ sellerSku, marketplaceId: row.conn.marketplaceId, language: 'en_US' });
    return codes.map((c) => ({ code: c.returnReasonCode, description: c.translatedDescription || c.description }));
  } catch (e) {
    if (isSpApiError(e)) throw new DomainError('AMAZON_ERROR', `Amazon could not list the return reasons. ${amazonReason(e)}`);
    throw e;
  }
}
