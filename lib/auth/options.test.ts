import { describe, expect, it } from 'vitest';
import { authOptionsFor } from './options';

const baseUrl = 'http://localhost:3000';

describe('authOptionsFor', () => {
  it('uses __Secure- cookies when the request came over HTTPS, whatever NEXTAUTH_URL says', () => {
    expect(authOptionsFor(new Headers({ 'x-forwarded-proto': 'https' })).useSecureCookies).toBe(true);
    expect(authOptionsFor({ 'x-forwarded-proto': 'http' }).useSecureCookies).toBe(process.env.NEXTAUTH_URL?.startsWith('https://') ?? false);
  });

  it('redirects only within the site', async () => {
    const redirect = authOptionsFor(new Headers()).callbacks!.redirect!;
    expect(await redirect({ url: '/inventory/products?q=a', baseUrl })).toBe(`${baseUrl}/inventory/products?q=a`);
    expect(await redirect({ url: `${baseUrl}/settings/users`, baseUrl })).toBe(`${baseUrl}/settings/users`);
    for (const url of ['/\\evil.example/x', '/\t/evil.example', '//evil.example', 'http://evil.example/x', 'javascript:alert(1)'])
      expect(await redirect({ url, baseUrl })).toBe(`${baseUrl}/`);
  });
});
