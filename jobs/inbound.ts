import type { Db } from '@/db';
import { downloadAllConnections, drainInboundDownloads } from '@/lib/inbound/status-download';
import type { DrainSpec, JobSpec } from './types';

/** Inbound shipment statuses and receipts from Amazon, hourly at :17, for every active connection. */
export const inboundJobs: JobSpec[] = [{ name: 'fba.inbound-status', cron: '17 * * * *', run: (db: Db, now: Date) => downloadAllConnections(db, { now: () => now }) }];

/**
 * Download on the Inbound Shipments tab: queued 'inbound' runs, drained every 2 s in the
 * background (a run reads Amazon for a while; one press must not hold back another's).
 */
export const inboundDrains: DrainSpec[] = [
  {
    name: 'fba.inbound-download',
    everyMs: 2000,
    run: async (db: Db) => {
      void drainInboundDownloads(db).catch((e) => console.error('[worker] fba.inbound-download:', e instanceof Error ? e.message : e));
    },
  },
];
