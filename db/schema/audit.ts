import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Settings → Audit Log, Changes: one row per insert, update or delete of a row people change
 * (written by the database itself, trigger `audit_row`, migration 0013, so no code path can skip
 * it): who (the signed-in user the action ran for; null for the worker and the system), when, which
 * table and row, and the columns before → after (an update keeps only the columns it changed).
 * Secrets never enter: columns ending in _enc or _hash are left out.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    action: text('action', { enum: ['INSERT', 'UPDATE', 'DELETE'] }).notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  // Newest first by id (ids grow with time); each filter of the page has its index.
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_table_idx').on(t.tableName, t.id), index('audit_log_user_idx').on(t.userId, t.id), index('audit_log_row_idx').on(t.rowId, t.id)],
);

/**
 * Settings → Audit Log, Amazon calls: one row per HTTP exchange with the Selling Partner API (each
 * retry is its own row): the operation, method, path and query, status, Amazon's request id and
 * how long it took. Never headers or bodies, so never a token.
 */
export const amazonCalls = pgTable(
  'amazon_calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    endpoint: text('endpoint').notNull(),
    operation: text('operation').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    requestId: text('request_id'),
    attempt: integer('attempt').notNull(),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('amazon_calls_at_idx').on(t.at), index('amazon_calls_operation_idx').on(t.operation, t.id), index('amazon_calls_status_idx').on(t.status, t.id), index('amazon_calls_request_idx').on(t.requestId)],
);
