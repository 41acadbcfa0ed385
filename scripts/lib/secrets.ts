import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * NEXTAUTH_SECRET (session signing) and APP_ENCRYPTION_KEY (tokens at rest): from the environment
 * when set, otherwise generated once and kept in .data/secrets.json (mode 600) so sessions and
 * encrypted tokens survive a restart.
 */
export function loadSecrets(dataDir: string) {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || stored.NEXTAUTH_SECRET || crypto.randomBytes(32).toString('base64url'),
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY || stored.APP_ENCRYPTION_KEY || crypto.randomBytes(32).toString('base64'),
  };
  if (secrets.NEXTAUTH_SECRET !== stored.NEXTAUTH_SECRET || secrets.APP_ENCRYPTION_KEY !== stored.APP_ENCRYPTION_KEY) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
