import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, inboundShipments } from '@/db/schema';
import { amazonReason } from '@/lib/fba/connection-client';
import { isSpApiError, type SpApiClient } from '@/lib/fba/sp-api';
import { retryLater } from '@/lib/outbox/retry';
import type { OutboxHandler, OutboxRow, SendResult } from '@/lib/outbox/types';
import { logInbound } from './inbound-write';

// The wizard's calls to Amazon go through the outbox (lib/fulfilment/outbox-drain.ts), like the
// fulfilment orders': a wizard action writes its choice and an `inbound.*` row in one transaction;
// the drain makes the calls outside any transaction. Every write of Fulfillment Inbound 2024-03-20
// is asynchronous at Amazon (202 + operationId), so one row walks a list of stages: a stage that
// starts an operation parks the row ('wait') with the operationId in its payload, and the next
// drain polls getInboundOperationStatus until SUCCESS (next stage) or FAILED (Amazon's problems,
// shown on the page with Retry). After the last stage, `finish` reads what Amazon now offers and
// records it in the drain's transaction.

export const INBOUND_OUTBOX = {
  /** createInboundPlan, generatePackingOptions → the packing options. */
  plan: 'inbound.plan',
  /** confirmPackingOption → box contents may be entered. */
  packing: 'inbound.packing',
  /** setPackingInformation, generatePlacementOptions → the placement options and their fees. */
  boxes: 'inbound.boxes',
  /** confirmPlacementOption → Amazon's shipments (ids, warehouses) and box ids. */
  placement: 'inbound.placement',
  /** generateTransportationOptions → partnered quotes and other carriers, per shipment. */
  transport: 'inbound.transport',
  /** generateDeliveryWindowOptions for shipments going with another carrier. */
  delivery: 'inbound.delivery',
  /** confirmDeliveryWindowOptions, confirmTransportationOptions → the shipment is confirmed. */
  confirm: 'inbound.confirm',
  /** updateShipmentTrackingDetails: another carrier's tracking numbers, per box. */
  tracking: 'inbound.tracking',
} as const;
export type InboundOutboxKind = (typeof INBOUND_OUTBOX)[keyof typeof INBOUND_OUTBOX];

/** What each kind is doing, in a person's words (the page's "Waiting for Amazon: …"). */
export const INBOUND_CALL_WORDS: Record<InboundOutboxKind, string> = {
  'inbound.plan': 'creating the inbound plan and its packing options',
  'inbound.packing': 'confirming the packing option',
  'inbound.boxes': 'sending the box contents and generating placement options',
  'inbound.placement': 'confirming the placement and creating the shipments',
  'inbound.transport': 'calculating shipping charges',
  'inbound.delivery': 'generating delivery windows',
  'inbound.confirm': 'confirming delivery windows and transportation',
  'inbound.tracking': 'sending the tracking numbers',
};

export type InboundRow = typeof inboundShipments.$inferSelect;
export type ConnectionRow = typeof fbaConnections.$inferSelect;

export type StageContext = {
  db: Db;
  client: SpApiClient;
  inbound: InboundRow;
  conn: ConnectionRow;
  /** The row's payload so far: the action's choice and what earlier stages learnt (e.g. inboundPlanId). */
  payload: Record<string, unknown>;
  /** A repeated attempt (a retaken claim or a retry after a timeout): the stage's call may already have been made. */
  repeat: boolean;
};

/**
 * One call to Amazon. Returns the operationId to wait for, if it started one, and what to remember;
 * or `lookAgainMs` when what an earlier attempt asked for may still be under way at Amazon: the stage
 * runs again after that long (waiting, not an attempt).
 */
export type Stage = (ctx: StageContext) => Promise<{ operationId?: string; remember?: Record<string, unknown>; lookAgainMs?: number } | void>;

export type Flow = {
  /** The calls, in order (computed from our rows, so the same on every attempt). */
  stages: (ctx: StageContext) => Promise<Stage[]> | Stage[];
  /** Reads what Amazon now has (outside any transaction) and returns its write. */
  finish: (ctx: StageContext) => Promise<(tx: Tx, now: Date) => Promise<void>>;
};

/** How long to wait before asking about an operation again: 2 s, growing to 30 s. */
export const pollDelayMs = (polls: number) => Math.min(30_000, 2_000 * 1.5 ** polls);

const retryable = (e: unknown) => !isSpApiError(e) || e.retryable;

/** Amazon's operationProblems in a person's words. */
export function problemWords(problems: { code: string; message: string; severity: string; details?: string }[]): string {
  const errors = problems.filter((p) => p.severity === 'ERROR');
  const list = (errors.length ? errors : problems).map((p) => `${p.message}${p.details ? ` (${p.details})` : ''} [${p.code}]`);
  return list.length ? `Amazon said: ${list.join('; ')}` : 'Amazon reported the operation failed without a reason.';
}

export function makeInboundHandler(flows: Record<InboundOutboxKind, Flow>): OutboxHandler {
  return {
    async send(db, row, clientFor): Promise<SendResult> {
      const [inbound] = await db.select().from(inboundShipments).where(eq(inboundShipments.id, row.subjectId));
      if (!inbound || inbound.deletedAt) return { outcome: 'refused', error: 'The inbound shipment was deleted here: nothing more was sent to Amazon.', record: async () => {} };
      const [conn] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, inbound.connectionId));
      if (!conn || conn.status !== 'Active') return refused(row, 'The FBA connection of this shipment is not active: nothing was sent to Amazon.');
      const flow = flows[row.kind as InboundOutboxKind];
      if (!flow) return refused(row, `Unknown outbox kind ${row.kind}.`);
      const payload: Record<string, unknown> = { ...row.payload };
      const ctx: StageContext = { db, client: clientFor(conn), inbound, conn, payload, repeat: row.attempts > 1 };
      let stage = typeof payload.stage === 'number' ? payload.stage : 0;
      try {
        if (typeof payload.operationId === 'string') {
          const status = await ctx.client.getInboundOperationStatus(payload.operationId);
          const polls = typeof payload.polls === 'number' ? payload.polls : 0;
          if (status.operationStatus === 'IN_PROGRESS') return { outcome: 'wait', delayMs: pollDelayMs(polls), payload: { polls: polls + 1 } };
          if (status.operationStatus === 'FAILED') return refused(row, problemWords(status.operationProblems));
          delete payload.operationId;
          stage += 1;
        }
        const stages = await flow.stages(ctx);
        while (stage < stages.length) {
          const out = await stages[stage](ctx);
          if (out?.remember) Object.assign(payload, out.remember);
          if (out?.operationId) return { outcome: 'wait', delayMs: pollDelayMs(0), payload: { ...payload, stage, operationId: out.operationId, polls: 1 } };
          if (out?.lookAgainMs) return { outcome: 'wait', delayMs: out.lookAgainMs, payload: { ...payload, stage, operationId: undefined } };
          stage += 1;
          payload.stage = stage;
        }
        const record = await flow.finish(ctx);
        return { outcome: 'done', record };
      } catch (e) {
        // What the stages before the failure learnt is kept (the next attempt does not redo them).
        if (retryable(e)) return retryLater(e, { ...payload, stage });
        return refused(row, amazonReason(e));
      }
    },
    async giveUp(tx, row, message, at) {
      await logInbound(tx, row.subjectId, message, null, at);
    },
  };
}

function refused(row: OutboxRow, error: string): SendResult {
  return { outcome: 'refused', error, record: (tx, now) => logInbound(tx, row.subjectId, `${INBOUND_CALL_WORDS[row.kind as InboundOutboxKind] ?? row.kind}: ${error}`, null, now) };
}
