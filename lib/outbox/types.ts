import type { Db, Tx } from '@/db';
import type { outbox } from '@/db/schema';
import type { ClientFor } from '@/lib/fulfilment/tracking';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * What a call to Amazon came to. `record` writes it on our side, in the drain's transaction that
 * also finishes the outbox row (and only if this worker still holds the row).
 */
export type SendResult =
  /** Amazon did it (or had already done it). */
  | { outcome: 'done'; record: (tx: Tx, now: Date) => Promise<void> }
  /** Amazon refused, for a reason a repeat will not change (4xx): never retried. */
  | { outcome: 'refused'; error: string; record: (tx: Tx, now: Date) => Promise<void> }
  /** Throttled, 5xx, timeout, network: try again later; `payload`, when given, replaces the row's (what was learnt before the failure). */
  | {
      outcome: 'retry';
      error: string;
      payload?: Record<string, unknown>;
      /** Amazon answered 429: repeated after a pause, not counted as an attempt. */
      throttled?: boolean;
      /** Writes what this attempt came to on the subject, in the drain's transaction; `next` is when the row is tried again, null when it gives up. */
      record?: (tx: Tx, now: Date, next: Date | null) => Promise<void>;
    }
  /**
   * Amazon is still working on it (an asynchronous operation in progress): look again after
   * `delayMs`, with `payload` merged into the row (e.g. the operationId to poll). Not an attempt.
   */
  | { outcome: 'wait'; delayMs: number; payload?: Record<string, unknown> };

/** One family of outbox kinds (by the prefix before the dot: `fo`, `inbound`, `webhook`). */
export type OutboxHandler = {
  send: (db: Db, row: OutboxRow, clientFor: ClientFor) => Promise<SendResult>;
  /** The row failed after its last attempt: say so on the subject (its error field, its log). */
  giveUp: (tx: Tx, row: OutboxRow, message: string, at: Date) => Promise<void>;
};
