import crypto from 'node:crypto';

/**
 * How a delivery is signed (documented for receivers in README.md → Webhooks):
 *
 *   Webhook-Id:        the event's id (the same on every attempt: a receiver drops repeats by it)
 *   Webhook-Timestamp: seconds since 1970-01-01 UTC when this attempt was signed
 *   Webhook-Signature: v1=<hex HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the endpoint's secret>
 *
 * The timestamp is inside the signed text, so a captured request cannot be replayed later with a
 * fresh timestamp; a receiver refuses timestamps older (or newer) than its tolerance.
 */
export const SIGNATURE_VERSION = 'v1';

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The three headers of one attempt. */
export function webhookHeaders(secret: string, id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'Webhook-Id': id,
    'Webhook-Timestamp': String(timestamp),
    'Webhook-Signature': `${SIGNATURE_VERSION}=${signWebhook(secret, id, timestamp, body)}`,
  };
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : bag[key];
  return Array.isArray(v) ? v[0] : v;
}

export type VerifyResult = { ok: true; id: string; timestamp: number } | { ok: false; reason: 'missing-headers' | 'bad-timestamp' | 'too-old' | 'too-new' | 'bad-signature' };

/**
 * For receivers (and our tests): is this request signed with `secret`, and recent? `body` must be
 * the raw bytes received, before any JSON parsing. Compared in constant time; a timestamp more than
 * `toleranceSeconds` from `now` is refused (a replay), either way.
 */
export function verifyWebhookSignature(secret: string, headers: HeaderBag, body: string, toleranceSeconds = 300, now: Date = new Date()): VerifyResult {
  const id = header(headers, 'webhook-id');
  const ts = header(headers, 'webhook-timestamp');
  const sig = header(headers, 'webhook-signature');
  if (!id || !ts || !sig) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'bad-timestamp' };
  const timestamp = Number(ts);
  const age = Math.floor(now.getTime() / 1000) - timestamp;
  if (age > toleranceSeconds) return { ok: false, reason: 'too-old' };
  if (age < -toleranceSeconds) return { ok: false, reason: 'too-new' };
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body), 'hex');
  // Several signatures may be listed (space-separated), e.g. while a receiver's secret is rotated.
  const matches = sig
    .split(/[\s,]+/)
    .filter((s) => s.startsWith(`${SIGNATURE_VERSION}=`))
    .some((s) => {
      const given = Buffer.from(s.slice(SIGNATURE_VERSION.length + 1), 'hex');
      return given.length === expected.length && crypto.timingSafeEqual(given, expected);
    });
  return matches ? { ok: true, id, timestamp } : { ok: false, reason: 'bad-signature' };
}
