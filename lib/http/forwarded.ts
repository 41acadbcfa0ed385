import { isIP } from 'node:net';

/** Request headers as either the web `Headers` or the plain object next-auth hands to `authorize`. */
export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * Whether the browser reached us over HTTPS: at a proxy in front that says so in
 * X-Forwarded-Proto (Next fills it from the socket otherwise), or per NEXTAUTH_URL. Trusted
 * without TRUST_PROXY: a client claiming https over plain http only gets Secure cookies its
 * browser will not store, so it can hurt no one but itself.
 */
export function isHttpsRequest(headers: HeaderBag, nextAuthUrl = process.env.NEXTAUTH_URL): boolean {
  const proto = headerValue(headers, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https' || !!nextAuthUrl?.startsWith('https://');
}

/**
 * How many reverse proxies in front of the web server append to X-Forwarded-For (TRUST_PROXY).
 * 0 (unset) means none is trusted.
 */
export function readTrustProxy(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false') return 0;
  if (value === 'true') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY must be a number of proxies (0–10), not "${value}".`);
  return n;
}

/**
 * The client's address, as a key for per-address limits.
 *
 * Behind `next start` a route handler sees the peer only through X-Forwarded-For: Next fills it
 * with the socket's address, but only when the request did not bring one (`??=` in base-server),
 * so whatever a client sends itself survives. With `trustedProxies` = n, each of the n proxies in
 * front appended the address it saw, so the n-th entry from the right is the one the outermost
 * trusted proxy saw, and entries further left are whatever the client claimed. With none trusted
 * the last entry is the best there is: the socket unless the client forged the header, which can
 * then only spread its own failures over made-up addresses (the per-account limit never depends
 * on the address).
 */
export function clientAddress(headers: HeaderBag, trustedProxies: number): string {
  const entries = (headerValue(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return 'unknown';
  const index = Math.max(entries.length - Math.max(trustedProxies, 1), 0);
  return normaliseAddress(entries[index]);
}

/**
 * One key per client: IPv4-mapped IPv6 as plain IPv4, and IPv6 by its /64 (one customer's
 * network hands out a whole /64, so per-address keys would be free to rotate).
 */
export function normaliseAddress(raw: string): string {
  const unbracketed = raw.replace(/^\[([^\]]+)\](?::\d+)?$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(unbracketed);
  if (mapped) return mapped[1];
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(unbracketed);
  const address = v4WithPort ? v4WithPort[1] : unbracketed;
  const kind = isIP(address);
  if (kind === 4) return address;
  if (kind === 6) return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

function expandIpv6(address: string): string[] {
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  // An embedded IPv4 tail (::1.2.3.4) only affects the last 32 bits, outside the /64 kept.
  const fill = Array(Math.max(8 - left.length - right.length, 0)).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
