import type { Db } from '@/db';
import { downloadAllStores, drainOrdersDownloads } from '@/lib/channel/order-download';
import type { DrainSpec, JobSpec } from './types';

/** Amazon store orders, every 15 minutes, for stores whose Setup turned the download on. */
export const channelJobs: JobSpec[] = [{ name: 'amazon.orders', cron: '*/15 * * * *', run: (db: Db, now: Date) => downloadAllStores(db, { now: () => now }) }];

/** Download orders on a store's Orders tab: queued 'orders' runs, drained every 2 s in the background. */
export const channelDrains: DrainSpec[] = [
  {
    name: 'amazon.orders-download',
    everyMs: 2000,
    run: async (db: Db) => {
      void drainOrdersDownloads(db).catch((e) => console.error('[worker] amazon.orders-download:', e instanceof Error ? e.message : e));
    },
  },
];
