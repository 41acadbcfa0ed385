import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { inboundLog, inboundShipments } from '@/db/schema';
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
  return row;
}
