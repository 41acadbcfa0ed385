import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { outbox } from '@/db/schema';
import type { AmazonOutboxKind } from '@/lib/channel/confirm-shipment';
import type { InboundOutboxKind } from '@/lib/inbound/inbound-outbox';
import type { FO_RETURN_OUTBOX } from '@/lib/returns/fo-return-status';
import type { FO_OUTBOX } from './fo-status';

/** The fulfilment orders' kinds, and `fo.return` (createFulfillmentReturn for an order's requested return items). */
export type OutboxKind = (typeof FO_OUTBOX)[keyof typeof FO_OUTBOX] | typeof FO_RETURN_OUTBOX;

/**
 * Records the intent to call Amazon, in the caller's transaction beside the change that needs the
 * call. Nothing here talks to Amazon: the worker's outbox drain does, after this commits.
 */
export async function enqueue(tx: Tx, kind: OutboxKind | InboundOutboxKind | AmazonOutboxKind, subjectId: string, payload: Record<string, unknown> = {}, at: Date = new Date()) {
  const [row] = await tx.insert(outbox).values({ kind, subjectId, payload, createdAt: at, nextAttemptAt: at }).returning({ id: outbox.id });
  return row!.id;
}

/** Calls still waiting to be made (or being made) for a subject: a page shows them as "Sending to Amazon…". */
export async function pendingCalls(db: Db | Tx, subjectId: string) {
  return db
    .select({ id: outbox.id, kind: outbox.kind, attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt })
    .from(outbox)
    .where(and(eq(outbox.subjectId, subjectId), inArray(outbox.status, ['pending', 'sending'])))
    .orderBy(outbox.id);
}
