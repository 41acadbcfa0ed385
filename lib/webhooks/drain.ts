import type { Db } from '@/db';
import { drainOutbox, drainOutboxUntilIdle, type DrainOptions, type DrainSummary } from '@/lib/fulfilment/outbox-drain';

/** The webhook family of the outbox: its own drain (job `webhooks.outbox`), so slow receivers never hold up calls to Amazon. */
export const WEBHOOK_FAMILIES = { only: ['webhook'] };

export type WebhookDrainOptions = Partial<DrainOptions> & {
  /**
   * Claims made side by side, each sending its rows one after another: a receiver taking its full
   * 10 s holds up one lane, not every delivery. Rows are claimed FOR UPDATE SKIP LOCKED, so no two
   * lanes take the same row.
   */
  lanes?: number;
};

/** One pass over due webhook deliveries (the worker every 2 s; tests call it directly). */
export async function drainWebhooks(db: Db, options: WebhookDrainOptions = {}): Promise<DrainSummary> {
  const { lanes = 1, ...rest } = options;
  const workerId = rest.workerId ?? 'webhooks';
  const results = await Promise.all(
    Array.from({ length: Math.max(1, lanes) }, (_, i) => drainOutbox(db, { ...rest, workerId: lanes > 1 ? `${workerId}#${i + 1}` : workerId, families: WEBHOOK_FAMILIES })),
  );
  const total: DrainSummary = { claimed: 0, done: 0, refused: 0, retried: 0, waiting: 0, failed: 0, dropped: 0 };
  for (const r of results) for (const k of Object.keys(total) as (keyof DrainSummary)[]) total[k] += r[k];
  return total;
}

/** Drains webhook deliveries until none is due (tests, the bench). */
export function drainWebhooksUntilIdle(db: Db, options: Partial<DrainOptions> = {}) {
  return drainOutboxUntilIdle(db, { workerId: 'webhooks', ...options, families: WEBHOOK_FAMILIES });
}
