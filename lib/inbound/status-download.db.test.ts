import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { fbaSyncRuns, inboundAmazonShipments, inboundLog, inboundShipments, stockAdjustments, stockLedger, stockTransferLines, stockTransfers } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeUser } from '@/test/fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeConfirmedInbound } from '@/test/inbound-fixtures';
import { onHand } from '@/test/stock';
import { getInboundReceipts, hasShortfall } from './receipts';
import { downloadAllConnections, downloadInboundStatuses, drainInboundDownloads, getLatestInboundRun, nextAmazonStatus, requestInboundDownload } from './status-download';

const HOUR = 3600;
let db: Db;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let userId: string;
let connection: Awaited<ReturnType<typeof makeFbaConnection>>;
let a: Awaited<ReturnType<typeof makeConfirmedInbound>>;
let b: Awaited<ReturnType<typeof makeConfirmedInbound>>;
let cancelled: Awaited<ReturnType<typeof makeConfirmedInbound>>;
let deleted: Awaited<ReturnType<typeof makeConfirmedInbound>>;

beforeAll(async () => {
  db = (await createTestDb()).db;
  env = await startFulfilmentSandbox({ rateScale: 1000 });
  await env.faults({ shortReceiptShare: 1 });
  userId = (await makeUser(db)).id;
  connection = await makeFbaConnection(db, { sellerId: 'AINBOUNDDL1' });
  // a: two lines in one Amazon shipment, transfer shipped; b: one line split in two Amazon
  // shipments, transfer still Draft (Setup "On Hold"); two more Amazon will move but we must not read.
  a = await makeConfirmedInbound(db, env, { connection, lines: [{ quantity: 6 }, { quantity: 4 }], userId });
  b = await makeConfirmedInbound(db, env, { connection, lines: [{ quantity: 8 }], shipments: 2, partnered: false, shipped: false, userId });
  cancelled = await makeConfirmedInbound(db, env, { connection, userId });
  await db.update(inboundShipments).set({ status: 'Cancelled' }).where(eq(inboundShipments.id, cancelled.inbound.id));
  deleted = await makeConfirmedInbound(db, env, { connection, userId });
  await db.update(inboundShipments).set({ deletedAt: new Date() }).where(eq(inboundShipments.id, deleted.inbound.id));
}, 120_000);
afterAll(() => env.sandbox.close());

const status = async (id: string) => (await db.select().from(inboundShipments).where(eq(inboundShipments.id, id)))[0];
const transfer = async (id: string) => (await db.select().from(stockTransfers).where(eq(stockTransfers.id, id)))[0];
const amazonStatuses = async (id: string) => (await db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, id))).map((r) => r.amazonStatus);
const ledgerCount = async () => Number(rowsOf<{ n: string }>(await db.execute(sql`SELECT count(*) AS n FROM ${stockLedger}`))[0].n);
const fba = () => connection.conn.locationId;
const download = () => downloadInboundStatuses(db, connection.conn.id, { clientFor: env.clientFor });

describe('nextAmazonStatus', () => {
  it('keeps READY_TO_SHIP when v0 says WORKING, never moves back, takes anything else', () => {
    expect(nextAmazonStatus('READY_TO_SHIP', 'WORKING')).toBe('READY_TO_SHIP');
    expect(nextAmazonStatus('RECEIVING', 'IN_TRANSIT')).toBe('RECEIVING');
    expect(nextAmazonStatus('WORKING', 'SHIPPED')).toBe('SHIPPED');
    expect(nextAmazonStatus('SHIPPED', 'CANCELLED')).toBe('CANCELLED');
    expect(nextAmazonStatus('SHIPPED', undefined)).toBe('SHIPPED');
  });
});

describe('downloadInboundStatuses against the sandbox', () => {
  it('before pickup: nothing moves (v0 WORKING is not a step back from Ready to Ship)', async () => {
    const r = await download();
    expect(r).toMatchObject({ shipments: 2, changed: 0 });
    expect((await status(a.inbound.id)).status).toBe('Ready to Ship');
    expect(await amazonStatuses(a.inbound.id)).toEqual(['READY_TO_SHIP']);
    expect((await status(a.inbound.id)).statusCheckedAt).not.toBeNull();
  });

  it('once picked up: Shipped, and the Draft transfer is shipped (stock leaves the source) and logged', async () => {
    expect((await transfer(b.transfer.id)).status).toBe('Draft');
    expect(await onHand(db, b.lines[0].productId, b.source.id)).toBe(8);
    await env.sandbox.advance(2 * HOUR);
    const r = await download();
    expect(r).toMatchObject({ shipments: 2, changed: 2 });
    expect((await status(a.inbound.id)).status).toBe('Shipped');
    expect((await status(b.inbound.id)).status).toBe('Shipped');
    expect(await amazonStatuses(b.inbound.id)).toEqual(['SHIPPED', 'SHIPPED']);
    expect((await transfer(b.transfer.id)).status).toBe('In Transit');
    expect(await onHand(db, b.lines[0].productId, b.source.id)).toBe(0);
    const log = await db.select().from(inboundLog).where(eq(inboundLog.inboundId, b.inbound.id));
    expect(log.map((l) => l.message).join('\n')).toMatch(/Transfer TR-\d+ shipped: Amazon reports the goods shipped/);
    // Cancelled and deleted ones are not read nor written.
    for (const x of [cancelled, deleted]) {
      expect((await status(x.inbound.id)).statusCheckedAt).toBeNull();
      expect(await amazonStatuses(x.inbound.id)).toEqual(['READY_TO_SHIP']);
    }
  });

  it('receiving: half the units are in the FBA location, through the transfer, still In Transit', async () => {
    await env.sandbox.advance(55 * HOUR);
    await download();
    expect((await status(a.inbound.id)).status).toBe('Receiving');
    expect(await onHand(db, a.lines[0].productId, fba())).toBe(3);
    expect(await onHand(db, a.lines[1].productId, fba())).toBe(2);
    expect((await transfer(a.transfer.id)).status).toBe('In Transit');
    const lines = await db.select().from(stockTransferLines).where(eq(stockTransferLines.transferId, a.transfer.id)).orderBy(stockTransferLines.lineNo);
    expect(lines.map((l) => l.received)).toEqual([3, 2]);
    expect(hasShortfall(await getInboundReceipts(db, a.inbound.id))).toBe(false);
  });

  it('closed short: the transfer completes with what Amazon received, the FBA location holds exactly that, the shortfall shows', async () => {
    await env.sandbox.advance(50 * HOUR);
    await download();
    for (const x of [a, b]) {
      expect((await status(x.inbound.id)).status).toBe('Closed');
      expect((await transfer(x.transfer.id)).status).toBe('Completed');
      const client = x.client;
      const receipts = await getInboundReceipts(db, x.inbound.id);
      for (const line of x.lines) {
        let amazonReceived = 0;
        for (const s of x.amazonShipments) {
          const items = await client.getShipmentItemsByShipmentId(s.confirmationId ?? '', 'ATVPDKIKX0DER');
          amazonReceived += items.find((i) => i.SellerSKU === line.sku)?.QuantityReceived ?? 0;
        }
        expect(await onHand(db, line.productId, fba())).toBe(amazonReceived);
        expect(receipts.filter((r) => r.lineNo === line.lineNo).reduce((n, r) => n + r.received, 0)).toBe(amazonReceived);
      }
      expect(hasShortfall(receipts)).toBe(true); // shortReceiptShare: 1 shorts each shipment's first item
      const log = await db.select().from(inboundLog).where(eq(inboundLog.inboundId, x.inbound.id));
      expect(log.map((l) => l.message).join('\n')).toMatch(/Closed by Amazon: \d+ of \d+ units received, short \d+ × .* written off by stock adjustment ADJ-\d+/);
      // Nothing is left in transit: the company owns what its locations hold (the shortfall was written off).
      for (const line of x.lines) {
        const [held] = rowsOf<{ on_hand: string; owned: string }>(
          await db.execute(sql`SELECT (SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE product_id = ${line.productId}) AS on_hand, (SELECT quantity FROM product_costs WHERE product_id = ${line.productId}) AS owned`),
        );
        expect(Number(held.owned)).toBe(Number(held.on_hand));
      }
      const [writeOff] = await db.select().from(stockAdjustments).where(eq(stockAdjustments.reason, `Short receipt at Amazon: inbound shipment ${x.inbound.name}`));
      expect(writeOff?.status).toBe('Completed');
    }
    const a1 = (await getInboundReceipts(db, a.inbound.id)).find((r) => r.lineNo === 1)!;
    expect(a1.short).toBe(a1.shipped - a1.received);
    expect(a1.short).toBeGreaterThan(0);
  });

  it('is idempotent: a second download posts nothing and changes nothing; closed ones are no longer read', async () => {
    const before = await ledgerCount();
    const calls = env.count('getShipments');
    const r = await download();
    expect(r).toMatchObject({ shipments: 0, changed: 0 });
    expect(await ledgerCount()).toBe(before);
    expect(env.count('getShipments')).toBe(calls);
  });

  it('never imports shipments made in Seller Central', async () => {
    const [{ n }] = rowsOf<{ n: string }>(await db.execute(sql`SELECT count(*) AS n FROM ${inboundShipments}`));
    expect(Number(n)).toBe(4);
  });
});

describe('the queued run (Download) and the hourly job', () => {
  it('queues one run per connection, runs it through the drain with its phases, and the hourly job runs every active connection', async () => {
    const other = await makeConfirmedInbound(db, env, { connection, userId });
    const run = await requestInboundDownload(db, connection.conn.id, 'force', userId);
    const again = await requestInboundDownload(db, connection.conn.id, 'force', userId);
    expect(again.id).toBe(run.id);
    await env.sandbox.advance(2 * HOUR);
    const [done] = await drainInboundDownloads(db, { clientFor: env.clientFor });
    expect(done).toMatchObject({ status: 'done', phase: 'Done', done: 1, total: 1 });
    expect(done?.summary).toBe('1 inbound shipment read from Amazon, 1 changed.');
    expect((await status(other.inbound.id)).status).toBe('Shipped');
    expect((await getLatestInboundRun(db, connection.conn.id))?.id).toBe(run.id);

    const result = await downloadAllConnections(db, { clientFor: env.clientFor });
    expect(result.connections).toBeGreaterThanOrEqual(1);
    const runs = await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.connectionId, connection.conn.id));
    expect(runs.filter((r) => r.kind === 'inbound' && r.trigger === 'schedule' && r.status === 'done')).toHaveLength(1);
  });
});
