import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { inboundLog, inboundShipments, stockTransfers } from '@/db/schema';
import { isDomainError } from '@/lib/errors';
import { shipTransfer } from '@/lib/stock/transfers';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { inboundStatus, type InboundStatus } from './inbound-status';

type InboundRow = typeof inboundShipments.$inferSelect;
export type InboundChanges = Partial<Omit<typeof inboundShipments.$inferInsert, 'id' | 'status' | 'connectionId' | 'transferId'>>;

/** A line of the inbound shipment's log, in the caller's transaction. */
export async function logInbound(tx: Tx, inboundId: string, message: string, userId: string | null, at: Date = new Date()) {
  await tx.insert(inboundLog).values({ inboundId, message, userId, createdAt: at });
}

/**
 * The only way an inbound shipment's status changes: checked against `inboundStatus`, matched only
 * while the row is still `from`, logged, in the caller's transaction (INVALID_TRANSITION,
 * STALE_STATE or NOT_FOUND when it cannot).
 */
export async function moveInbound(
  tx: Tx,
  inboundId: string,
  from: InboundStatus,
  to: InboundStatus,
  opts: { message: string; userId: string | null; set?: InboundChanges; at?: Date },
): Promise<InboundRow> {
  const at = opts.at ?? new Date();
  const row = await inboundStatus.write(from, to, {
    update: async () =>
      (
        await tx
          .update(inboundShipments)
          .set({ ...opts.set, status: to, updatedAt: at })
          .where(and(eq(inboundShipments.id, inboundId), eq(inboundShipments.status, from)))
          .returning()
      )[0],
    current: async () => {
      const [cur] = await tx.select({ name: inboundShipments.name, status: inboundShipments.status }).from(inboundShipments).where(eq(inboundShipments.id, inboundId));
      return cur && { label: `Inbound shipment ${cur.name}`, status: cur.status };
    },
  });
  await logInbound(tx, inboundId, opts.message, opts.userId, at);
  await emitWebhookEvent(tx, 'inbound_shipment.status_changed', { inboundShipmentId: inboundId, name: row.name, connectionId: row.connectionId, from, to }, at);
  return row;
}

/**
 * The one way an inbound shipment's transfer ships (Draft → In Transit: the goods leave the source
 * location), logged on the shipment: at Confirm, by Ship, with tracking numbers, or when Amazon
 * reports the goods shipped. A refusal (the stock is no longer at the source) is raised to a person
 * who pressed Ship (`refusal: 'throw'`); for Amazon's answers it is logged in a savepoint and the
 * transfer stays Draft for the user to ship later. False when nothing shipped.
 */
export async function shipInboundTransfer(
  tx: Tx,
  o: { transferId: string; inboundId: string; userId: string | null; at: Date; why?: string; refusal?: 'log' | 'throw' },
): Promise<boolean> {
  const [transfer] = await tx.select({ number: stockTransfers.number, status: stockTransfers.status }).from(stockTransfers).where(eq(stockTransfers.id, o.transferId));
  if (!transfer || transfer.status !== 'Draft') return false;
  try {
    await shipTransfer(tx, o.transferId, o.userId);
  } catch (e) {
    if (o.refusal === 'throw' || !isDomainError(e)) throw e;
    await logInbound(tx, o.inboundId, `Transfer ${transfer.number} could not ship: ${e.message} Ship it from this page when the stock is there.`, o.userId, o.at);
    return false;
  }
  await logInbound(tx, o.inboundId, `Transfer ${transfer.number} shipped: ${o.why ?? 'the goods left the source location'}.`, o.userId, o.at);
  return true;
}
