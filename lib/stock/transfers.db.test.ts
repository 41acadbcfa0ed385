import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { productCosts, stockLedger } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createAdjustment } from './adjustments';
import { rowsOf } from '@/db/driver';
import { inboundShipments } from '@/db/schema';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { onHand } from '@/test/stock';
import { completeTransferAsReceived, createTransfer, getTransfer, listTransfers, receiveTransfer, receiveTransferLines, shipTransfer, voidTransfer } from './transfers';

let db: Db;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

async function levels(productId: string) {
  const rows = rowsOf<{ location_id: string; bin_id: string | null; on_hand: number }>(
    await db.execute(sql`SELECT location_id, bin_id, on_hand FROM stock_levels WHERE product_id = ${productId} AND on_hand <> 0 ORDER BY on_hand`),
  );
  return rows.map((r) => [r.location_id, r.bin_id, Number(r.on_hand)]);
}

async function setup(qty = 10) {
  const from = await makeLocation(db);
  const to = await makeLocation(db);
  const toBin = await makeBin(db, to.id);
  const p = await makeProduct(db);
  await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: from.id, binId: null, quantity: qty, unitCost: 12_500 }] }, userId);
  const place = { from: { locationId: from.id, binId: null }, to: { locationId: to.id, binId: toBin.id } };
  return { from, to, toBin, p, place };
}

describe('stock transfers', () => {
  it('ships (stock leaves), receives (stock arrives) at the average cost, value unchanged', async () => {
    const { from, to, toBin, p, place } = await setup();
    const tr = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 4 }] }, userId);
    expect(tr.status).toBe('Draft');
    expect(await levels(p.id)).toEqual([[from.id, null, 10]]);
    await shipTransfer(db, tr.id, userId);
    expect(await levels(p.id)).toEqual([[from.id, null, 6]]);
    await receiveTransfer(db, tr.id, userId);
    expect(await levels(p.id)).toEqual([
      [to.id, toBin.id, 4],
      [from.id, null, 6],
    ]);
    const entries = await db.select().from(stockLedger).where(eq(stockLedger.sourceId, tr.id));
    expect(entries.map((e) => [e.quantity, e.unitCost])).toEqual([
      [-4, 12_500],
      [4, 12_500],
    ]);
    const [cost] = await db.select().from(productCosts).where(eq(productCosts.productId, p.id));
    expect(cost).toMatchObject({ quantity: 10, averageCost: 12_500 });
    const view = await getTransfer(db, tr.id);
    expect(view).toMatchObject({ status: 'Completed', from: from.name, to: `${to.name} › ${toBin.name}`, lines: [{ sku: p.sku, quantity: 4 }] });
  });

  it('refuses to ship more than is there, naming SKU and location, and stays Draft', async () => {
    const { from, p, place } = await setup(3);
    const tr = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 5 }] }, userId);
    await expect(shipTransfer(db, tr.id, userId)).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', message: `Not enough stock of ${p.sku} at ${from.name}: 3 available, 5 needed.` });
    expect((await getTransfer(db, tr.id))?.status).toBe('Draft');
  });

  it('voids from each status, reversing what was posted', async () => {
    const { from, p, place } = await setup();
    const draft = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 1 }] }, userId);
    await voidTransfer(db, draft.id, 'Draft', userId);
    const transit = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 2 }] }, userId);
    await shipTransfer(db, transit.id, userId);
    expect(await levels(p.id)).toEqual([[from.id, null, 8]]);
    await voidTransfer(db, transit.id, 'In Transit', userId);
    expect(await levels(p.id)).toEqual([[from.id, null, 10]]);
    const done = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 3 }] }, userId);
    await shipTransfer(db, done.id, userId);
    await receiveTransfer(db, done.id, userId);
    await voidTransfer(db, done.id, 'Completed', userId);
    expect(await levels(p.id)).toEqual([[from.id, null, 10]]);
    expect((await getTransfer(db, done.id))?.status).toBe('Voided');
  });

  it('refuses to void a completed transfer whose stock has left the destination', async () => {
    const { to, toBin, p, place } = await setup();
    const tr = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 3 }] }, userId);
    await shipTransfer(db, tr.id, userId);
    await receiveTransfer(db, tr.id, userId);
    await createAdjustment(db, { reason: 'Sold', lines: [{ sku: p.sku, locationId: to.id, binId: toBin.id, quantity: -2, unitCost: null }] }, userId);
    await expect(voidTransfer(db, tr.id, 'Completed', userId)).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: expect.stringContaining(`Transfer ${tr.number} cannot be voided because the stock it delivered has since left the destination. Not enough stock of ${p.sku} at ${to.name}`),
    });
    expect((await getTransfer(db, tr.id))?.status).toBe('Completed');
  });

  it('refuses wrong transitions and stale views', async () => {
    const { p, place } = await setup();
    const tr = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 1 }] }, userId);
    await expect(receiveTransfer(db, tr.id, userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: `Transfer ${tr.number} is Draft: it cannot become Completed.` });
    await shipTransfer(db, tr.id, userId);
    await expect(shipTransfer(db, tr.id, userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    // The user opened the page while it was a Draft; it has shipped since.
    await expect(voidTransfer(db, tr.id, 'Draft', userId)).rejects.toMatchObject({ code: 'STALE_STATE', message: expect.stringContaining('now In Transit') });
    await voidTransfer(db, tr.id, 'In Transit', userId);
    await expect(voidTransfer(db, tr.id, 'In Transit', userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(voidTransfer(db, '00000000-0000-4000-8000-000000000000', 'Draft', userId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses the same place, bad quantities and unknown SKUs', async () => {
    const { p, place } = await setup();
    await expect(createTransfer(db, { from: place.from, to: place.from, lines: [{ sku: p.sku, quantity: 1 }] }, userId)).rejects.toMatchObject({ fieldErrors: { to: [expect.any(String)] } });
    await expect(createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 0 }] }, userId)).rejects.toMatchObject({ fieldErrors: { 'quantity.0': [expect.any(String)] } });
    await expect(createTransfer(db, { ...place, lines: [{ sku: 'NOPE', quantity: 1 }] }, userId)).rejects.toMatchObject({ fieldErrors: { 'sku.0': [expect.any(String)] } });
    await expect(createTransfer(db, { ...place, to: { locationId: place.to.locationId, binId: null }, lines: [{ sku: p.sku, quantity: 1 }] }, userId)).rejects.toMatchObject({
      fieldErrors: { to: ['This location has bins: choose one.'] },
    });
    const byId = await createTransfer(db, { ...place, lines: [{ productId: p.id, quantity: 1 }] }, userId);
    expect(byId.status).toBe('Draft');
    const page = await listTransfers(db, { sort: 'number', dir: 'desc', after: null });
    expect(page.rows[0]).toMatchObject({ id: byId.id, lines: 1, status: 'Draft' });
  });

  it('receives in parts (non-valued, received raised), completes with what was received, and void reverses it all', async () => {
    const { from, to, toBin, p, place } = await setup();
    const p2 = await makeProduct(db);
    await createAdjustment(db, { reason: 'In', lines: [{ sku: p2.sku, locationId: from.id, binId: null, quantity: 5, unitCost: 2_000 }] }, userId);
    const tr = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 6 }, { sku: p2.sku, quantity: 5 }] }, userId);
    await expect(db.transaction((tx) => receiveTransferLines(tx, tr.id, [{ lineNo: 1, quantity: 1 }], userId))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await shipTransfer(db, tr.id, userId);
    await db.transaction((tx) => receiveTransferLines(tx, tr.id, [{ lineNo: 1, quantity: 3 }], userId));
    await db.transaction((tx) => receiveTransferLines(tx, tr.id, [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 5 }], userId));
    await expect(db.transaction((tx) => receiveTransferLines(tx, tr.id, [{ lineNo: 1, quantity: 2 }], userId))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `Line 1 of transfer ${tr.number}: 5 of 6 received; 2 more cannot be received.`,
    });
    expect(await onHand(db, p.id, to.id, toBin.id)).toBe(5);
    expect(await onHand(db, p2.id, to.id, toBin.id)).toBe(5);
    await db.transaction((tx) => completeTransferAsReceived(tx, tr.id, userId));
    const view = await getTransfer(db, tr.id);
    expect(view).toMatchObject({ status: 'Completed', lines: [{ quantity: 6, received: 5 }, { quantity: 5, received: 5 }] });
    expect(view?.receivedAt).not.toBeNull();
    await voidTransfer(db, tr.id, 'Completed', userId);
    expect(await onHand(db, p.id, to.id, toBin.id)).toBe(0);
    expect(await onHand(db, p.id, from.id)).toBe(10);
    expect(await onHand(db, p2.id, from.id)).toBe(5);
  });

  it("a transfer of an inbound shipment: Receive and Void refused (Amazon's receipts and X drive it), void allowed for the inbound shipment", async () => {
    const { p, place } = await setup();
    const { conn } = await makeFbaConnection(db);
    const tr = await createTransfer(db, { ...place, lines: [{ sku: p.sku, quantity: 2 }] }, userId);
    await db.insert(inboundShipments).values({ connectionId: conn.id, transferId: tr.id, name: `${tr.number} from Main`, shipFrom: {} });
    await shipTransfer(db, tr.id, userId);
    await expect(receiveTransfer(db, tr.id, userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining(`inbound shipment ${tr.number} from Main: it is received as Amazon reports what it received`) });
    await expect(voidTransfer(db, tr.id, 'In Transit', userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('delete the inbound shipment with X') });
    expect((await voidTransfer(db, tr.id, 'In Transit', userId, { byInbound: true })).status).toBe('Voided');
  });
});
