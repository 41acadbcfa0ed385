import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { DomainError } from '@/lib/errors';
import { PAGE_SIZE, toPage, type Cursor, type Page } from '@/lib/paging';
import { emitPing } from './emit';
import type { CreateWebhookInput } from './endpoint-inputs';

export { WEBHOOK_DELIVERY_STATUSES } from '@/db/schema';

/** Every signing secret starts so, which tells it apart from an API key pasted in the wrong place. */
export const SECRET_PREFIX = 'whsec_';
const newSecret = () => SECRET_PREFIX + randomBytes(32).toString('base64url');

export type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)['status'];
export type LastDelivery = { id: string; eventType: string; status: DeliveryStatus; attempts: number; statusCode: number | null; at: Date };
export type WebhookEndpointRow = {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  disabledReason: string | null;
  createdAt: Date;
  last: LastDelivery | null;
};

/** The endpoints, newest first, each with its latest delivery (one query: a lateral join on the log's index). */
export async function listWebhookEndpoints(db: Db | Tx): Promise<WebhookEndpointRow[]> {
  type Raw = { id: string; url: string; description: string; events: string[]; active: boolean; disabled_reason: string | null; created_at: string | Date; last: null | { id: string; event_type: string; status: DeliveryStatus; attempts: number; last_status_code: number | null; at: string } };
  const rows = rowsOf<Raw>(
    await db.execute(sql`
      SELECT e.id, e.url, e.description, e.events, e.active, e.disabled_reason, e.created_at,
        (SELECT json_build_object('id', d.id, 'event_type', d.event_type, 'status', d.status, 'attempts', d.attempts, 'last_status_code', d.last_status_code, 'at', coalesce(d.last_attempt_at, d.created_at))
           FROM webhook_deliveries d WHERE d.endpoint_id = e.id ORDER BY d.seq DESC LIMIT 1) AS last
      FROM webhook_endpoints e
      ORDER BY e.created_at DESC, e.id DESC`),
  );
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events,
    active: r.active,
    disabledReason: r.disabled_reason,
    createdAt: new Date(r.created_at),
    last: r.last && { id: r.last.id, eventType: r.last.event_type, status: r.last.status, attempts: r.last.attempts, statusCode: r.last.last_status_code, at: new Date(r.last.at) },
  }));
}

export async function getWebhookEndpoint(db: Db | Tx, id: string) {
  const [row] = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, description: webhookEndpoints.description, events: webhookEndpoints.events, active: webhookEndpoints.active, disabledReason: webhookEndpoints.disabledReason })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id));
  return row ?? null;
}

/** A new endpoint and its signing secret, returned this once (stored encrypted, shown never again). */
export async function createWebhookEndpoint(db: Db | Tx, actorId: string, input: CreateWebhookInput): Promise<{ id: string; url: string; secret: string }> {
  const secret = newSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ url: input.url, description: input.description ?? '', events: [...new Set(input.events)], secretEnc: encryptSecret(secret), createdBy: actorId })
    .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
  return { ...row!, secret };
}

const gone = () => new DomainError('NOT_FOUND', 'That webhook endpoint no longer exists.');

/** Enable or Disable: a disabled endpoint gets no new events, and its waiting deliveries are not sent. */
export async function setWebhookEndpointActive(db: Db | Tx, id: string, active: boolean): Promise<{ url: string; active: boolean }> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ active, disabledReason: null, updatedAt: new Date() })
    .where(eq(webhookEndpoints.id, id))
    .returning({ url: webhookEndpoints.url, active: webhookEndpoints.active });
  if (!row) throw gone();
  return row;
}

/** A new secret, effective for the next attempt (waiting retries are signed with it). */
export async function rotateWebhookSecret(db: Db | Tx, id: string): Promise<{ url: string; secret: string }> {
  const secret = newSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({ secretEnc: encryptSecret(secret), secretRotatedAt: new Date(), updatedAt: new Date() })
    .where(eq(webhookEndpoints.id, id))
    .returning({ url: webhookEndpoints.url });
  if (!row) throw gone();
  return { url: row.url, secret };
}

/** Delete: the endpoint and its delivery log; outbox rows left for it find nothing and finish. */
export async function deleteWebhookEndpoint(db: Db | Tx, id: string): Promise<{ url: string }> {
  const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ url: webhookEndpoints.url });
  if (!row) throw gone();
  return row;
}

/** "Send test event": queues a `ping` to this endpoint (sent by the drain within seconds). */
export async function sendTestEvent(tx: Tx, id: string): Promise<{ deliveryId: string }> {
  const endpoint = await getWebhookEndpoint(tx, id);
  if (!endpoint) throw gone();
  if (!endpoint.active) throw new DomainError('INVALID_TRANSITION', 'Enable the endpoint before sending it a test event.');
  const deliveryId = await emitPing(tx, id);
  if (!deliveryId) throw new DomainError('STALE_STATE', 'The endpoint was disabled meanwhile; enable it and try again.');
  return { deliveryId };
}

export type DeliveryRow = {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export type DeliveryFilters = { status?: DeliveryStatus; after: Cursor | null };

/** An endpoint's delivery log, newest first, keyset-paged on the insertion sequence. */
export async function listDeliveries(db: Db | Tx, endpointId: string, f: DeliveryFilters, limit = PAGE_SIZE): Promise<Page<DeliveryRow>> {
  const afterSeq = f.after && typeof f.after.v === 'number' && Number.isSafeInteger(f.after.v) ? f.after.v : null;
  const rows = await db
    .select({
      seq: webhookDeliveries.seq,
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastDurationMs: webhookDeliveries.lastDurationMs,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        f.status ? eq(webhookDeliveries.status, f.status) : undefined,
        afterSeq !== null ? lt(webhookDeliveries.seq, afterSeq) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.seq))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => r.seq);
  return { rows: page.rows.map(({ seq: _seq, ...r }) => r), next: page.next };
}
