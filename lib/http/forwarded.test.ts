import { describe, expect, it } from 'vitest';
import { clientAddress, isHttpsRequest, normaliseAddress, readTrustProxy } from './forwarded';

const xff = (value: string) => new Headers({ 'x-forwarded-for': value });

describe('clientAddress', () => {
  it('uses the address Next.js filled in when nothing is in front', () => {
    expect(clientAddress(xff('192.0.2.10'), 0)).toBe('192.0.2.10');
    expect(clientAddress({ 'x-forwarded-for': '::ffff:127.0.0.1' }, 0)).toBe('127.0.0.1');
    expect(clientAddress(new Headers(), 0)).toBe('unknown');
  });

  it('behind trusted proxies takes the entry the outermost one appended, never what the client wrote', () => {
    // The client claims 10.0.0.1; nginx appended the address it really saw.
    expect(clientAddress(xff('10.0.0.1, 198.51.100.7'), 1)).toBe('198.51.100.7');
    // CDN → nginx → app: the CDN saw the client, nginx saw the CDN.
    expect(clientAddress(xff('10.0.0.1, 198.51.100.7, 203.0.113.1'), 2)).toBe('198.51.100.7');
    // Fewer entries than proxies configured: the leftmost is all there is.
    expect(clientAddress(xff('198.51.100.7'), 3)).toBe('198.51.100.7');
  });

  it('keys IPv6 clients by their /64, so rotating within it does not help', () => {
    expect(normaliseAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64');
    expect(normaliseAddress('::1')).toBe('0:0:0:0::/64');
    expect(normaliseAddress('203.0.113.9:51234')).toBe('203.0.113.9');
    expect(normaliseAddress('not-an-address')).toBe('unknown');
  });
});

describe('readTrustProxy', () => {
  it('reads a number of proxies, off by default', () => {
    expect(readTrustProxy(undefined)).toBe(0);
    expect(readTrustProxy('')).toBe(0);
    expect(readTrustProxy('1')).toBe(1);
    expect(readTrustProxy('true')).toBe(1);
    expect(() => readTrustProxy('yes please')).toThrow('TRUST_PROXY');
  });
});

describe('isHttpsRequest', () => {
  it('follows X-Forwarded-Proto (first hop), else NEXTAUTH_URL', () => {
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'https' }), undefined)).toBe(true);
    expect(isHttpsRequest({ 'x-forwarded-proto': 'https, http' }, 'http://localhost:3000')).toBe(true);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'http' }), 'http://localhost:3000')).toBe(false);
    expect(isHttpsRequest(new Headers(), undefined)).toBe(false);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'http' }), 'https://inventory.example')).toBe(true);
  });
});
