import crypto from 'node:crypto';

/**
 * Secrets at rest (Amazon refresh tokens): AES-256-GCM with APP_ENCRYPTION_KEY (32 bytes, base64).
 * Stored as "v1.<iv>.<tag>.<ciphertext>" in base64url, so a key rotation can add "v2" later.
 */
function key(): Buffer {
  const raw = process.env.APP_ENCRYPTION_KEY;
  if (!raw) throw new Error('APP_ENCRYPTION_KEY is not set: it encrypts Amazon tokens at rest (npm start generates one into .data/secrets.json).');
  const k = Buffer.from(raw, 'base64');
  if (k.length !== 32) throw new Error('APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded.');
  return k;
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decryptSecret(sealed: string): string {
  const [v, iv, tag, data] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unreadable encrypted secret.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

// The hash key is derived from APP_ENCRYPTION_KEY (HKDF with its own label) rather than being
// that key, so the hashes give nothing away about the key that decrypts the tokens.
function hashKey(): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key(), Buffer.alloc(0), 'inventory/refresh-token-hash/v1', 32));
}

/**
 * Keyed hash (HMAC-SHA256) of a secret: recognises the same Amazon refresh token again (a second
 * connection of one account) without storing it in clear, and unlike a plain hash it cannot be
 * checked against guessed tokens without the key. Same input and key, same output.
 */
export function hashSecret(plain: string): string {
  return crypto.createHmac('sha256', hashKey()).update(plain, 'utf8').digest('base64url');
}
