import type { Db } from '@/db';
import { drainOutbox, drainOutboxUntilIdle, type DrainOptions } from '@/lib/fulfilment/outbox-drain';

/** The webhook family of the outbox: its own drain (job `webhooks.outbox`), so slow receivers never hold up calls to Amazon. */
export const WEBHOOK_FAMILIES = { only: ['webhook'] };

/** One pass over due webhook deliveries (the worker every 2 s; tests call it directly). */
export function drainWebhooks(db: Db, options: Partial<DrainOptions> = {}) {
  return drainOutbox(db, { workerId: 'webhooks', ...options, families: WEBHOOK_FAMILIES });
}

/** Drains webhook deliveries until none is due (tests). */
export function drainWebhooksUntilIdle(db: Db, options: Partial<DrainOptions> = {}) {
  return drainOutboxUntilIdle(db, { workerId: 'webhooks', ...options, families: WEBHOOK_FAMILIES });
}
