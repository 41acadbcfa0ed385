import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, hashSecret } from './secret-box';

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

describe('keyed hash', () => {
  it('recognises the same token, is not a plain hash of it, and depends on the key', () => {
    const hash = hashSecret('Atzr|sandbox-demo');
    expect(hashSecret('Atzr|sandbox-demo')).toBe(hash);
    expect(hashSecret('Atzr|sandbox-demo2')).not.toBe(hash);
    expect(hash).not.toContain('Atzr');
    expect(hash).not.toBe(crypto.createHash('sha256').update('Atzr|sandbox-demo').digest('base64url'));
    const saved = process.env.APP_ENCRYPTION_KEY;
    try {
      process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
      expect(hashSecret('Atzr|sandbox-demo')).not.toBe(hash);
    } finally {
      process.env.APP_ENCRYPTION_KEY = saved;
    }
  });
});
