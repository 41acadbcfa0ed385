import type { FO_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type FoStatus = (typeof FO_STATUSES)[number];

/**
 * The seven fulfilment order statuses of the seed and how one becomes another. Moves that need
 * Amazon (sent → On Hold / Shipped, Ship, Cancel) are made by the outbox drain when Amazon has
 * answered; the tracking job makes the later ones. Void moves a Queued or Failed order straight to
 * Cancelled: it never reached Amazon, or Amazon refused it.
 */
export const foStatus = statusTable<FoStatus>({
  document: 'fulfilment order',
  next: {
    Queued: ['On Hold', 'Shipped', 'Failed', 'Cancelled'],
    'On Hold': ['Shipped', 'Failed', 'Cancelled'],
    Shipped: ['Completed', 'Delivered', 'Failed', 'Cancelled'],
    // Delivery information may still arrive after the estimated arrival passed.
    Completed: ['Delivered'],
    Delivered: [],
    Cancelled: [],
    // Edit/Save, then Process again: back to Queued with a new send.
    Failed: ['Queued', 'Cancelled'],
  },
});

/** What a person may do with an order in each status (DESIGN.md's table); the server refuses the rest. */
export const FO_ACTIONS = ['Process', 'Edit', 'Void', 'Ship', 'Cancel'] as const;
export type FoAction = (typeof FO_ACTIONS)[number];

const ACTIONS: Record<FoStatus, readonly FoAction[]> = {
  Queued: ['Process', 'Edit', 'Void'],
  'On Hold': ['Ship', 'Edit', 'Cancel'],
  // Only while Amazon still allows it (Received, Planning): Amazon's refusal is shown otherwise.
  Shipped: ['Cancel'],
  Completed: [],
  Delivered: [],
  Cancelled: [],
  Failed: ['Process', 'Edit', 'Void'],
};

export const foActionsFor = (status: FoStatus): readonly FoAction[] => ACTIONS[status];
export const canDo = (status: FoStatus, action: FoAction) => ACTIONS[status].includes(action);

/** Outbox kinds for fulfilment orders: each names one Amazon call, made by the drain. */
export const FO_OUTBOX = {
  /** createFulfillmentOrder (Hold or Ship per the connection's Setup), idempotent by the FO number. */
  create: 'fo.create',
  /** updateFulfillmentOrder: address/comment/speed edits, and Ship of an On Hold order. */
  update: 'fo.update',
  /** cancelFulfillmentOrder. */
  cancel: 'fo.cancel',
  /** getFulfillmentOrder for one order now ("Refresh status"): the tracking job's work for one order. */
  refresh: 'fo.refresh',
} as const;
