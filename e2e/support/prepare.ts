import type { Db } from '@/db/client';
import { seedUsers } from './seed';
import { runSpecSeeds } from './seeds';
import { writeSessions } from './sessions';

/**
 * Everything the specs need from the database, done by scripts/e2e.ts after bootstrap and before
 * the server opens it: the shared users, every spec's seed module, and a stored session per user.
 */
export async function prepareSpecs(db: Db, opts: { stateDir: string; e2eDir: string; baseUrl: string; secret: string; attempts: number }) {
  const users = await seedUsers(db);
  const seeds = await runSpecSeeds(db, opts.e2eDir, opts.stateDir, opts.attempts);
  // Valid for longer than any run; the server checks only the token's own expiry.
  await writeSessions({ stateDir: opts.stateDir, baseUrl: opts.baseUrl, secret: opts.secret, maxAgeSeconds: 12 * 60 * 60, users });
  return { users, seeds };
}
