import type { INBOUND_STATUSES, INBOUND_STEPS } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type InboundStatus = (typeof INBOUND_STATUSES)[number];
export type InboundStep = (typeof INBOUND_STEPS)[number];

/** The wizard's steps in order (the schema's list, for pages that may not import the schema). */
export const WIZARD_STEPS: readonly InboundStep[] = ['items', 'packing', 'boxes', 'placement', 'transport', 'delivery', 'review', 'done'] satisfies readonly InboundStep[];

/**
 * An inbound shipment: Draft while the wizard runs; Working once Amazon placed it (placement
 * confirmed); Ready to Ship once its transport is confirmed; then whatever Amazon reports, in v0's
 * order. Amazon may cancel, delete or reject it from any open status; Cancelled, Deleted, Error and
 * Closed are final (the status download leaves them alone). No status has a button: the wizard's
 * Confirm and Amazon move them; X deletes the record instead.
 */
const OPEN_AFTER = (s: InboundStatus[]): InboundStatus[] => [...s, 'Cancelled', 'Deleted', 'Error'];

export const inboundStatus = statusTable<InboundStatus>({
  document: 'inbound shipment',
  next: {
    Draft: OPEN_AFTER(['Working', 'Ready to Ship']),
    Working: OPEN_AFTER(['Ready to Ship', 'Shipped', 'In Transit', 'Delivered', 'Checked In', 'Receiving', 'Closed']),
    'Ready to Ship': OPEN_AFTER(['Shipped', 'In Transit', 'Delivered', 'Checked In', 'Receiving', 'Closed']),
    Shipped: OPEN_AFTER(['In Transit', 'Delivered', 'Checked In', 'Receiving', 'Closed']),
    'In Transit': OPEN_AFTER(['Delivered', 'Checked In', 'Receiving', 'Closed']),
    Delivered: OPEN_AFTER(['Checked In', 'Receiving', 'Closed']),
    'Checked In': OPEN_AFTER(['Receiving', 'Closed']),
    Receiving: OPEN_AFTER(['Closed']),
    Closed: [],
    Cancelled: [],
    Deleted: [],
    Error: [],
  },
});

/** The statuses the status download (hourly, and Download) no longer reads: the seed's three, and Closed. */
export const INBOUND_FINAL: readonly InboundStatus[] = ['Closed', 'Cancelled', 'Deleted', 'Error'];

/** Amazon's statuses in the order a shipment walks them (2024-03-20; v0 says WORKING for READY_TO_SHIP). */
export const AMAZON_SHIPMENT_WALK = ['WORKING', 'READY_TO_SHIP', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'CHECKED_IN', 'RECEIVING', 'CLOSED'] as const;

/** Amazon's shipment status word (2024-03-20 or v0) as ours; null for words that say nothing new (UNCONFIRMED, ABANDONED, MIXED). */
export function inboundStatusOf(amazon: string): InboundStatus | null {
  const map: Record<string, InboundStatus> = {
    WORKING: 'Working',
    READY_TO_SHIP: 'Ready to Ship',
    SHIPPED: 'Shipped',
    IN_TRANSIT: 'In Transit',
    DELIVERED: 'Delivered',
    CHECKED_IN: 'Checked In',
    RECEIVING: 'Receiving',
    CLOSED: 'Closed',
    CANCELLED: 'Cancelled',
    DELETED: 'Deleted',
    ERROR: 'Error',
  };
  return map[amazon] ?? null;
}

/** A plan split into several shipments is as far as its least advanced one (Cancelled ones aside, unless all are). */
export function aggregateInboundStatus(statuses: InboundStatus[]): InboundStatus | null {
  if (statuses.length === 0) return null;
  const order = inboundStatus.statuses;
  const live = statuses.filter((s) => s !== 'Cancelled' && s !== 'Deleted');
  if (live.length === 0) return statuses.includes('Deleted') ? 'Deleted' : 'Cancelled';
  if (live.includes('Error')) return 'Error';
  return live.reduce((a, b) => (order.indexOf(a) <= order.indexOf(b) ? a : b));
}
