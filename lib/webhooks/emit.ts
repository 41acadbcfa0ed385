import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { PING_EVENT, STOCK_LEVELS_PER_EVENT, type WebhookEvent, type WebhookEventType } from './events';

/** The outbox kind that sends one delivery (lib/webhooks/deliver.ts). */
export const WEBHOOK_OUTBOX_KIND = 'webhook.deliver';

function events(type: WebhookEvent['type'], data: Record<string, unknown>[], at: Date): WebhookEvent[] {
  const createdAt = at.toISOString();
  return data.map((d) => ({ id: randomUUID(), type, createdAt, data: d }));
}

/**
 * Emits events of one type, in the caller's transaction (so an event exists exactly when the change
 * it tells of was committed): one statement makes a delivery per event for every active endpoint
 * subscribed to the type, and an outbox row for each. With no subscriber it inserts nothing; it
 * never runs a query per endpoint or per event. Several events at once (stock levels in chunks)
 * first ask whether anyone subscribes, so a large posting costs nothing more when nobody does.
 */
export async function emitWebhookEvents(tx: Tx, type: WebhookEventType, data: Record<string, unknown>[], at: Date = new Date()): Promise<void> {
  if (data.length === 0) return;
  // A large batch (a 50,000-line stocktake's levels are megabytes of JSON) is only built and sent
  // when someone listens: one indexed lookup first. A single event goes straight to the insert.
  if (data.length > 1 && !(await anySubscriber(tx, type))) return;
  await insertDeliveries(tx, events(type, data, at), at, sql`w.active AND w.events @> ARRAY[${type}]::text[]`);
}

async function anySubscriber(tx: Tx, type: WebhookEventType): Promise<boolean> {
  const rows = rowsOf(await tx.execute(sql`SELECT 1 FROM webhook_endpoints WHERE active AND events @> ARRAY[${type}]::text[] LIMIT 1`));
  return rows.length > 0;
}

export const emitWebhookEvent = (tx: Tx, type: WebhookEventType, data: Record<string, unknown>, at?: Date) => emitWebhookEvents(tx, type, [data], at);

/** `stock.level_changed`, coalesced: the levels a posting changed, at most STOCK_LEVELS_PER_EVENT per event. */
export async function emitStockLevels(tx: Tx, levels: { productId: string; locationId: string; binId: string | null; onHand: number }[], at?: Date) {
  const parts: Record<string, unknown>[] = [];
  for (let i = 0; i < levels.length; i += STOCK_LEVELS_PER_EVENT) parts.push({ levels: levels.slice(i, i + STOCK_LEVELS_PER_EVENT) });
  await emitWebhookEvents(tx, 'stock.level_changed', parts, at);
}

/** "Send test event": a `ping` to one active endpoint. The delivery's id, or null when the endpoint is not active. */
export async function emitPing(tx: Tx, endpointId: string, at: Date = new Date()): Promise<string | null> {
  const [event] = events(PING_EVENT, [{ endpointId, message: 'A test event sent from Settings → Webhooks.' }], at);
  const ids = await insertDeliveries(tx, [event!], at, sql`w.active AND w.id = ${endpointId}::uuid`);
  return ids[0] ?? null;
}

async function insertDeliveries(tx: Tx, list: WebhookEvent[], at: Date, which: ReturnType<typeof sql>): Promise<string[]> {
  const stamp = at.toISOString();
  const rows = await tx.execute(sql`
    WITH ev AS (
      SELECT (e->>'id')::uuid AS id, e->>'type' AS type, e AS payload FROM jsonb_array_elements(${JSON.stringify(list)}::jsonb) AS e
    ), d AS (
      INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, next_attempt_at, created_at)
      SELECT w.id, ev.id, ev.type, ev.payload, ${stamp}::timestamptz, ${stamp}::timestamptz
      FROM webhook_endpoints w CROSS JOIN ev
      WHERE ${which}
      ORDER BY ev.id, w.id
      RETURNING id
    )
    INSERT INTO outbox (kind, subject_id, payload, created_at, next_attempt_at)
    SELECT ${WEBHOOK_OUTBOX_KIND}, d.id, '{}'::jsonb, ${stamp}::timestamptz, ${stamp}::timestamptz FROM d
    RETURNING subject_id`);
  return rowsOf<{ subject_id: string }>(rows).map((r) => r.subject_id);
}
