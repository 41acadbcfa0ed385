import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from './limits';
import { declaresTooLargeBody, isForeignOriginWrite, MAX_BODY_BYTES, PROXY_BUFFER_BYTES } from './request-guards';

describe('declaresTooLargeBody', () => {
  const sized = (n: number | string) => new Headers({ 'content-length': String(n) });

  it('lets the largest file plus its multipart envelope through, refuses what is well beyond', () => {
    expect(declaresTooLargeBody(sized(MAX_UPLOAD_BYTES + 4096))).toBe(false);
    expect(declaresTooLargeBody(sized(MAX_BODY_BYTES))).toBe(false);
    expect(declaresTooLargeBody(sized(MAX_BODY_BYTES + 1))).toBe(true);
    expect(declaresTooLargeBody(sized(25 * 1024 * 1024))).toBe(true);
    expect(declaresTooLargeBody(new Headers())).toBe(false); // chunked: Next's own limit answers 413
  });

  it('sits so that Next never cuts a body it would accept', () => {
    expect(MAX_BODY_BYTES).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(PROXY_BUFFER_BYTES).toBeGreaterThan(MAX_BODY_BYTES);
  });
});

describe('isForeignOriginWrite', () => {
  const req = (h: Record<string, string>) => new Headers({ host: 'inventory.example', ...h });

  it('refuses a write whose Origin is another site, or "null"', () => {
    expect(isForeignOriginWrite('POST', req({ origin: 'https://evil.example', 'next-action': 'abc' }))).toBe(true);
    expect(isForeignOriginWrite('POST', req({ origin: 'https://inventory.example.evil.example' }))).toBe(true);
    expect(isForeignOriginWrite('POST', req({ origin: 'null' }))).toBe(true);
    expect(isForeignOriginWrite('DELETE', req({ origin: 'http://inventory.example:8080' }))).toBe(true);
  });

  it('lets through its own origin (also behind a proxy naming the public host), reads, and requests without Origin', () => {
    expect(isForeignOriginWrite('POST', req({ origin: 'https://inventory.example' }))).toBe(false);
    expect(isForeignOriginWrite('POST', new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'inventory.example', origin: 'https://inventory.example' }))).toBe(false);
    expect(isForeignOriginWrite('GET', req({ origin: 'https://evil.example' }))).toBe(false);
    expect(isForeignOriginWrite('POST', req({}))).toBe(false);
  });

  it('lets another site write to the public API, which answers only to a bearer key, but not to pages or other routes', () => {
    const foreign = req({ origin: 'https://shop.example' });
    expect(isForeignOriginWrite('POST', foreign, '/api/v1/sales')).toBe(false);
    expect(isForeignOriginWrite('PATCH', foreign, '/api/v1/products/6d3c6a52-0d4b-4a55-9a0c-0b8d1f3b2a11')).toBe(false);
    expect(isForeignOriginWrite('POST', foreign, '/api/v1')).toBe(false);
    expect(isForeignOriginWrite('POST', foreign, '/api/v10/sales')).toBe(true);
    expect(isForeignOriginWrite('POST', foreign, '/api/fba/sync')).toBe(true);
    expect(isForeignOriginWrite('POST', foreign, '/sale/new')).toBe(true);
  });
});
