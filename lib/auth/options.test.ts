import { describe, expect, it } from 'vitest';
import { authOptions } from './options';

const baseUrl = 'http://localhost:3000';

describe('authOptions', () => {
  it('redirects only within the site', async () => {
    const redirect = authOptions.callbacks!.redirect!;
    expect(await redirect({ url: '/inventory/products?q=a', baseUrl })).toBe(`${baseUrl}/inventory/products?q=a`);
    expect(await redirect({ url: `${baseUrl}/settings/users`, baseUrl })).toBe(`${baseUrl}/settings/users`);
    for (const url of ['/\\evil.example/x', '/\t/evil.example', '//evil.example', 'http://evil.example/x', 'javascript:alert(1)'])
      expect(await redirect({ url, baseUrl })).toBe(`${baseUrl}/`);
  });
});
