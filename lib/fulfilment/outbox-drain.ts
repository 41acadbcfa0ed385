import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { outbox } from '@/db/schema';
import { reportUnexpected } from '@/lib/errors';
import { spClientFor } from '@/lib/fba/connection-client';
import { OUTBOX_HANDLERS } from '@/lib/outbox/handlers';
import type { OutboxHandler, OutboxRow, SendResult } from '@/lib/outbox/types';
import type { ClientFor } from './tracking';

export type DrainOptions = {
  /** Who holds a claimed row (a worker process); the result is recorded only while it still holds it. */
  workerId: string;
  now?: () => Date;
  /** Rows claimed per drain. */
  limit?: number;
  /** A row claimed longer ago than this is taken again (its worker died or hung). */
  leaseMs?: number;
  /** After this many attempts ending in 5xx / timeouts / no answer the row fails (a 429 is not an attempt: Amazon pacing us). */
  maxAttempts?: number;
  /** Backoff before the next attempt: base · 2^(attempts−1), capped, jittered (½–1×). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  clientFor?: ClientFor;
  /** Who sends each family of kinds (by prefix: fo, inbound); the app's own by default. */
  handlers?: Record<string, OutboxHandler>;
  /** Only rows of these families (by prefix), or all but these: webhooks have their own drain, so a slow receiver never holds up Amazon's calls. */
  families?: { only: string[] } | { except: string[] };
};

export const OUTBOX_DEFAULTS = { limit: 20, leaseMs: 5 * 60_000, maxAttempts: 8, backoffBaseMs: 15_000, backoffMaxMs: 30 * 60_000 } as const;

export type DrainSummary = { claimed: number; done: number; refused: number; retried: number; waiting: number; failed: number; dropped: number };

/**
 * Claims due rows in one statement: pending rows whose time has come, and rows whose claim is
 * older than the lease (a worker that died mid-call: the call is repeated, with the same
 * idempotency key). FOR UPDATE SKIP LOCKED lets several workers drain at once without taking the
 * same row. A row waits while its subject has an earlier unfinished row (a create before its cancel).
 */
export async function claimOutbox(db: Db, opts: { workerId: string; now: Date; limit: number; leaseMs: number; families?: DrainOptions['families'] }): Promise<OutboxRow[]> {
  const staleBefore = new Date(opts.now.getTime() - opts.leaseMs);
  const f = opts.families;
  const family = sql`split_part(${outbox.kind}, '.', 1)`;
  const ofFamily = !f ? undefined : 'only' in f ? sql`${family} IN (${sql.join(f.only.map((x) => sql`${x}`), sql`, `)})` : sql`${family} NOT IN (${sql.join(f.except.map((x) => sql`${x}`), sql`, `)})`;
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        sql`((${outbox.status} = 'pending' AND ${outbox.nextAttemptAt} <= ${opts.now.toISOString()}::timestamptz) OR (${outbox.status} = 'sending' AND ${outbox.claimedAt} < ${staleBefore.toISOString()}::timestamptz))`,
        sql`NOT EXISTS (SELECT 1 FROM outbox earlier WHERE earlier.subject_id = ${outbox.subjectId} AND earlier.id < ${outbox.id} AND earlier.status IN ('pending', 'sending'))`,
        ofFamily,
      ),
    )
    .orderBy(outbox.id)
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  return db
    .update(outbox)
    .set({ status: 'sending', claimedAt: opts.now, claimedBy: opts.workerId, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
}

/** The claim still ours: same worker, same attempt (a later claim by anyone raised attempts). */
const stillOurs = (row: OutboxRow) => and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.claimedBy, row.claimedBy!), eq(outbox.attempts, row.attempts));

/**
 * The outbox drain (the worker, every 2 s): claim due rows, make each row's Amazon call outside
 * any transaction, then in one transaction finish the row and record the result — only if this
 * worker still holds the claim; otherwise the result is dropped (another worker took the row
 * after the lease and repeats the call, which is idempotent at Amazon).
 */
export async function drainOutbox(db: Db, options: DrainOptions): Promise<DrainSummary> {
  const o = { ...OUTBOX_DEFAULTS, ...options };
  const now = o.now ?? (() => new Date());
  const random = o.random ?? Math.random;
  const clientFor = o.clientFor ?? spClientFor;
  const handlers = o.handlers ?? OUTBOX_HANDLERS;
  const rows = await claimOutbox(db, { workerId: o.workerId, now: now(), limit: o.limit, leaseMs: o.leaseMs, families: o.families });
  const summary: DrainSummary = { claimed: rows.length, done: 0, refused: 0, retried: 0, waiting: 0, failed: 0, dropped: 0 };
  for (const row of rows) {
    // Renew the claim before the call: rows waiting in this batch behind slow calls keep their lease,
    // and a row another worker has retaken meanwhile is left to it.
    const [held] = await db.update(outbox).set({ claimedAt: now() }).where(stillOurs(row)).returning({ id: outbox.id });
    if (!held) {
      summary.dropped += 1;
      continue;
    }
    const handler = handlers[row.kind.split('.')[0]];
    let result: SendResult;
    try {
      result = handler ? await handler.send(db, row, clientFor) : { outcome: 'refused', error: `Unknown outbox kind ${row.kind}.`, record: async () => {} };
    } catch (e) {
      // Our own failure (database, a bug): retried like a 5xx, with a reference in the server log.
      result = { outcome: 'retry', error: `Unexpected error (reference ${reportUnexpected(e, { where: `outbox ${row.kind}` })}).` };
    }
    const at = now();
    const kept = await recordResult(db, row, result, at, o, random, handler).catch(async (e) => {
      // Recording failed (a conflict, a bug): the row goes back to wait, and is tried again.
      const error = `Unexpected error (reference ${reportUnexpected(e, { where: `outbox ${row.kind} record` })}).`;
      const [hit] = await db
        .update(outbox)
        .set({ status: 'pending', lastError: error, nextAttemptAt: new Date(at.getTime() + o.backoffBaseMs), claimedAt: null, claimedBy: null })
        .where(stillOurs(row))
        .returning({ id: outbox.id });
      return hit ? ('retried' as const) : ('dropped' as const);
    });
    summary[kept] += 1;
  }
  return summary;
}

type Resolved = Required<Omit<DrainOptions, 'now' | 'random' | 'clientFor' | 'handlers' | 'families'>>;

async function recordResult(db: Db, row: OutboxRow, result: SendResult, at: Date, o: Resolved, random: () => number, handler: OutboxHandler | undefined) {
  return db.transaction(async (tx): Promise<keyof DrainSummary> => {
    if (result.outcome === 'wait') {
      // Amazon is still working: look again later; waiting is not an attempt.
      const [hit] = await tx
        .update(outbox)
        .set({
          status: 'pending',
          attempts: 0,
          payload: result.payload ? { ...row.payload, ...result.payload } : row.payload,
          nextAttemptAt: new Date(at.getTime() + result.delayMs),
          claimedAt: null,
          claimedBy: null,
        })
        .where(stillOurs(row))
        .returning({ id: outbox.id });
      return hit ? 'waiting' : 'dropped';
    }
    if (result.outcome === 'retry' && result.throttled) {
      // Amazon is pacing us (429): the call is repeated after a pause and the claim's attempt is
      // given back, so a throttle storm, however long, never fails the row.
      const pause = o.backoffBaseMs * (0.5 + random() / 2);
      const [hit] = await tx
        .update(outbox)
        .set({
          status: 'pending',
          attempts: sql`${outbox.attempts} - 1`,
          lastError: result.error,
          payload: result.payload ?? row.payload,
          nextAttemptAt: new Date(at.getTime() + pause),
          claimedAt: null,
          claimedBy: null,
        })
        .where(stillOurs(row))
        .returning({ id: outbox.id });
      return hit ? 'retried' : 'dropped';
    }
    if (result.outcome === 'retry') {
      if (row.attempts >= o.maxAttempts) {
        const [hit] = await tx.update(outbox).set({ status: 'failed', lastError: result.error, doneAt: at }).where(stillOurs(row)).returning({ id: outbox.id });
        if (!hit) return 'dropped';
        await result.record?.(tx, at, null);
        const message = `Gave up after ${row.attempts} attempts to reach ${row.kind.startsWith('webhook.') ? 'the endpoint' : 'Amazon'}. ${result.error}`;
        await handler?.giveUp(tx, row, message, at);
        return 'failed';
      }
      const delay = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** (row.attempts - 1)) * (0.5 + random() / 2);
      const next = new Date(at.getTime() + delay);
      const [hit] = await tx
        .update(outbox)
        .set({
          status: 'pending',
          lastError: result.error,
          payload: result.payload ?? row.payload,
          nextAttemptAt: next,
          claimedAt: null,
          claimedBy: null,
        })
        .where(stillOurs(row))
        .returning({ id: outbox.id });
      if (!hit) return 'dropped';
      await result.record?.(tx, at, next);
      return 'retried';
    }
    const [hit] = await tx
      .update(outbox)
      .set({ status: result.outcome === 'done' ? 'done' : 'failed', lastError: result.outcome === 'refused' ? result.error : null, doneAt: at })
      .where(stillOurs(row))
      .returning({ id: outbox.id });
    if (!hit) return 'dropped';
    await result.record(tx, at);
    return result.outcome;
  });
}

/** Drains until nothing is due (tests, and the worker's catch-up after a pause). */
export async function drainOutboxUntilIdle(db: Db, options: DrainOptions, maxRounds = 100): Promise<DrainSummary> {
  const total: DrainSummary = { claimed: 0, done: 0, refused: 0, retried: 0, waiting: 0, failed: 0, dropped: 0 };
  for (let i = 0; i < maxRounds; i++) {
    const s = await drainOutbox(db, options);
    for (const k of Object.keys(total) as (keyof DrainSummary)[]) total[k] += s[k];
    if (s.claimed === 0) break;
  }
  return total;
}

/** Rows of a kind waiting or failed, for health and tests. */
export async function outboxCounts(db: Db) {
  const rows = await db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<OutboxRow['status'], number>>;
}
