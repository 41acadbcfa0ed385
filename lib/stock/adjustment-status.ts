import type { ADJUSTMENT_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

/** An adjustment posts when it is created; the only later move is Void (posting the reverse). */
export const adjustmentStatus = statusTable<AdjustmentStatus>({
  document: 'stock adjustment',
  next: { Completed: ['Voided'], Voided: [] },
  buttons: { Voided: { label: 'Void', danger: true } },
});
