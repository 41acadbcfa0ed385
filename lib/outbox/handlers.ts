import { amazonOutboxHandler } from '@/lib/channel/confirm-shipment';
import { foOutboxHandler } from '@/lib/fulfilment/send';
import { inboundOutboxHandler } from '@/lib/inbound/inbound-send';
import { webhookOutboxHandler } from '@/lib/webhooks/deliver';
import type { OutboxHandler } from './types';

/** Who sends each family of outbox kinds, by the prefix of the kind (fo.create → fo, inbound.plan → inbound, amazon.confirm-shipment → amazon, webhook.deliver → webhook). */
export const OUTBOX_HANDLERS: Record<string, OutboxHandler> = {
  fo: foOutboxHandler,
  inbound: inboundOutboxHandler,
  amazon: amazonOutboxHandler,
  webhook: webhookOutboxHandler,
};
