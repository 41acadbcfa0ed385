import type { AmazonOrderState } from '@/lib/channel/amazon-order-state';
import type { AuthorisationStatus } from '@/lib/fba/authorisation-status';
import type { ConnectionStatus } from '@/lib/fba/connection-status';
import type { FoStatus } from '@/lib/fulfilment/fo-status';
import type { InboundStatus } from '@/lib/inbound/inbound-status';
import type { FoReturnStatus } from '@/lib/returns/fo-return-status';
import type { SaleOrderStatus, SaleStageStatus } from '@/lib/sale/sale-status';
import type { AdjustmentStatus } from '@/lib/stock/adjustment-status';
import type { TransferStatus } from '@/lib/stock/transfer-status';
import type { StocktakeStatus } from '@/lib/stocktake/stocktake-status';

/** What a colour says, so a status of a new table picks a meaning rather than a shade. */
type Tone = 'draft' | 'working' | 'moving' | 'done' | 'stopped' | 'failed';

/** Each tone's colours: `tone-<tone>` in app/globals.css. */
const TONE_CLASS: Record<Tone, string> = {
  draft: 'badge tone-draft',
  working: 'badge tone-working',
  moving: 'badge tone-moving',
  done: 'badge tone-done',
  stopped: 'badge tone-stopped',
  failed: 'badge tone-failed',
};

/**
 * Every status a page shows as a badge, of every status table, and its colour. Keyed by the
 * tables' status types, so a status added to a table without a colour here fails the type check;
 * users and workers are Active or Inactive; API keys Active or Revoked; webhook endpoints Active or
 * Disabled, their deliveries Queued, Retrying, Delivered or Failed.
 */
const TONE: Record<AdjustmentStatus | StocktakeStatus | TransferStatus | ConnectionStatus | AuthorisationStatus | SaleOrderStatus | SaleStageStatus | FoStatus | InboundStatus | AmazonOrderState | FoReturnStatus | 'Inactive' | 'Revoked' | 'Disabled' | 'Retrying', Tone> = {
  Draft: 'draft',
  'Not Started': 'draft',
  Authorised: 'done',
  Pending: 'working',
  'In Progress': 'working',
  'In Transit': 'moving',
  Completed: 'done',
  Connected: 'done',
  Active: 'done',
  Voided: 'stopped',
  Disconnected: 'stopped',
  Inactive: 'stopped',
  Revoked: 'stopped',
  Failed: 'failed',
  // Fulfilment orders: waiting here, held at Amazon, on the way, arrived, called off.
  Queued: 'draft',
  'On Hold': 'working',
  Shipped: 'moving',
  Delivered: 'done',
  Cancelled: 'stopped',
  // Inbound shipments (Amazon's words): placed, on the way, at the warehouse, received, or stopped there.
  Working: 'working',
  'Ready to Ship': 'working',
  'Checked In': 'moving',
  Receiving: 'moving',
  Closed: 'done',
  Deleted: 'stopped',
  Error: 'failed',
  // Amazon store orders: made into a sale, waiting on something here, or never imported.
  Imported: 'done',
  Held: 'working',
  Skipped: 'stopped',
  // Fulfilment order returns (Authorised is above): asked of Amazon, back at Amazon's warehouse, or refused by Amazon.
  Requested: 'working',
  Received: 'done',
  Refused: 'failed',
  // Webhooks: an endpoint turned off (by a person, or by its answer 410), a delivery waiting to try again.
  Disabled: 'stopped',
  Retrying: 'working',
};

export type BadgeStatus = keyof typeof TONE;

export function StatusBadge({ status }: { status: BadgeStatus }) {
  return <span className={TONE_CLASS[TONE[status]]}>{status}</span>;
}
