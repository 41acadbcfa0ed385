import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { stockTransfers, TRANSFER_STATUSES } from '@/db/schema';
import { makeTransitions } from './status-guard';

export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

const NEXT: Record<TransferStatus, readonly TransferStatus[]> = {
  Draft: ['In Transit', 'Voided'],
  'In Transit': ['Completed', 'Voided'],
  Completed: ['Voided'],
  Voided: [],
};

export const transferTransitions = makeTransitions<TransferStatus>('transfer', NEXT);

type Extra = Partial<Pick<typeof stockTransfers.$inferInsert, 'shippedAt' | 'receivedAt'>>;

/**
 * The only write of a transfer's status: a conditional update on the status the caller saw, in
 * the caller's transaction, so the stock posted alongside it and the status change commit together.
 */
export async function transitionTransfer(tx: Tx, id: string, from: TransferStatus, to: TransferStatus, extra: Extra = {}) {
  transferTransitions.assertTransition(from, to);
  const [row] = await tx
    .update(stockTransfers)
    .set({ status: to, ...extra })
    .where(and(eq(stockTransfers.id, id), eq(stockTransfers.status, from)))
    .returning();
  if (row) return row;
  const [current] = await tx.select({ number: stockTransfers.number, status: stockTransfers.status }).from(stockTransfers).where(eq(stockTransfers.id, id));
  return transferTransitions.refuse(current ? `Transfer ${current.number}` : 'The transfer', current?.status, from, to);
}
