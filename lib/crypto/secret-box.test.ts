import { beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './secret-box';

beforeAll(() => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString('base64');
});

describe('secret box', () => {
  it('round-trips and never stores the plain text', () => {
    const sealed = encryptSecret('Atzr|sandbox-demo');
    expect(sealed).not.toContain('Atzr');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(decryptSecret(sealed)).toBe('Atzr|sandbox-demo');
    expect(encryptSecret('Atzr|sandbox-demo')).not.toBe(sealed); // fresh IV each time
  });
  it('refuses a tampered value', () => {
    const sealed = encryptSecret('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(parts.join('.'))).toThrow();
  });
});
