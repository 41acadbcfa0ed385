import type { AMAZON_ORDER_STATES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type AmazonOrderState = (typeof AMAZON_ORDER_STATES)[number];

/**
 * What became of an Amazon order here. Every move is the download's (no buttons): a Held order is
 * imported once what held it is fixed, or skipped when Amazon cancels it first; an imported order
 * cancelled at Amazon cancels its sale.
 */
export const amazonOrderState = statusTable<AmazonOrderState>({
  document: 'Amazon order',
  next: {
    Held: ['Imported', 'Skipped'],
    Imported: ['Cancelled'],
    Cancelled: [],
    Skipped: [],
  },
});
