// The posting side of the crash test (scripts/crash-poster.db.test.ts), as its own process so it can
// be SIGKILLed at any moment: `node --import tsx scripts/crash-poster.ts --pg <url> | --pglite <folder>`.
// It posts what test/crash-seed.ts left open, with the lib functions and transaction boundaries the
// server actions and the worker use:
//   - stocktake Complete: saveCounts + completeStocktake in one transaction (saveCountsAction);
//   - sale Pick and Ship: authorisePick, then authoriseShip with the lines Copy from Pack fills in
//     (pickAction, shipAction);
//   - inbound Confirm: confirmInbound (confirmInboundAction), then the worker's outbox drain, whose
//     last transaction records Amazon's confirmation and ships the transfer;
//   - inbound receipts: the worker's status download (downloadInboundStatuses, one transaction per
//     shipment): Amazon closed each shipment, a unit short on every fourth line, so the transfer is
//     received, completed and its shortfall written off.
// Amazon is a stub answering at once (an operation to wait for, then SUCCESS); the calls are not
// what is tested.
// Each action prints `posting <kind> <id>` before and `posted <kind> <id>` after, so the test knows
// what a kill interrupted. It exits 0 when nothing is left to post.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Db, type DbHandle } from '@/db/client';
import { inboundAmazonShipments, inboundReceipts, inboundShipmentLines, inboundShipments, outbox, sales, stocktakeLines, stocktakes } from '@/db/schema';
import type { SpApiClient } from '@/lib/fba/sp-api';
import type { InboundShipment } from '@/lib/fba/sp-api/models/inbound';
import { drainOutbox } from '@/lib/fulfilment/outbox-drain';
import { downloadInboundStatuses } from '@/lib/inbound/status-download';
import { confirmInbound } from '@/lib/inbound/wizard';
import { authorisePick } from '@/lib/sale/pick';
import { authoriseShip, copyFromPack } from '@/lib/sale/ship';
import { completeStocktake, saveCounts } from '@/lib/stocktake/stocktake';

/** What a counter finds: deterministic per line (a re-post after a kill counts the same), −3…+3 off the snapshot. */
const crashCount = (expected: number, lineNo: number) => Math.max(0, expected + (lineNo % 7) - 3);

let since = Date.now();
/** A progress line; `posted` lines end with the action's duration in ms. */
const say = (line: string) => {
  if (line.startsWith('posting')) since = Date.now();
  process.stdout.write(`${line}${line.startsWith('posted') ? ` ${Date.now() - since}` : ''}\n`);
};

async function open(argv: string[]): Promise<DbHandle> {
  const pg = argv.indexOf('--pg');
  if (pg >= 0) return openPostgres(argv[pg + 1], 2);
  const dir = argv.indexOf('--pglite');
  if (dir >= 0) return openPglite({ dataDir: argv[dir + 1] });
  throw new Error('Usage: crash-poster.ts --pg <url> | --pglite <data folder>');
}

async function completeOne(db: Db): Promise<boolean> {
  const [doc] = await db.select({ id: stocktakes.id }).from(stocktakes).where(eq(stocktakes.status, 'In Progress')).orderBy(asc(stocktakes.number)).limit(1);
  if (!doc) return false;
  const lines = await db.select({ id: stocktakeLines.id, expected: stocktakeLines.expected }).from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, doc.id)).orderBy(asc(stocktakeLines.id));
  say(`posting stocktake ${doc.id}`);
  await db.transaction(async (tx) => {
    await saveCounts(tx, { stocktakeId: doc.id, lines: lines.map((l, i) => ({ lineId: l.id, counted: crashCount(l.expected, i), unitCost: null })) });
    await completeStocktake(tx, doc.id, null);
  });
  say(`posted stocktake ${doc.id}`);
  return true;
}

async function shipOne(db: Db): Promise<boolean> {
  const [sale] = await db.select().from(sales).where(ne(sales.shipStatus, 'Authorised')).orderBy(asc(sales.number)).limit(1);
  if (!sale) return false;
  if (sale.pickStatus !== 'Authorised') {
    say(`posting pick ${sale.id}`);
    await authorisePick(db, sale.id, {}, null);
    say(`posted pick ${sale.id}`);
    return true;
  }
  const lines = (await copyFromPack(db, sale)).map((l) => ({ pickLineNo: l.pickLineNo, quantity: l.quantity }));
  say(`posting ship ${sale.id}`);
  await authoriseShip(db, { saleId: sale.id, shippingOption: 'Standard', carrier: null, trackingNumber: null, skipFulfilment: false, lines }, null);
  say(`posted ship ${sale.id}`);
  return true;
}

async function confirmOne(db: Db): Promise<boolean> {
  // At Review with no call queued: Confirm was not pressed yet (or its transaction died with us).
  const [doc] = await db
    .select({ id: inboundShipments.id })
    .from(inboundShipments)
    .where(and(eq(inboundShipments.step, 'review'), eq(inboundShipments.status, 'Draft'), sql`NOT EXISTS (SELECT 1 FROM ${outbox} WHERE ${outbox.subjectId} = ${inboundShipments.id})`))
    .orderBy(asc(inboundShipments.name))
    .limit(1);
  if (!doc) return false;
  say(`posting confirm ${doc.id}`);
  await confirmInbound(db, { id: doc.id }, null);
  say(`posted confirm ${doc.id}`);
  return true;
}

/**
 * Amazon: every operation started succeeds, a shipment reads back Ready to Ship once confirmed and
 * Closed when the status download asks, having received what was shipped less one unit on every
 * fourth line.
 */
function amazonStub(db: Db): SpApiClient {
  const stub = {
    confirmTransportationOptions: async () => `op-${Math.random().toString(36).slice(2)}`,
    confirmDeliveryWindowOptions: async () => `op-${Math.random().toString(36).slice(2)}`,
    getInboundOperationStatus: async (operationId: string) => ({ operationId, operation: 'confirmTransportationOptions', operationStatus: 'SUCCESS', operationProblems: [] }),
    getShipment: async (_planId: string, shipmentId: string): Promise<InboundShipment> => ({
      shipmentId,
      placementOptionId: 'po-crash',
      status: 'READY_TO_SHIP',
      shipmentConfirmationId: `FBA${shipmentId.toUpperCase()}`,
      destination: { destinationType: 'AMAZON_WAREHOUSE', warehouseId: 'ABE2' },
      source: { sourceType: 'SELLER_FACILITY' },
    }),
    getShipments: async (query: { ShipmentIdList?: readonly string[] }) => ({ shipments: (query.ShipmentIdList ?? []).map((id) => ({ ShipmentId: id, ShipmentStatus: 'CLOSED' })), nextToken: null }),
    getShipmentItemsByShipmentId: async (confirmationId: string) =>
      (
        await db
          .select({ sku: inboundShipmentLines.sellerSku, lineNo: inboundReceipts.lineNo, shipped: inboundReceipts.shipped })
          .from(inboundReceipts)
          .innerJoin(inboundAmazonShipments, eq(inboundAmazonShipments.id, inboundReceipts.amazonShipmentId))
          .innerJoin(inboundShipmentLines, and(eq(inboundShipmentLines.inboundId, inboundAmazonShipments.inboundId), eq(inboundShipmentLines.lineNo, inboundReceipts.lineNo)))
          .where(eq(inboundAmazonShipments.confirmationId, confirmationId))
      ).map((r) => ({ SellerSKU: r.sku, QuantityShipped: r.shipped, QuantityReceived: r.shipped - (r.lineNo % 4 === 0 ? 1 : 0) })),
  };
  return stub as unknown as SpApiClient;
}

/** The worker's status download for the connection whose shipments Amazon confirmed (Ready to Ship). */
async function receiveAll(db: Db, amazon: SpApiClient): Promise<boolean> {
  const [open] = await db.select({ connectionId: inboundShipments.connectionId }).from(inboundShipments).where(eq(inboundShipments.status, 'Ready to Ship')).limit(1);
  if (!open) return false;
  say(`posting receipts ${open.connectionId}`);
  await downloadInboundStatuses(db, open.connectionId, { clientFor: () => amazon });
  say(`posted receipts ${open.connectionId}`);
  return true;
}

async function openCalls(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(and(inArray(outbox.status, ['pending', 'sending']), isNull(outbox.doneAt)));
  return Number(row.n);
}

async function main() {
  const handle = await open(process.argv);
  const db = handle.db;
  const leaseMs = Number(process.env.OUTBOX_LEASE_MS || 1_500);
  const workerId = `crash-poster:${process.pid}`;
  const amazon = amazonStub(db);
  say(`ready ${workerId}`);
  for (;;) {
    const st = await completeOne(db);
    const sale = await shipOne(db);
    const inbound = await confirmOne(db);
    say('draining');
    const drained = await drainOutbox(db, { workerId, leaseMs, limit: 5, clientFor: () => amazon });
    say(`drained ${drained.claimed}`);
    const received = await receiveAll(db, amazon);
    if (!st && !sale && !inbound && drained.claimed === 0 && !received) {
      if ((await openCalls(db)) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await handle.close();
  say('idle');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
