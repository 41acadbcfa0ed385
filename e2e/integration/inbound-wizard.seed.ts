import type { Db } from '@/db/client';
import { seedInboundConnection } from '../support/inbound-seed';

/** For inbound-wizard.spec.ts: a connection ready to send a cup and a mug to Amazon. */
export const seed = (db: Db) => seedInboundConnection(db, 'INBOUND', ['Enamel camping cup, blue', 'Stoneware mug, 350 ml']);

export type InboundWizardSeed = Awaited<ReturnType<typeof seed>>;
