import type { STOCKTAKE_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];

/**
 * Counts change (by hand, by Sync with FBA) only while a stocktake can still be completed; Complete
 * posts the differences, Void posts nothing.
 */
export const stocktakeStatus = statusTable<StocktakeStatus>({
  document: 'stocktake',
  next: { 'In Progress': ['Completed', 'Voided'], Completed: [], Voided: [] },
  buttons: { Completed: { label: 'Complete' }, Voided: { label: 'Void', danger: true } },
});

/** Whether the counts of a stocktake in this status may still change (and be synced with FBA). */
export const isCounting = (status: StocktakeStatus) => stocktakeStatus.canMove(status, 'Completed');
