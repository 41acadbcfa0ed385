import os from 'node:os';
import type { Db } from '@/db';
import { drainOutbox } from '@/lib/fulfilment/outbox-drain';
import { trackAllConnections } from '@/lib/fulfilment/tracking';
import { drainWebhooks, WEBHOOK_FAMILIES } from '@/lib/webhooks/drain';
import type { DrainSpec, JobSpec } from './types';

/** Who holds a claimed outbox row: this process. A row left by a dead process is retaken after the lease. */
const WORKER_ID = `${os.hostname()}:${process.pid}`;

/** Tracking and status of sent fulfilment orders, at 00:51 and 12:51 UTC (what changed at Amazon since the last run). */
export const fulfilmentJobs: JobSpec[] = [{ name: 'fba.fo-tracking', cron: '51 0,12 * * *', run: (db: Db, now: Date) => trackAllConnections(db, { now }) }];

/**
 * The outbox: fulfilment orders sent, changed, released, cancelled and refreshed at Amazon, every 2 s;
 * webhook deliveries in a drain of their own, so a receiver taking its 10 s never delays Amazon's calls.
 */
export const fulfilmentDrains: DrainSpec[] = [
  { name: 'fba.outbox', everyMs: 2000, run: (db: Db) => drainOutbox(db, { workerId: WORKER_ID, families: { except: WEBHOOK_FAMILIES.only } }) },
  { name: 'webhooks.outbox', everyMs: 2000, run: (db: Db) => drainWebhooks(db, { workerId: WORKER_ID, lanes: 4, limit: 5 }) },
];
