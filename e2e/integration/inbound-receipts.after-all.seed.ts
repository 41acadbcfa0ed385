import type { Db } from '@/db/client';
import { seedInboundConnection } from '../support/inbound-seed';

/** For inbound-receipts.after-all.spec.ts: a connection ready to send one product to Amazon. */
export const seed = (db: Db) => seedInboundConnection(db, 'RECEIPT', ['Cast iron skillet, 10 in']);

export type InboundReceiptsSeed = Awaited<ReturnType<typeof seed>>;
