import dns from 'node:dns';
import net from 'node:net';

/**
 * Where a webhook may be sent. A webhook makes our server send requests to a URL an administrator
 * typed: without this, it could be pointed at the database port, a cloud metadata address or an
 * admin page on the private network (server-side request forgery). So: only http(s), and in
 * production only public addresses, checked on the address actually connected to (the lookup of
 * each request), so a name that later resolves to 10.x.x.x is refused too.
 * `WEBHOOKS_ALLOW_PRIVATE_HOSTS=1` allows private and loopback addresses (the tests, the sandbox, a
 * receiver on the same private network on purpose).
 */
const PRIVATE = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(addr, prefix, 'ipv4');
for (const [addr, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(addr, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is that IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return PRIVATE.check(address, 'ipv4');
}

export function privateHostsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WEBHOOKS_ALLOW_PRIVATE_HOSTS === '1' || env.NODE_ENV !== 'production';
}

/** The form's check of a typed URL: why it cannot be used, or null. */
export function webhookUrlProblem(raw: string, allowPrivate = privateHostsAllowed()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full URL, starting with https://.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http:// and https:// URLs can receive webhooks.';
  if (url.username || url.password) return 'Leave the user name and password out of the URL: deliveries are signed instead.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (net.isIP(host) !== 0 && isPrivateAddress(host))))
    return 'That address is on a private network; webhooks go to public addresses only.';
  return null;
}

/**
 * A `lookup` for node:http that refuses private addresses (unless allowed): the check happens on
 * the address the socket connects to, so DNS cannot swap a public answer for a private one later.
 */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const usable = allowPrivate ? list : list.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) return callback(Object.assign(new Error('private address refused'), { code: 'EPRIVATE' }), '', 4);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}
