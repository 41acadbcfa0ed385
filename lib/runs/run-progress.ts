import type { SYNC_RUN_KINDS } from '@/db/schema';
import { isActiveRun, type RunStatus } from './run-status';

export type RunKind = (typeof SYNC_RUN_KINDS)[number];

/**
 * A queued run as every status route returns it (`{ run: RunJson | null }`) and every progress
 * bar reads it: the same shape for Force Sync on the Catalog and Sync on a stocktake.
 */
export type RunJson = {
  id: string;
  kind: RunKind;
  trigger: 'schedule' | 'force';
  status: RunStatus;
  phase: string | null;
  done: number;
  total: number | null;
  summary: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

type RunRow = Omit<RunJson, 'createdAt' | 'finishedAt'> & { createdAt: Date; finishedAt: Date | null };

export function toRunJson(run: RunRow): RunJson {
  const { id, kind, trigger, status, phase, done, total, summary, error } = run;
  return { id, kind, trigger, status, phase, done, total, summary, error, createdAt: run.createdAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null };
}

export const isActive = (run: Pick<RunJson, 'status'> | null | undefined): boolean => !!run && isActiveRun(run.status);

/** The phase a run writes its result in, per kind: the one phase that counts rows. */
export const WRITING_PHASE: Record<RunKind, string> = { catalog: 'Updating catalog', stocktake: 'Updating counts', inbound: 'Updating shipments', orders: 'Importing orders' };

// Amazon's report phases do not report their own progress, so the bar advances by phase and,
// while the result is written, by rows.
const PHASE_PERCENT: Record<string, number> = { Queued: 5, 'Requesting report': 15, 'Reading orders': 15, 'Reading shipments': 30, 'Waiting for Amazon': 35, Downloading: 60, Parsing: 70, 'Reading returns': 95 };
const WRITING_PERCENT = 75;

export function percentOf(run: Pick<RunJson, 'kind' | 'status' | 'phase' | 'done' | 'total'>): number {
  if (run.status === 'done') return 100;
  if (run.phase === WRITING_PHASE[run.kind]) return run.total ? Math.round(WRITING_PERCENT + ((100 - WRITING_PERCENT) * run.done) / run.total) : WRITING_PERCENT;
  return PHASE_PERCENT[run.phase ?? 'Queued'] ?? PHASE_PERCENT.Queued;
}

/** The words beside the bar. */
export function describeProgress(run: Pick<RunJson, 'kind' | 'status' | 'phase' | 'done' | 'total'>): string {
  if (run.status === 'queued') return 'Queued: waiting for the worker to start the sync…';
  if (run.phase === WRITING_PHASE[run.kind]) return `${run.phase} ${run.done}/${run.total ?? '?'}`;
  if (run.phase === 'Waiting for Amazon') return 'Waiting for Amazon to prepare the inventory report…';
  if (run.phase === 'Reading shipments') return 'Reading the shipments’ statuses from Amazon…';
  if (run.phase === 'Reading orders') return 'Reading the orders Amazon changed since the last download…';
  if (run.phase === 'Reading returns') return 'Reading Amazon’s customer returns report…';
  return `${run.phase ?? 'Starting'}…`;
}
