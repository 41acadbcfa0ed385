import type { CONNECTION_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * An FBA connection calls Amazon while Active. Disconnect is final for that row: connecting the
 * same seller again makes a new connection.
 */
export const connectionStatus = statusTable<ConnectionStatus>({
  document: 'FBA connection',
  next: { Active: ['Disconnected'], Disconnected: [] },
  buttons: { Disconnected: { label: 'Disconnect…', danger: true } },
});
