import type { FO_RETURN_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type FoReturnStatus = (typeof FO_RETURN_STATUSES)[number];

/**
 * A fulfilment order's return item: Requested here (queued for Amazon); Authorised when Amazon
 * accepted it (createFulfillmentReturn gave a return authorisation and RMA), Refused when Amazon
 * listed it among invalidReturnItems; Received when Amazon's fulfilment centre processed the unit
 * (getFulfillmentOrder shows it Processed, with the condition it arrived in). No status has a
 * button: "Request return" makes a Requested row, Amazon makes every move after.
 */
export const foReturnStatus = statusTable<FoReturnStatus>({
  document: 'fulfilment order return',
  next: {
    Requested: ['Authorised', 'Refused'],
    Authorised: ['Received'],
    Received: [],
    Refused: [],
  },
});

/** Statuses still waiting on Amazon: the page keeps polling, the tracking run keeps reading. */
export const FO_RETURN_OPEN: readonly FoReturnStatus[] = ['Requested', 'Authorised'];

/** The outbox kind that sends createFulfillmentReturn for an order's Requested return items. */
export const FO_RETURN_OUTBOX = 'fo.return';
