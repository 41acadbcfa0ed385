import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, fulfilmentOrderItems, fulfilmentOrderLog, fulfilmentReturns, saleLines, stockLedger } from '@/db/schema';
import { processFo, refreshFo } from '@/lib/fulfilment/fo-actions';
import { drainOutboxUntilIdle } from '@/lib/fulfilment/outbox-drain';
import { trackConnection } from '@/lib/fulfilment/tracking';
import { postMovements } from '@/lib/stock/ledger';
import { DEMO_SELLER } from '@/sandbox/index';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeQueuedFulfilmentOrder } from '@/test/fulfilment-send-fixtures';
import { onHand } from '@/test/stock';
import { creditNotesOf } from './credit-notes';
import { foReturnsOf, requestFoReturn, returnReasonCodes } from './fo-returns';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let connId: string;
const HOUR = 3600;
const DAY = 24 * HOUR;

beforeAll(async () => {
  env = await startFulfilmentSandbox();
  db = (await createTestDb()).db;
  connId = (await makeFbaConnection(db)).conn.id;
});
afterAll(() => env?.sandbox.close());

const conn = async () => (await db.select().from(fbaConnections).where(eq(fbaConnections.id, connId)))[0];
const track = async () => trackConnection(db, await conn(), { clientFor: env.clientFor });
const drain = () => drainOutboxUntilIdle(db, { workerId: 'w', clientFor: env.clientFor });
const returns = (orderId: string) => db.select().from(fulfilmentReturns).where(eq(fulfilmentReturns.orderId, orderId)).orderBy(asc(fulfilmentReturns.sellerReturnItemId));
const log = async (id: string) => (await db.select().from(fulfilmentOrderLog).where(eq(fulfilmentOrderLog.orderId, id)).orderBy(asc(fulfilmentOrderLog.id))).map((r) => r.message);
const sandboxStock = async (sku: string) =>
  (await env.sandbox.admin<{ inventory: { sellerSku: string; fulfillable: number; unfulfillable: number }[] }>('GET', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/inventory`)).inventory.find((i) => i.sellerSku === sku)!;

/** A shipped fulfilment order of DEMO-005 × 2 and DEMO-006 × 1, sold at 25.00 each, whose units left the FBA location at 4.0000. */
async function shippedOrder() {
  const c = await conn();
  const made = await makeQueuedFulfilmentOrder(db, { id: c.id, locationId: c.locationId }, { items: [{ sku: 'DEMO-005', quantity: 2 }, { sku: 'DEMO-006', quantity: 1 }] });
  const items = await db.select().from(fulfilmentOrderItems).where(eq(fulfilmentOrderItems.orderId, made.fo.id)).orderBy(asc(fulfilmentOrderItems.lineNo));
  await db.insert(saleLines).values(items.map((i) => ({ saleId: made.sale.id, lineNo: i.lineNo, productId: i.productId, quantity: i.quantity, price: 2500, locationId: c.locationId })));
  await db.transaction(async (tx) => {
    await postMovements(tx, items.map((i) => ({ productId: i.productId, locationId: c.locationId, binId: null, quantity: 5, valued: true, unitCost: 4_0000, sourceType: 'adjustment' as const, sourceId: randomUUID(), sourceLine: i.lineNo })), null);
    await postMovements(tx, items.map((i) => ({ productId: i.productId, locationId: c.locationId, binId: null, quantity: -i.quantity, valued: true, sourceType: 'sale' as const, sourceId: made.sale.id, sourceLine: i.lineNo })), null);
  });
  await db.transaction((tx) => processFo(tx, made.fo.id, null));
  await drain();
  await env.sandbox.advance(30 + 2 * HOUR + 60);
  await track();
  const shipped = await db.select().from(fulfilmentOrderItems).where(eq(fulfilmentOrderItems.orderId, made.fo.id)).orderBy(asc(fulfilmentOrderItems.lineNo));
  expect(shipped.map((i) => i.shippedQuantity)).toEqual([2, 1]);
  return { ...made, items, locationId: c.locationId };
}

describe('fulfilment order returns through the sandbox', () => {
  it('request → Authorised → (4 days at Amazon) → tracking → Received, with a credit note and the sellable units back in stock', async () => {
    await env.faults({ lostPackageShare: 0 });
    const o = await shippedOrder();
    const [first, second] = o.items;

    const codes = await returnReasonCodes(db, o.fo.id, 'DEMO-005', env.clientFor);
    expect(codes).toContainEqual({ code: 'CR-DEFECTIVE', description: 'Defective/Does not work properly' });

    // More than was shipped is refused beside the line's field, and nothing is written.
    await expect(db.transaction((tx) => requestFoReturn(tx, { orderId: o.fo.id, reasonCode: 'CR-DEFECTIVE', comment: null, lines: [{ lineNo: 1, quantity: 3 }] }, null))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: { 'quantity.1': ['At most 2 (shipped 2, already returned 0).'] },
    });
    expect(await returns(o.fo.id)).toEqual([]);

    // A reason Amazon does not know: Amazon refuses the item, in its words; the unit can be asked again.
    await db.transaction((tx) => requestFoReturn(tx, { orderId: o.fo.id, reasonCode: 'CR-NOT-A-CODE', comment: null, lines: [{ lineNo: 2, quantity: 1 }] }, null));
    await drain();
    expect(await returns(o.fo.id)).toEqual([expect.objectContaining({ sellerReturnItemId: `${o.fo.number}-RET1`, status: 'Refused', error: expect.stringContaining('Unknown returnReasonCode CR-NOT-A-CODE') })]);

    await db.transaction((tx) =>
      requestFoReturn(tx, { orderId: o.fo.id, reasonCode: 'CR-DEFECTIVE', comment: 'Stopped working', lines: [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 1 }] }, null),
    );
    expect((await foReturnsOf(db, o.fo.id)).lines.map((l) => l.returnable)).toEqual([0, 0]);
    const creates = env.count('createFulfillmentReturn');
    await drain();
    // The DEMO-006 unit will arrive Defective.
    await env.sandbox.admin('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/fulfillment-returns/${o.fo.number}-RET4`, { condition: 'Defective' });
    expect(env.count('createFulfillmentReturn')).toBe(creates + 1);
    const authorised = (await returns(o.fo.id)).filter((r) => r.status !== 'Refused');
    expect(authorised).toHaveLength(3);
    for (const r of authorised) expect(r).toMatchObject({ status: 'Authorised', returnAuthorizationId: expect.stringMatching(/^RA/), amazonRmaId: expect.stringMatching(/RRMA$/), amazonShipmentId: expect.stringMatching(/^T/) });
    expect((await log(o.fo.id)).some((m) => m.startsWith(`Amazon authorised the return of ${o.fo.number}-RET2 (RMA `))).toBe(true);

    // Not processed yet: the tracking run reads the order (its status did not change) and nothing moves.
    const reads = env.count('getFulfillmentOrder');
    await track();
    expect(env.count('getFulfillmentOrder')).toBe(reads + 1);
    expect((await returns(o.fo.id)).filter((r) => r.status === 'Authorised')).toHaveLength(3);

    const before = { a: await sandboxStock('DEMO-005'), b: await sandboxStock('DEMO-006') };
    expect(await onHand(db, first.productId, o.locationId)).toBe(3);
    expect(await onHand(db, second.productId, o.locationId)).toBe(4);
    await env.sandbox.advance(4 * DAY + 60);
    await track();

    const received = (await returns(o.fo.id)).filter((r) => r.status !== 'Refused');
    expect(received.map((r) => [r.status, r.receivedCondition])).toEqual([
      ['Received', 'Sellable'],
      ['Received', 'Sellable'],
      ['Received', 'Defective'],
    ]);
    expect(await onHand(db, first.productId, o.locationId)).toBe(5);
    expect(await onHand(db, second.productId, o.locationId)).toBe(4);
    const back = await db.select().from(stockLedger).where(eq(stockLedger.sourceType, 'return'));
    // One entry per credit note line (a unit each), at the cost the sale took the units out at.
    expect(back.filter((e) => e.productId === first.productId).map((e) => [e.quantity, e.unitCost])).toEqual([
      [1, 4_0000],
      [1, 4_0000],
    ]);

    const notes = await creditNotesOf(db, o.sale.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ source: 'fo_return', sourceLabel: 'Fulfilment order return', total: 7500, reference: expect.stringMatching(/RRMA$/) });
    expect(notes[0].lines.map((l) => [l.quantity, l.disposition, l.reason, l.restocked, l.amount])).toEqual([
      [1, 'Sellable', 'CR-DEFECTIVE', true, 2500],
      [1, 'Sellable', 'CR-DEFECTIVE', true, 2500],
      [1, 'Defective', 'CR-DEFECTIVE', false, 2500],
    ]);
    for (const r of received) expect(r.creditNoteId).toBe(notes[0].id);
    expect((await foReturnsOf(db, o.fo.id)).returns.filter((r) => r.status === 'Received').map((r) => r.creditNote)).toEqual([notes[0].number, notes[0].number, notes[0].number]);

    // Amazon's stock: the sellable units fulfillable again, the defective one unfulfillable.
    expect((await sandboxStock('DEMO-005')).fulfillable).toBe(before.a.fulfillable + 2);
    expect((await sandboxStock('DEMO-006')).unfulfillable).toBe(before.b.unfulfillable + 1);

    // Read again (Refresh status): nothing more is credited, and the tracking run stops reading the order.
    await db.transaction((tx) => refreshFo(tx, o.fo.id, null));
    await drain();
    expect(await creditNotesOf(db, o.sale.id)).toHaveLength(1);
    expect(await onHand(db, first.productId, o.locationId)).toBe(5);
    const readsAfter = env.count('getFulfillmentOrder');
    await track();
    expect(env.count('getFulfillmentOrder')).toBe(readsAfter);
  });

  it('an order with nothing shipped cannot return anything', async () => {
    const c = await conn();
    const made = await makeQueuedFulfilmentOrder(db, { id: c.id, locationId: c.locationId });
    await expect(db.transaction((tx) => requestFoReturn(tx, { orderId: made.fo.id, reasonCode: 'CR-DEFECTIVE', comment: null, lines: [{ lineNo: 1, quantity: 1 }] }, null))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });
});
