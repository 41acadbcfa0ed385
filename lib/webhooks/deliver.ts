import http from 'node:http';
import https from 'node:https';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import type { OutboxHandler, OutboxRow, SendResult } from '@/lib/outbox/types';
import { webhookHeaders } from './signature';
import { guardedLookup, privateHostsAllowed, webhookUrlProblem } from './url-policy';

/** How long a receiver has to answer one attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Of an answer we read only this much (and keep none of it): a receiver cannot make us hold a large body. */
const MAX_ANSWER_BYTES = 64 * 1024;

export type Attempt = { statusCode: number; error: string | null; durationMs: number };

/** Our short words for an attempt that got no answer: never the receiver's body or a stack. */
function words(e: unknown): string {
  const code = (e as { code?: string; name?: string }).code ?? (e as { name?: string }).name;
  switch (code) {
    case 'ABORT_ERR':
    case 'AbortError':
    case 'TimeoutError':
      return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`;
    case 'ECONNREFUSED':
      return 'Connection refused.';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'The connection was closed before an answer came.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name could not be resolved.';
    case 'EPRIVATE':
      return 'The host resolves to a private address: refused.';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'The host could not be reached.';
    default:
      return code?.startsWith('ERR_TLS') || code?.startsWith('CERT_') || code?.includes('SSL') ? 'The TLS handshake failed (certificate).' : 'The request failed before an answer came.';
  }
}

/** One signed POST; resolves with what came back (status 0 when nothing did). */
export function postSigned(url: string, body: string, headers: Record<string, string>, opts: { allowPrivate: boolean; timeoutMs?: number }): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const u = new URL(url);
    const signal = AbortSignal.timeout(opts.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'fba-inventory-webhooks/1', 'content-length': Buffer.byteLength(body), ...headers },
        lookup: guardedLookup(opts.allowPrivate),
        signal,
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => resolve({ statusCode: res.statusCode ?? 0, error: null, durationMs: elapsed() });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('error', (e) => resolve({ statusCode: 0, error: words(signal.aborted ? { code: 'ABORT_ERR' } : e), durationMs: elapsed() }));
    req.end(body);
  });
}

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 299)}…` : s);

async function recordAttempt(tx: Tx, id: string, row: OutboxRow, a: Attempt, at: Date, set: Partial<typeof webhookDeliveries.$inferInsert>): Promise<void> {
  await tx
    .update(webhookDeliveries)
    .set({ attempts: row.attempts, lastStatusCode: a.statusCode, lastError: a.error && short(a.error), lastDurationMs: a.durationMs, lastAttemptAt: at, ...set })
    .where(eq(webhookDeliveries.id, id));
}

/**
 * Sends one delivery (outbox kind `webhook.deliver`, subject = the delivery row): a POST of the
 * event's JSON, signed with the endpoint's secret, outside any transaction. 2xx: delivered. 410
 * Gone: the receiver asks us to stop, so the endpoint is disabled and the delivery fails. Any other
 * answer, a timeout or no connection: tried again with the outbox's backoff, failed after its last
 * attempt. Every attempt's status code, words and duration land on the delivery row.
 */
export async function sendWebhookDelivery(db: Db, row: OutboxRow): Promise<SendResult> {
  const [found] = await db
    .select({ delivery: webhookDeliveries, url: webhookEndpoints.url, secretEnc: webhookEndpoints.secretEnc, active: webhookEndpoints.active })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, row.subjectId));
  // The endpoint was deleted (its deliveries with it): nothing to send.
  if (!found) return { outcome: 'done', record: async () => {} };
  const { delivery } = found;
  if (delivery.status !== 'pending') return { outcome: 'done', record: async () => {} };
  const refuse = (error: string): SendResult => ({
    outcome: 'refused',
    error,
    record: (tx, at) => recordAttempt(tx, delivery.id, row, { statusCode: 0, error, durationMs: 0 }, at, { status: 'failed', nextAttemptAt: null }),
  });
  if (!found.active) return refuse('Not sent: the endpoint is disabled.');
  const allowPrivate = privateHostsAllowed();
  const problem = webhookUrlProblem(found.url, allowPrivate);
  if (problem) return refuse(`Not sent: ${problem}`);

  const body = JSON.stringify(delivery.payload);
  const attempt = await postSigned(found.url, body, webhookHeaders(decryptSecret(found.secretEnc), delivery.eventId, body, new Date()), { allowPrivate });
  const code = attempt.statusCode;
  if (code >= 200 && code < 300)
    return { outcome: 'done', record: (tx, at) => recordAttempt(tx, delivery.id, row, attempt, at, { status: 'delivered', deliveredAt: at, nextAttemptAt: null }) };
  if (code === 410) {
    const error = 'The endpoint answered 410 Gone: it was disabled, and nothing more is sent to it.';
    return {
      outcome: 'refused',
      error,
      record: async (tx, at) => {
        await recordAttempt(tx, delivery.id, row, { ...attempt, error }, at, { status: 'failed', nextAttemptAt: null });
        await tx.update(webhookEndpoints).set({ active: false, disabledReason: `Answered 410 Gone on ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC.`, updatedAt: at }).where(eq(webhookEndpoints.id, delivery.endpointId));
      },
    };
  }
  const error = attempt.error ?? `Answered ${code}.`;
  return {
    outcome: 'retry',
    error,
    record: (tx, at, next) => recordAttempt(tx, delivery.id, row, { ...attempt, error }, at, next ? { nextAttemptAt: next } : { status: 'failed', nextAttemptAt: null }),
  };
}

export const webhookOutboxHandler: OutboxHandler = {
  send: (db, row) => sendWebhookDelivery(db, row),
  async giveUp(tx, row, message) {
    await tx.update(webhookDeliveries).set({ status: 'failed', lastError: short(message), nextAttemptAt: null }).where(eq(webhookDeliveries.id, row.subjectId));
  },
};
