import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { inboundLog, inboundShipments, labelDocuments, stockTransfers } from '@/db/schema';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeLocation, makeUser } from '@/test/fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeConfirmedInbound } from '@/test/inbound-fixtures';
import { onHand } from '@/test/stock';
import { AMAZON_NOT_DELETED, deleteInbound } from './delete';
import { listInbound, readInboundListParams } from './list';
import { downloadInboundStatuses } from './status-download';

let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  env = await startFulfilmentSandbox({ rateScale: 1000 });
  userId = (await makeUser(db)).id;
});
afterAll(() => env.sandbox.close());

describe('listInbound', () => {
  it('lists a connection’s shipments newest first, searches by transfer #, from location and date, filters a date range, pages by keyset, hides deleted ones, in one query', async () => {
    const connection = await makeFbaConnection(db, { sellerId: 'AINBOUNDLIST1' });
    const other = await makeFbaConnection(db, { sellerId: 'AINBOUNDLIST2' });
    const north = await makeLocation(db, 'North Depot');
    const south = await makeLocation(db, 'South Depot');
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 10, 0, 0));
    const made: Awaited<ReturnType<typeof makeConfirmedInbound>>[] = [];
    for (const [i, source] of [north, north, south, south, north].entries()) made.push(await makeConfirmedInbound(db, env, { connection, source, createdAt: day(i + 1), userId }));
    await makeConfirmedInbound(db, env, { connection: other, createdAt: day(2) });
    await db.insert(labelDocuments).values([
      { kind: 'box', connectionId: connection.conn.id, inboundId: made[4].inbound.id, format: 'PackageLabel_Letter_2', status: 'done', fileName: 'boxes.pdf' },
      { kind: 'fnsku', connectionId: connection.conn.id, inboundId: made[4].inbound.id, format: 'letter-30', status: 'running' },
    ]);

    const spy = vi.spyOn(db, 'select');
    const page = await listInbound(db, connection.conn.id, { after: null });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(page.rows.map((r) => r.id)).toEqual(made.map((m) => m.inbound.id).reverse());
    expect(page.rows[0]).toMatchObject({
      transferNumber: made[4].transfer.number,
      fromLocation: 'North Depot',
      status: 'Ready to Ship',
      amazonIds: [made[4].amazonShipments[0].confirmationId],
      labels: [{ kind: 'box', format: 'PackageLabel_Letter_2', fileName: 'boxes.pdf' }],
    });
    expect(page.rows[0].estimatedCharges).toBeGreaterThan(0);
    expect(page.rows[1].labels).toEqual([]);

    const ids = async (sp: Record<string, string>) => (await listInbound(db, connection.conn.id, readInboundListParams(sp))).rows.map((r) => r.id);
    const idOf = (i: number) => made[i].inbound.id;
    expect(await ids({ q: made[2].transfer.number.toLowerCase() })).toEqual([idOf(2)]);
    expect(await ids({ q: 'south' })).toEqual([idOf(3), idOf(2)]);
    expect(await ids({ q: '2026-03-02' })).toEqual([idOf(1)]);
    expect(await ids({ from: '2026-03-02', to: '2026-03-04' })).toEqual([idOf(3), idOf(2), idOf(1)]);
    expect(await ids({ from: 'nonsense', to: '2026-03-01' })).toEqual([idOf(0)]);
    expect(await ids({ q: 'nowhere' })).toEqual([]);

    const first = await listInbound(db, connection.conn.id, { after: null, limit: 2 });
    expect(first.rows.map((r) => r.id)).toEqual([idOf(4), idOf(3)]);
    const second = await listInbound(db, connection.conn.id, { ...readInboundListParams({ after: first.next ?? '' }), limit: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([idOf(2), idOf(1)]);
    const third = await listInbound(db, connection.conn.id, { ...readInboundListParams({ after: second.next ?? '' }), limit: 2 });
    expect(third).toMatchObject({ rows: [{ id: idOf(0) }], next: null });

    await deleteInbound(db, idOf(3), userId);
    expect(await ids({ q: 'south' })).toEqual([idOf(2)]);
  });
});

describe('deleteInbound (X)', () => {
  const transfer = async (id: string) => (await db.select().from(stockTransfers).where(eq(stockTransfers.id, id)))[0];

  it('from In Transit: voids the transfer (the goods back at the source), marks the record deleted, logs it, says Amazon is not touched', async () => {
    const f = await makeConfirmedInbound(db, env, { lines: [{ quantity: 4 }], userId });
    expect(await onHand(db, f.lines[0].productId, f.source.id)).toBe(0);
    const calls = env.calls.length;
    const result = await deleteInbound(db, f.inbound.id, userId);
    expect(result.message).toBe(`Inbound shipment ${f.inbound.name} deleted here and transfer ${f.transfer.number} voided (its stock movements reversed). ${AMAZON_NOT_DELETED}`);
    expect(AMAZON_NOT_DELETED).toContain('NOT deleted');
    expect(env.calls.length).toBe(calls); // nothing sent to Amazon
    expect((await transfer(f.transfer.id)).status).toBe('Voided');
    expect(await onHand(db, f.lines[0].productId, f.source.id)).toBe(4);
    const [row] = await db.select().from(inboundShipments).where(eq(inboundShipments.id, f.inbound.id));
    expect(row.deletedAt).not.toBeNull();
    expect(row.deletedBy).toBe(userId);
    const log = await db.select().from(inboundLog).where(eq(inboundLog.inboundId, f.inbound.id));
    expect(log.at(-1)).toMatchObject({ message: result.message, userId });
    await expect(deleteInbound(db, f.inbound.id, userId)).rejects.toMatchObject({ code: 'STALE_STATE' });
  });

  it('from Draft: voids the transfer, nothing to reverse', async () => {
    const f = await makeConfirmedInbound(db, env, { shipped: false });
    const result = await deleteInbound(db, f.inbound.id, userId);
    expect(result.message).toContain(`transfer ${f.transfer.number} voided. `);
    expect((await transfer(f.transfer.id)).status).toBe('Voided');
    expect(await onHand(db, f.lines[0].productId, f.source.id)).toBe(6);
  });

  it('refuses when stock Amazon received has since left the FBA location, changing nothing; refuses another connection’s shipment', async () => {
    const f = await makeConfirmedInbound(db, env, { lines: [{ quantity: 4 }] });
    await env.sandbox.advance(60 * 3600); // picked up, then RECEIVING: half received
    await downloadInboundStatuses(db, f.connection.conn.id, { clientFor: env.clientFor });
    const fba = f.connection.conn.locationId;
    expect(await onHand(db, f.lines[0].productId, fba)).toBe(2);
    await createAdjustment(db, { reason: 'Sold at Amazon', lines: [{ sku: f.lines[0].sku, locationId: fba, binId: null, quantity: -2, unitCost: null }] }, userId);
    await expect(deleteInbound(db, f.inbound.id, userId, { connectionId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteInbound(db, f.inbound.id, userId)).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: `Inbound shipment ${f.inbound.name} cannot be deleted: its transfer ${f.transfer.number} cannot be voided because stock it delivered to the FBA location has since left it (sold or moved). Nothing was changed.`,
    });
    expect((await transfer(f.transfer.id)).status).toBe('In Transit');
    const [row] = await db.select().from(inboundShipments).where(eq(inboundShipments.id, f.inbound.id));
    expect(row.deletedAt).toBeNull();
  });

  it('a partially received transfer: void reverses the received part and the outbound leg', async () => {
    const f = await makeConfirmedInbound(db, env, { lines: [{ quantity: 6 }] });
    await env.sandbox.advance(60 * 3600);
    await downloadInboundStatuses(db, f.connection.conn.id, { clientFor: env.clientFor });
    const fba = f.connection.conn.locationId;
    expect(await onHand(db, f.lines[0].productId, fba)).toBe(3);
    await deleteInbound(db, f.inbound.id, userId);
    expect(await onHand(db, f.lines[0].productId, fba)).toBe(0);
    expect(await onHand(db, f.lines[0].productId, f.source.id)).toBe(6);
  });
});
