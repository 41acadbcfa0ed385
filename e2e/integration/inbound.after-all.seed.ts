import type { Db } from '@/db/client';
import { seedInboundConnection } from '../support/inbound-seed';

/** The spec registers the seeded seller at the sandbox: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

/**
 * For inbound.after-all.spec.ts: two connections ready to send goods to Amazon, one per test (the
 * wizard sends a cup and a mug; the receipts test one skillet).
 */
export async function seed(db: Db) {
  return {
    wizard: await seedInboundConnection(db, 'INBOUND', ['Enamel camping cup, blue', 'Stoneware mug, 350 ml']),
    receipts: await seedInboundConnection(db, 'RECEIPT', ['Cast iron skillet, 10 in']),
  };
}

export type InboundSeed = Awaited<ReturnType<typeof seed>>;
