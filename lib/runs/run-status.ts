import type { SYNC_RUN_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type RunStatus = (typeof SYNC_RUN_STATUSES)[number];

/**
 * A queued run: a button (or the schedule) queues it, the worker claims it, it ends done or failed.
 * A queued run fails without running when its process stopped long ago (see failStaleRuns). No
 * button moves a run: pressing again joins the active one.
 */
export const runStatus = statusTable<RunStatus>({
  document: 'sync',
  next: { queued: ['running', 'failed'], running: ['done', 'failed'], done: [], failed: [] },
});

/** Queued or running: the screen polls, and a second press joins it. */
export const ACTIVE_RUN_STATUSES = runStatus.statuses.filter((s) => runStatus.canMove(s, 'failed'));
export const isActiveRun = (status: RunStatus) => ACTIVE_RUN_STATUSES.includes(status);
