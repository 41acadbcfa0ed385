import { runDueAutoSyncs } from '@/lib/stocktake/auto-sync';
import type { JobSpec } from './types';

/**
 * Auto-Sync Stock with FBA. Connections choose Daily / Weekly (Mondays) / Monthly (the 1st) at a
 * UTC hour; the job fires every hour at minute 5 and runs the connections whose slot is due, so a
 * slot missed while the worker was down is caught up once at the next firing.
 */
export const fbaAutoSyncJobs: JobSpec[] = [{ name: 'fba.auto-sync-stock', cron: '5 * * * *', run: (db, now) => runDueAutoSyncs(db, now) }];
