import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, inboundAmazonShipments, inboundReceipts, inboundShipmentLines, inboundShipments, stockTransfers } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { spClientFor } from '@/lib/fba/connection-client';
import { connectionOf, drainQueuedRuns, executeRun, getLatestRun, queueRun, type Run, type RunWork } from '@/lib/runs/queued-runs';
import { WRITING_PHASE } from '@/lib/runs/run-progress';
import type { SpApiClient } from '@/lib/fba/sp-api';
import { completeTransferAsReceived, receiveTransferLines } from '@/lib/stock/transfers';
import { aggregateInboundStatus, AMAZON_SHIPMENT_WALK, INBOUND_FINAL, inboundStatus, inboundStatusOf, type InboundStatus } from './inbound-status';
import { logInbound, moveInbound, shipInboundTransfer } from './inbound-write';

// The status download (Download on the tab, and hourly): what Amazon says of each open inbound
// shipment made here — its shipments' statuses and, once Amazon receives, the units received —
// applied to ours: our status, the receipts, and the transfer (shipped when Amazon has the goods,
// received in parts as Amazon counts them, completed with what was received once Amazon closes).

type Connection = typeof fbaConnections.$inferSelect;
export type ClientFor = (conn: Connection) => SpApiClient;

export type StatusDownloadDeps = {
  clientFor?: ClientFor;
  now?: () => Date;
  /** Called once the reads are done (total shipments to update) and after each shipment is written. */
  onProgress?: (p: { phase: 'Reading shipments' | 'Updating shipments'; done: number; total: number }) => Promise<void>;
};

/** v0 getShipments takes at most 50 ShipmentIds per call. */
export const SHIPMENT_IDS_PER_CALL = 50;

/** Amazon's statuses in the order a shipment walks them; a read never moves a shipment back. */
const WALK: readonly string[] = AMAZON_SHIPMENT_WALK;
const RECEIVED_FROM = WALK.indexOf('RECEIVING');
const SHIPPED_FROM = WALK.indexOf('SHIPPED');

/**
 * The status to keep for an Amazon shipment: Amazon's word, except that v0 says WORKING for a
 * shipment whose transport we confirmed (READY_TO_SHIP) and an answer that would move it back
 * keeps what we had.
 */
export function nextAmazonStatus(stored: string | null, amazon: string | undefined): string | null {
  if (!amazon) return stored;
  const a = WALK.indexOf(amazon);
  const s = stored === null ? -1 : WALK.indexOf(stored);
  if (a >= 0 && s >= 0 && a < s) return stored;
  return amazon;
}

const inWalkFrom = (status: string | null, from: number) => status !== null && WALK.indexOf(status) >= from;

type OpenShipment = {
  id: string;
  name: string;
  status: InboundStatus;
  transferId: string;
  amazon: { id: string; confirmationId: string | null; amazonStatus: string | null }[];
};

/** The connection's shipments still moving (made here, not deleted, not Draft, not final), with their Amazon shipments: one query. */
async function openShipments(db: Db, connectionId: string): Promise<OpenShipment[]> {
  const rows = await db
    .select({
      id: inboundShipments.id,
      name: inboundShipments.name,
      status: inboundShipments.status,
      transferId: inboundShipments.transferId,
      amazonId: inboundAmazonShipments.id,
      confirmationId: inboundAmazonShipments.confirmationId,
      amazonStatus: inboundAmazonShipments.amazonStatus,
    })
    .from(inboundShipments)
    .innerJoin(inboundAmazonShipments, eq(inboundAmazonShipments.inboundId, inboundShipments.id))
    .where(and(eq(inboundShipments.connectionId, connectionId), isNull(inboundShipments.deletedAt), notInArray(inboundShipments.status, ['Draft', ...INBOUND_FINAL])))
    .orderBy(inboundShipments.createdAt, inboundShipments.id);
  const byId = new Map<string, OpenShipment>();
  for (const r of rows) {
    const s = byId.get(r.id) ?? { id: r.id, name: r.name, status: r.status, transferId: r.transferId, amazon: [] };
    s.amazon.push({ id: r.amazonId, confirmationId: r.confirmationId, amazonStatus: r.amazonStatus });
    byId.set(r.id, s);
  }
  return [...byId.values()];
}

/** What Amazon said: status per confirmation id, and units received per confirmation id and seller SKU. */
type AmazonRead = { statuses: Map<string, string>; received: Map<string, Map<string, number>> };

async function readAmazon(client: SpApiClient, marketplaceId: string, shipments: OpenShipment[]): Promise<AmazonRead> {
  const all = shipments.flatMap((s) => s.amazon).filter((a): a is typeof a & { confirmationId: string } => a.confirmationId !== null);
  const statuses = new Map<string, string>();
  for (let i = 0; i < all.length; i += SHIPMENT_IDS_PER_CALL) {
    const ids = all.slice(i, i + SHIPMENT_IDS_PER_CALL).map((a) => a.confirmationId);
    let page = await client.getShipments({ MarketplaceId: marketplaceId, QueryType: 'SHIPMENT', ShipmentIdList: ids });
    for (;;) {
      for (const s of page.shipments) if (s.ShipmentId && s.ShipmentStatus) statuses.set(s.ShipmentId, s.ShipmentStatus);
      if (!page.nextToken) break;
      page = await client.getShipments({ MarketplaceId: marketplaceId, QueryType: 'NEXT_TOKEN', NextToken: page.nextToken });
    }
  }
  // Items only where Amazon counts units, and not again once we recorded its final count (CLOSED).
  const received = new Map<string, Map<string, number>>();
  for (const a of all) {
    const status = nextAmazonStatus(a.amazonStatus, statuses.get(a.confirmationId));
    if (a.amazonStatus === 'CLOSED' || !inWalkFrom(status, RECEIVED_FROM)) continue;
    const items = await client.getShipmentItemsByShipmentId(a.confirmationId, marketplaceId);
    received.set(a.confirmationId, new Map(items.map((it) => [it.SellerSKU, it.QuantityReceived ?? 0])));
  }
  return { statuses, received };
}

/**
 * Applies Amazon's answer to one inbound shipment in one transaction: Amazon statuses, the transfer
 * shipped if Amazon has the goods while it is still Draft, units received (the difference to what
 * we recorded goes into the FBA location through the transfer), our status through moveInbound,
 * and the transfer completed with what was received once every Amazon shipment is closed. Reading
 * the same answer twice changes nothing. Returns whether anything changed.
 */
async function applyToShipment(db: Db, shipment: OpenShipment, read: AmazonRead, at: Date): Promise<boolean> {
  return db.transaction(async (tx: Tx) => {
    const [row] = await tx.select().from(inboundShipments).where(eq(inboundShipments.id, shipment.id)).for('update');
    if (!row || row.deletedAt || row.status === 'Draft' || INBOUND_FINAL.includes(row.status)) return false;
    const amazonRows = await tx.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, row.id));
    const lines = await tx.select().from(inboundShipmentLines).where(eq(inboundShipmentLines.inboundId, row.id));
    const skuOf = new Map(lines.map((l) => [l.lineNo, l.sellerSku]));
    const receipts = await tx.select().from(inboundReceipts).where(inArray(inboundReceipts.amazonShipmentId, amazonRows.map((a) => a.id)));
    let changed = false;

    const statuses: string[] = [];
    for (const a of amazonRows) {
      const next = nextAmazonStatus(a.amazonStatus, a.confirmationId ? read.statuses.get(a.confirmationId) : undefined);
      statuses.push(next ?? 'WORKING');
      if (next !== a.amazonStatus) {
        await tx.update(inboundAmazonShipments).set({ amazonStatus: next, statusUpdatedAt: at }).where(eq(inboundAmazonShipments.id, a.id));
        await logInbound(tx, row.id, `Amazon shipment ${a.confirmationId ?? a.shipmentId}: ${a.amazonStatus ?? '—'} → ${next}.`, null, at);
        changed = true;
      }
    }

    const [transfer] = await tx.select().from(stockTransfers).where(eq(stockTransfers.id, row.transferId)).for('update');
    if (transfer.status === 'Draft' && statuses.some((s) => inWalkFrom(s, SHIPPED_FROM))) {
      const why = `Amazon reports the goods shipped, so they left ${row.name.replace(/^.* from /, '')}`;
      if (await shipInboundTransfer(tx, { transferId: transfer.id, inboundId: row.id, userId: null, at, why })) transfer.status = 'In Transit';
      changed = true;
    }

    // Units received since the last read, per transfer line (a line may travel in several Amazon shipments).
    const toReceive = new Map<number, number>();
    const notes: string[] = [];
    for (const a of amazonRows) {
      const counted = a.confirmationId ? read.received.get(a.confirmationId) : undefined;
      if (!counted) continue;
      for (const r of receipts.filter((x) => x.amazonShipmentId === a.id)) {
        const amazonSays = counted.get(skuOf.get(r.lineNo) ?? '') ?? 0;
        // More than shipped is Amazon's overage (not ours to stock); fewer than recorded is a correction we do not unpost.
        const received = Math.min(amazonSays, r.shipped);
        if (amazonSays > r.shipped) notes.push(`${skuOf.get(r.lineNo)}: Amazon counted ${amazonSays} of ${r.shipped} shipped`);
        if (received <= r.received) continue;
        toReceive.set(r.lineNo, (toReceive.get(r.lineNo) ?? 0) + received - r.received);
        await tx.update(inboundReceipts).set({ received, updatedAt: at }).where(and(eq(inboundReceipts.amazonShipmentId, a.id), eq(inboundReceipts.lineNo, r.lineNo)));
        r.received = received;
      }
    }
    if (toReceive.size > 0) {
      if (transfer.status !== 'In Transit') {
        await logInbound(tx, row.id, `Amazon received units, but transfer ${transfer.number} is ${transfer.status}: nothing was stocked.`, null, at);
      } else {
        const parts = [...toReceive].map(([lineNo, quantity]) => ({ lineNo, quantity }));
        await receiveTransferLines(tx, transfer.id, parts, null);
        await logInbound(tx, row.id, `Received by Amazon: ${parts.map((p) => `${p.quantity} × ${skuOf.get(p.lineNo)}`).join(', ')} (into the FBA location through ${transfer.number}).`, null, at);
      }
      changed = true;
    }
    if (notes.length > 0 && changed) await logInbound(tx, row.id, `Over-receipt not stocked: ${notes.join('; ')}.`, null, at);

    const ours = aggregateInboundStatus(statuses.map((s) => inboundStatusOf(s)).filter((s): s is InboundStatus => s !== null));
    if (ours && ours !== row.status && inboundStatus.canMove(row.status, ours) && !movesBack(row.status, ours)) {
      await moveInbound(tx, row.id, row.status, ours, { message: `Status from Amazon: ${ours}.`, userId: null, at, set: { statusCheckedAt: at } });
      changed = true;
      if (ours === 'Closed' && transfer.status === 'In Transit') {
        const writeOff = await completeTransferAsReceived(tx, transfer.id, null, `Short receipt at Amazon: inbound shipment ${row.name}`);
        const shipped = receipts.reduce((n, r) => n + r.shipped, 0);
        const received = receipts.reduce((n, r) => n + r.received, 0);
        const short = receipts.filter((r) => r.received < r.shipped).map((r) => `${r.shipped - r.received} × ${skuOf.get(r.lineNo)}`);
        await logInbound(
          tx,
          row.id,
          short.length > 0
            ? `Closed by Amazon: ${received} of ${shipped} units received, short ${short.join(', ')}. Transfer ${transfer.number} completed with what was received; the missing units are written off by stock adjustment ${writeOff?.number ?? ''} (void it if Amazon finds them).`
            : `Closed by Amazon: all ${shipped} units received. Transfer ${transfer.number} completed.`,
          null,
          at,
        );
      }
    } else {
      await tx.update(inboundShipments).set({ statusCheckedAt: at }).where(eq(inboundShipments.id, row.id));
    }
    return changed;
  });
}

const PROGRESS: InboundStatus[] = ['Working', 'Ready to Ship', 'Shipped', 'In Transit', 'Delivered', 'Checked In', 'Receiving', 'Closed'];
const movesBack = (from: InboundStatus, to: InboundStatus) => PROGRESS.includes(from) && PROGRESS.includes(to) && PROGRESS.indexOf(to) < PROGRESS.indexOf(from);

/**
 * Downloads the statuses of a connection's open inbound shipments (Download, and the hourly job):
 * Amazon is read first, outside any transaction (v0 getShipments, up to 50 shipment ids a call;
 * getShipmentItemsByShipmentId for shipments Amazon is receiving or has closed), then each
 * inbound shipment is written in its own transaction. Shipments not made here are never imported;
 * Draft, deleted and final ones (Closed, Cancelled, Deleted, Error) are not read.
 */
export async function downloadInboundStatuses(db: Db, connectionId: string, deps: StatusDownloadDeps = {}) {
  const now = deps.now ?? (() => new Date());
  const [conn] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, connectionId));
  if (!conn) return { shipments: 0, changed: 0, refused: [] as string[] };
  const shipments = await openShipments(db, connectionId);
  if (shipments.length === 0) return { shipments: 0, changed: 0, refused: [] as string[] };
  const client = (deps.clientFor ?? spClientFor)(conn);
  await deps.onProgress?.({ phase: 'Reading shipments', done: 0, total: shipments.length });
  const read = await readAmazon(client, conn.marketplaceId, shipments);
  let changed = 0;
  const refused: string[] = [];
  for (const [i, s] of shipments.entries()) {
    try {
      if (await applyToShipment(db, s, read, now())) changed += 1;
    } catch (e) {
      // One shipment our side cannot follow (e.g. its Draft transfer's stock is no longer at the
      // source) must not stop the others; its log says why and the next download tries again.
      if (!isDomainError(e)) throw e;
      refused.push(`${s.name}: ${e.message}`);
      await db.transaction((tx) => logInbound(tx, s.id, `Amazon's status could not be applied: ${e.message}`, null, now()));
    }
    await deps.onProgress?.({ phase: 'Updating shipments', done: i + 1, total: shipments.length });
  }
  return { shipments: shipments.length, changed, refused };
}

/** Queues a status download of the connection's inbound shipments (Download), or joins the one already queued or running. */
export async function requestInboundDownload(db: Db, connectionId: string, trigger: Run['trigger'], userId: string | null, now = new Date()): Promise<Run> {
  const [conn] = await db.select({ status: fbaConnections.status }).from(fbaConnections).where(eq(fbaConnections.id, connectionId));
  if (!conn) throw new DomainError('NOT_FOUND', 'This FBA connection does not exist.');
  if (conn.status !== 'Active') throw new DomainError('INVALID_TRANSITION', 'This FBA connection is disconnected; its inbound shipments can no longer be downloaded.');
  return queueRun(db, { kind: 'inbound', connectionId }, trigger, userId, now);
}

/** The work of an 'inbound' run: Reading shipments (Amazon), then Updating shipments n/total, then done with a summary. */
function inboundWork(deps: StatusDownloadDeps): RunWork {
  const now = deps.now ?? (() => new Date());
  return async ({ db, run, progress, finish }) => {
    await progress({ phase: 'Reading shipments' });
    const result = await downloadInboundStatuses(db, connectionOf(run), {
      ...deps,
      onProgress: (p) => progress(p.phase === 'Reading shipments' ? { phase: p.phase } : { phase: WRITING_PHASE.inbound, done: p.done, total: p.total }),
    });
    const summary =
      result.shipments === 0
        ? 'No open inbound shipments to update.'
        : `${result.shipments} inbound shipment${result.shipments === 1 ? '' : 's'} read from Amazon, ${result.changed} changed.` +
          (result.refused.length > 0 ? ` Not applied: ${result.refused.join(' ')}` : '');
    return db.transaction((tx) => finish(tx, { summary, done: result.shipments, total: result.shipments, at: now() }));
  };
}

/** Runs one queued status download; null when another process had claimed it. */
export function runInboundDownload(db: Db, runId: string, deps: StatusDownloadDeps = {}) {
  return executeRun(db, runId, inboundWork(deps), deps.now);
}

/** The worker's drain of Download presses. */
export function drainInboundDownloads(db: Db, deps: StatusDownloadDeps = {}) {
  return drainQueuedRuns(db, 'inbound', inboundWork(deps), deps.now);
}

/** The hourly job: a 'schedule' run per active connection (joining one already active), run now. */
export async function downloadAllConnections(db: Db, deps: StatusDownloadDeps = {}) {
  const conns = await db.select({ id: fbaConnections.id }).from(fbaConnections).where(eq(fbaConnections.status, 'Active'));
  const results = await Promise.allSettled(
    conns.map(async (c) => {
      const run = await requestInboundDownload(db, c.id, 'schedule', null, (deps.now ?? (() => new Date()))());
      return run.status === 'queued' ? runInboundDownload(db, run.id, deps) : run;
    }),
  );
  const failed = results.filter((r) => r.status === 'rejected' || r.value?.status === 'failed').length;
  if (failed > 0) throw new DomainError('AMAZON_ERROR', `${failed} of ${conns.length} inbound status downloads failed; see the Inbound Shipments tab of each connection.`);
  return { connections: conns.length };
}

/** The latest status download of a connection: what the tab's progress bar starts from and polls. */
export const getLatestInboundRun = (db: Db | Tx, connectionId: string) => getLatestRun(db, { kind: 'inbound', connectionId });
