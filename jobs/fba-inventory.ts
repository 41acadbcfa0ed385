import { drainQueuedSyncs, syncAllConnections } from '@/lib/fba/inventory-sync';
import type { DrainSpec, JobSpec } from './types';

/** FBA quantities into the Catalog: Amazon's inventory report for every active connection, hourly. */
export const fbaInventoryJobs: JobSpec[] = [{ name: 'fba.sync-inventory', cron: '7 * * * *', run: (db) => syncAllConnections(db) }];

/**
 * Force Sync presses. Not awaited: a sync waits minutes for Amazon's report, and one connection's
 * wait must not hold back another's press. Each run is claimed with a compare-and-set, so a tick
 * that sees a run another tick already started does nothing.
 */
export const fbaInventoryDrains: DrainSpec[] = [
  {
    name: 'fba.force-sync',
    everyMs: 2000,
    run: async (db) => {
      void drainQueuedSyncs(db).catch((e) => console.error('[worker] fba.force-sync:', e instanceof Error ? e.message : e));
    },
  },
];
