import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * Settings → Webhooks (issue 14): a URL another system listens on, and the events it wants. The
 * signing secret must be read back to sign each delivery, so it is encrypted (AES-256-GCM,
 * lib/crypto/secret-box.ts), not hashed; it is shown once, at creation and at rotation.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Event types (lib/webhooks/events.ts `WEBHOOK_EVENT_TYPES`); `ping` goes to every endpoint on request. */
    events: text('events').array().notNull(),
    secretEnc: text('secret_enc').notNull(),
    /** Raised by Rotate secret, so the audit trail shows a rotation (the secret itself never enters it). */
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    /** Why the endpoint stopped (an answer 410 Gone), shown beside the Disabled badge. */
    disabledReason: text('disabled_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emitting an event reads the active endpoints subscribed to its type: one GIN lookup.
    index('webhook_endpoints_events_idx').using('gin', t.events).where(sql`${t.active}`),
  ],
);

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * One event to one endpoint: exactly one row (unique endpoint × event), sent by the outbox (kind
 * `webhook.deliver`, subject = this row). Each attempt writes its answer here: the status code (0
 * when none came), our short words for a failure, and how long it took.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order, the log's keyset (newest first). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body sent: `{ id, type, createdAt, data }`. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastDurationMs: integer('last_duration_ms'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('webhook_deliveries_endpoint_event_unique').on(t.endpointId, t.eventId),
    // The log: an endpoint's deliveries newest first, optionally by status, paged by seq.
    index('webhook_deliveries_log_idx').on(t.endpointId, t.seq),
    index('webhook_deliveries_status_idx').on(t.endpointId, t.status, t.seq),
  ],
);
