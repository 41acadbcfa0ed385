import type { Db } from '@/db';
import { drainQueuedSyncs, syncAllConnections } from '@/lib/fba/inventory-sync';
import { drainStocktakeSyncs } from '@/lib/stocktake/fba-sync';
import type { DrainSpec, JobSpec } from './types';

/** FBA quantities into the Catalog: Amazon's inventory report for every active connection, hourly. */
export const fbaInventoryJobs: JobSpec[] = [{ name: 'fba.sync-inventory', cron: '7 * * * *', run: (db) => syncAllConnections(db) }];

/**
 * A drain of queued runs, not awaited: a run waits minutes for Amazon's report, and one press's
 * wait must not hold back another's. Each run is claimed with a compare-and-set, so a tick that
 * sees a run another tick already started does nothing.
 */
function drainInBackground(name: string, drain: (db: Db) => Promise<unknown>): DrainSpec {
  return {
    name,
    everyMs: 2000,
    run: async (db) => {
      void drain(db).catch((e) => console.error(`[worker] ${name}:`, e instanceof Error ? e.message : e));
    },
  };
}

/** Buttons that fetch the inventory report: Force Sync on the Catalog, Sync on a stocktake. */
export const fbaInventoryDrains: DrainSpec[] = [drainInBackground('fba.force-sync', (db) => drainQueuedSyncs(db)), drainInBackground('fba.stocktake-sync', (db) => drainStocktakeSyncs(db))];
