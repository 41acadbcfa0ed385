import type { FulfillmentAction, FulfillmentOrderStatus } from '@/lib/fba/sp-api/models/outbound';
import type { FoStatus } from './fo-status';

/** What we know of an order at Amazon: its status and action, and each shipped package's delivery. */
export type AmazonView = {
  status: FulfillmentOrderStatus;
  fulfillmentAction: FulfillmentAction | null;
  /** Every package Amazon shipped; `delivered` when Amazon reports delivery information for it. */
  packages: readonly { delivered: boolean }[];
  /** The latest estimated arrival of the order's packages (or items), if Amazon gave one. */
  estimatedArrivalAt: Date | null;
  now: Date;
};

export type MappedStatus = {
  status: FoStatus;
  /** Amazon shipped only part of the order (CompletePartialled): the unfulfilled lines go in the log. */
  partial: boolean;
};

/**
 * The one place Amazon's FulfillmentOrderStatus becomes one of our seven statuses (DESIGN.md):
 * - Invalid / Unfulfillable → Failed; Cancelled → Cancelled;
 * - New / Received / Planning / Processing → On Hold while Amazon holds it, else Shipped;
 * - Complete / CompletePartialled → Delivered when every package is delivered, Completed when the
 *   estimated arrival has passed without delivery information for every package, else Shipped.
 */
export function mapAmazonStatus(view: AmazonView): MappedStatus {
  switch (view.status) {
    case 'Invalid':
    case 'Unfulfillable':
      return { status: 'Failed', partial: false };
    case 'Cancelled':
      return { status: 'Cancelled', partial: false };
    case 'New':
    case 'Received':
    case 'Planning':
    case 'Processing':
      return { status: view.fulfillmentAction === 'Hold' ? 'On Hold' : 'Shipped', partial: false };
    case 'Complete':
    case 'CompletePartialled': {
      const partial = view.status === 'CompletePartialled';
      if (view.packages.length > 0 && view.packages.every((p) => p.delivered)) return { status: 'Delivered', partial };
      if (view.estimatedArrivalAt && view.estimatedArrivalAt.getTime() <= view.now.getTime()) return { status: 'Completed', partial };
      return { status: 'Shipped', partial };
    }
  }
}
