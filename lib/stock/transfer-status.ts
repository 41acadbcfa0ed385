import type { TRANSFER_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Ship moves the stock out, Receive moves it in; Void reverses whatever was posted. */
export const transferStatus = statusTable<TransferStatus>({
  document: 'transfer',
  next: {
    Draft: ['In Transit', 'Voided'],
    'In Transit': ['Completed', 'Voided'],
    Completed: ['Voided'],
    Voided: [],
  },
  buttons: {
    'In Transit': { label: 'Ship' },
    Completed: { label: 'Receive' },
    Voided: { label: 'Void', danger: true },
  },
});
