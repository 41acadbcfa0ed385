import { and, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { amazonCalls, auditLog, users } from '@/db/schema';
import { SP_API_OPERATIONS } from '@/lib/fba/sp-api/models/operations';
import { PAGE_SIZE, toPage, type Cursor, type Page } from '@/lib/paging';

/** The tables the audit trigger watches (migration 0013), by the words the page uses for them. */
export const AUDITED_TABLES: Record<string, string> = {
  users: 'Users',
  price_tiers: 'Price tiers',
  company_settings: 'General settings',
  products: 'Products',
  product_prices: 'Product prices',
  customers: 'Customers',
  locations: 'Locations',
  bins: 'Bins',
  fba_connections: 'FBA connections',
  amazon_stores: 'Amazon stores',
  sales: 'Sales',
  sale_payments: 'Sale payments',
  sale_credit_notes: 'Credit notes',
  stock_adjustments: 'Stock adjustments',
  stocktakes: 'Stocktakes',
  stock_transfers: 'Stock transfers',
  inbound_shipments: 'Inbound shipments',
  fulfilment_orders: 'Fulfilment orders',
  fulfilment_returns: 'Fulfilment returns',
  api_keys: 'API keys',
  webhook_endpoints: 'Webhook endpoints',
};

/** A day range in UTC, from the page's date fields (YYYY-MM-DD, either may be missing). */
export type DayRange = { from?: string; to?: string };

function days(column: typeof auditLog.at | typeof amazonCalls.at, range: DayRange): SQL[] {
  const out: SQL[] = [];
  if (range.from) out.push(gte(column, new Date(`${range.from}T00:00:00Z`)));
  if (range.to) out.push(lt(column, new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000)));
  return out;
}

const before = (column: typeof auditLog.id | typeof amazonCalls.id, after: Cursor | null) => (after && /^\d{1,18}$/.test(after.id) ? [lt(column, Number(after.id))] : []);

export type ChangeFilters = DayRange & { table?: string; user?: string; row?: string; after: Cursor | null };

/** Settings → Audit Log, Changes: newest first, a page at a time, with the user's name (one query). */
export async function listChanges(db: Db, f: ChangeFilters, limit = PAGE_SIZE): Promise<Page<AuditChange>> {
  const where = and(
    f.table ? eq(auditLog.tableName, f.table) : undefined,
    f.user === 'system' ? isNull(auditLog.userId) : f.user ? eq(auditLog.userId, f.user) : undefined,
    f.row ? eq(auditLog.rowId, f.row) : undefined,
    ...days(auditLog.at, f),
    ...before(auditLog.id, f.after),
  );
  const rows = await db
    .select({ id: sql<string>`${auditLog.id}::text`, at: auditLog.at, action: auditLog.action, tableName: auditLog.tableName, rowId: auditLog.rowId, before: auditLog.before, after: auditLog.after, user: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return toPage(rows, limit, () => null);
}

export type AuditChange = { id: string; at: Date; action: 'INSERT' | 'UPDATE' | 'DELETE'; tableName: string; rowId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null; user: string | null };

/** Status classes the Amazon calls filter offers. */
export const CALL_OUTCOMES = { ok: 'Succeeded (2xx)', refused: 'Refused (4xx, not 429)', throttled: 'Throttled (429)', failed: 'Amazon failed (5xx)' } as const;
export type CallOutcome = keyof typeof CALL_OUTCOMES;

const OUTCOME_SQL: Record<CallOutcome, SQL> = {
  ok: sql`${amazonCalls.status} BETWEEN 200 AND 299`,
  refused: sql`${amazonCalls.status} BETWEEN 400 AND 499 AND ${amazonCalls.status} <> 429`,
  throttled: sql`${amazonCalls.status} = 429`,
  failed: sql`${amazonCalls.status} >= 500`,
};

export type CallFilters = DayRange & { operation?: string; outcome?: CallOutcome; requestId?: string; after: Cursor | null };

/** Settings → Audit Log, Amazon calls: newest first, a page at a time. */
export async function listAmazonCalls(db: Db, f: CallFilters, limit = PAGE_SIZE) {
  const rows = await db
    .select({ id: sql<string>`${amazonCalls.id}::text`, at: amazonCalls.at, endpoint: amazonCalls.endpoint, operation: amazonCalls.operation, method: amazonCalls.method, path: amazonCalls.path, status: amazonCalls.status, requestId: amazonCalls.requestId, attempt: amazonCalls.attempt, durationMs: amazonCalls.durationMs })
    .from(amazonCalls)
    .where(
      and(
        f.operation ? eq(amazonCalls.operation, f.operation) : undefined,
        f.outcome ? OUTCOME_SQL[f.outcome] : undefined,
        f.requestId ? eq(amazonCalls.requestId, f.requestId) : undefined,
        ...days(amazonCalls.at, f),
        ...before(amazonCalls.id, f.after),
      ),
    )
    .orderBy(desc(amazonCalls.id))
    .limit(limit + 1);
  return toPage(rows, limit, () => null);
}

/** The operations the filter offers: every SP-API operation the client knows (no scan of the log). */
export const AMAZON_OPERATIONS: readonly string[] = Object.keys(SP_API_OPERATIONS).sort();

/** The users who appear in the filter: every user (a company has few). */
export async function auditUsers(db: Db) {
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(users.name);
}

/** One exchange with the Selling Partner API, as the client reports it (never headers or bodies). */
export type AmazonCall = { endpoint: string; operation: string; method: string; url: string; status: number; requestId: string | null; attempt: number; durationMs: number };

/** Writes one Amazon call to the log; a failure to write is reported, never thrown into the call. */
export async function recordAmazonCall(db: Db, call: AmazonCall): Promise<void> {
  try {
    const u = new URL(call.url);
    await db.insert(amazonCalls).values({ endpoint: call.endpoint, operation: call.operation, method: call.method, path: `${u.pathname}${u.search}`.slice(0, 2000), status: call.status, requestId: call.requestId, attempt: call.attempt, durationMs: Math.round(call.durationMs) });
  } catch (e) {
    console.error('[audit] could not record an Amazon call:', (e as Error).message);
  }
}

type CallSink = (call: AmazonCall) => void;
const g = globalThis as unknown as { __amazonCallSink?: CallSink };

/**
 * Where the app's SP-API clients report their exchanges: the web process and the worker record
 * them in the database (instrumentation-node.ts, jobs/worker.ts); scripts and tests record nothing.
 * On globalThis, so every route bundle's clients reach the one sink.
 */
export function setAmazonCallSink(sink: CallSink | undefined) {
  g.__amazonCallSink = sink;
}

export function reportAmazonCall(call: AmazonCall) {
  g.__amazonCallSink?.(call);
}

/** The sink that writes to `db` (never waits, never throws into the call). */
export const recordInto = (db: Db): CallSink => (call) => void recordAmazonCall(db, call);
