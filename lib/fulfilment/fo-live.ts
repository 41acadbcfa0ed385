import { FO_OUTBOX, type FoStatus } from './fo-status';

/**
 * How the order page follows an order while it is open (no database code: the client imports it).
 * It polls quickly while a call to Amazon is waiting, slowly while the order can still move by
 * itself (the tracking job, Amazon's answers), and stops once the order is settled.
 */
export const FO_FINAL: readonly FoStatus[] = ['Delivered', 'Cancelled'];

export const FO_POLL_PENDING_MS = 2000;
export const FO_POLL_OPEN_MS = 10_000;

export function foPollInterval(status: FoStatus, pendingCount: number): number | false {
  if (pendingCount > 0) return FO_POLL_PENDING_MS;
  return FO_FINAL.includes(status) ? false : FO_POLL_OPEN_MS;
}

/** What a pending call is doing, in words for the page. */
export function pendingWords(kind: string): string {
  if (kind === FO_OUTBOX.create) return 'sending the order';
  if (kind === FO_OUTBOX.update) return 'sending the change';
  if (kind === FO_OUTBOX.cancel) return 'asking Amazon to cancel';
  if (kind === FO_OUTBOX.refresh) return 'reading the status';
  if (kind === 'fo.return') return 'sending the return request';
  return 'waiting for Amazon';
}
