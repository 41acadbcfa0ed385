import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { ADJUSTMENT_STATUSES, stockAdjustments } from '@/db/schema';
import { makeTransitions } from './status-guard';

export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

/** An adjustment posts when it is created; the only later move is Void. */
const NEXT: Record<AdjustmentStatus, readonly AdjustmentStatus[]> = { Completed: ['Voided'], Voided: [] };

export const adjustmentTransitions = makeTransitions<AdjustmentStatus>('stock adjustment', NEXT);

export async function transitionAdjustment(tx: Tx, id: string, from: AdjustmentStatus, to: AdjustmentStatus) {
  adjustmentTransitions.assertTransition(from, to);
  const [row] = await tx
    .update(stockAdjustments)
    .set({ status: to, voidedAt: to === 'Voided' ? new Date() : undefined })
    .where(and(eq(stockAdjustments.id, id), eq(stockAdjustments.status, from)))
    .returning();
  if (row) return row;
  const [current] = await tx.select({ number: stockAdjustments.number, status: stockAdjustments.status }).from(stockAdjustments).where(eq(stockAdjustments.id, id));
  return adjustmentTransitions.refuse(current ? `Adjustment ${current.number}` : 'The adjustment', current?.status, from, to);
}
