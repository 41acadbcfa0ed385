import { afterEach, describe, expect, it, vi } from 'vitest';
import { consentPageBase, consentPageOrigins } from './consent-page';

afterEach(() => vi.unstubAllEnvs());

describe('consent page', () => {
  it('is the sandbox as the browser reaches it, or the marketplace’s Seller Central', () => {
    vi.stubEnv('SANDBOX_URL', 'http://10.0.0.5:4010');
    vi.stubEnv('SANDBOX_PUBLIC_URL', 'https://sandbox.example.com/');
    expect(consentPageBase('sandbox', 'ATVPDKIKX0DER')).toBe('https://sandbox.example.com');
    expect(consentPageBase('EU', 'A1PA6795UKMFR9')).toBe('https://sellercentral.amazon.de');
    expect(consentPageBase('EU', 'AUNLISTED1234')).toBe('https://sellercentral-europe.amazon.com');
  });

  it('lists every origin a Connect with Amazon form may lead to, once each', () => {
    vi.stubEnv('SANDBOX_PUBLIC_URL', 'http://127.0.0.1:4555');
    const origins = consentPageOrigins();
    expect(origins).toContain('http://127.0.0.1:4555');
    expect(origins).toContain('https://sellercentral.amazon.co.jp');
    expect(origins).toContain('https://sellercentral-europe.amazon.com');
    expect(new Set(origins).size).toBe(origins.length);
  });
});
