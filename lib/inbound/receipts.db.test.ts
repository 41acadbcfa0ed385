import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { inboundBoxes, inboundShipmentLines, stockTransferLines, stockTransfers } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { makeConfirmedInbound } from '@/test/inbound-fixtures';
import { onHand } from '@/test/stock';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { getInboundReceipts, hasShortfall } from './receipts';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  env = await startFulfilmentSandbox({ rateScale: 1000 });
  userId = (await makeUser(db)).id;
});
afterAll(() => env.sandbox.close());

describe('makeConfirmedInbound and getInboundReceipts', () => {
  it('makes a confirmed, partnered shipment in one Amazon shipment with its transfer shipped', async () => {
    const f = await makeConfirmedInbound(db, env, { lines: [{ quantity: 5 }, { quantity: 3 }], userId });
    expect(f.inbound).toMatchObject({ status: 'Ready to Ship', step: 'done', name: `${f.transfer.number} from ${f.source.name}` });
    expect(f.inbound.estimatedCharges).toBeGreaterThan(0);
    expect(f.amazonShipments).toHaveLength(1);
    expect(f.amazonShipments[0]).toMatchObject({ amazonStatus: 'READY_TO_SHIP', partnered: true });
    expect(f.amazonShipments[0].confirmationId).toMatch(/^FBA/);
    const [tr] = await db.select().from(stockTransfers).where(eq(stockTransfers.id, f.transfer.id));
    expect(tr).toMatchObject({ status: 'In Transit', toLocationId: f.connection.conn.locationId, fromLocationId: f.source.id });
    const trLines = await db.select().from(stockTransferLines).where(eq(stockTransferLines.transferId, tr.id)).orderBy(stockTransferLines.lineNo);
    const inLines = await db.select().from(inboundShipmentLines).where(eq(inboundShipmentLines.inboundId, f.inbound.id)).orderBy(inboundShipmentLines.lineNo);
    expect(trLines.map((l) => [l.lineNo, l.productId, l.quantity])).toEqual(inLines.map((l) => [l.lineNo, l.productId, l.quantity]));
    expect(await onHand(db, f.lines[0].productId, f.source.id)).toBe(0);
    const boxes = await db.select().from(inboundBoxes).where(eq(inboundBoxes.inboundId, f.inbound.id));
    expect(boxes.every((b) => b.amazonBoxId?.startsWith(f.amazonShipments[0].confirmationId ?? '?'))).toBe(true);
    const receipts = await getInboundReceipts(db, f.inbound.id);
    expect(receipts.map((r) => [r.lineNo, r.shipped, r.received, r.short])).toEqual([
      [1, 5, 0, null],
      [2, 3, 0, null],
    ]);
    expect(hasShortfall(receipts)).toBe(false);
  });

  it('splits into two Amazon shipments, own carrier, transfer still Draft (Setup "On Hold")', async () => {
    const f = await makeConfirmedInbound(db, env, { lines: [{ quantity: 4 }], shipments: 2, partnered: false, shipped: false });
    expect(f.transfer.status).toBe('Draft');
    expect(f.inbound.estimatedCharges).toBeNull();
    expect(f.amazonShipments).toHaveLength(2);
    const receipts = await getInboundReceipts(db, f.inbound.id);
    expect(receipts.map((r) => r.shipped)).toEqual(expect.arrayContaining([2, 2]));
    expect(await onHand(db, f.lines[0].productId, f.source.id)).toBe(4);
  });

  it('leaves a shipment Working when transport is not confirmed', async () => {
    const f = await makeConfirmedInbound(db, env, { transport: false });
    expect(f.inbound.status).toBe('Working');
    expect(f.amazonShipments[0].amazonStatus).toBe('WORKING');
  });
});
