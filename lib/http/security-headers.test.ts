import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './security-headers';

describe('contentSecurityPolicy', () => {
  it('in production allows scripts only by nonce, never eval, and no framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123'");
    expect(csp).toContain("frame-ancestors 'none'");
    // WebAssembly may be compiled (the camera scanner's reader); JavaScript eval may not.
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('lets forms lead only here and to the listed origins (Connect with Amazon consent page)', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: false, https: false })).toContain("form-action 'self';");
    expect(contentSecurityPolicy({ nonce: 'n', dev: false, https: false, formActions: ['http://127.0.0.1:4010', 'https://sellercentral.amazon.com'] })).toContain(
      "form-action 'self' http://127.0.0.1:4010 https://sellercentral.amazon.com;",
    );
  });

  it('adds eval only in development, and the upgrade only over HTTPS', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: 'n', dev: false, https: true })).toContain('upgrade-insecure-requests');
  });

  it('makes a new nonce every time', () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
