import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { STOCKTAKE_STATUSES, stocktakes } from '@/db/schema';
import { makeTransitions } from '@/lib/stock/status-guard';

export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];

const NEXT: Record<StocktakeStatus, readonly StocktakeStatus[]> = {
  'In Progress': ['Completed', 'Voided'],
  Completed: [],
  Voided: [],
};

export const stocktakeTransitions = makeTransitions<StocktakeStatus>('stocktake', NEXT);

/**
 * The only write of a stocktake's status (compare-and-set in the caller's transaction). Completing
 * records when and by whom (null: Auto-Sync), in the same write: a user whose request died after
 * the commit learns from the page that it went through.
 */
export async function transitionStocktake(tx: Tx, id: string, from: StocktakeStatus, to: StocktakeStatus, actorId: string | null = null) {
  stocktakeTransitions.assertTransition(from, to);
  const completed = to === 'Completed';
  const [row] = await tx
    .update(stocktakes)
    .set({ status: to, completedAt: completed ? new Date() : undefined, completedBy: completed ? actorId : undefined })
    .where(and(eq(stocktakes.id, id), eq(stocktakes.status, from)))
    .returning();
  if (row) return row;
  const [current] = await tx.select({ number: stocktakes.number, status: stocktakes.status }).from(stocktakes).where(eq(stocktakes.id, id));
  return stocktakeTransitions.refuse(current ? `Stocktake ${current.number}` : 'The stocktake', current?.status, from, to);
}
