'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { ActionState } from '@/lib/action';
import { forceSyncAction } from './actions';

export type SyncRunJson = {
  id: string;
  trigger: 'schedule' | 'force';
  status: 'queued' | 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

const isActive = (run: SyncRunJson | null | undefined) => run?.status === 'queued' || run?.status === 'running';

// Amazon's phases do not report their own progress, so the bar advances by phase and, while the
// catalog is written, by rows.
const PHASE_PERCENT: Record<string, number> = { Queued: 5, 'Requesting report': 15, 'Waiting for Amazon': 35, Downloading: 60, Parsing: 70, 'Updating catalog': 75 };

function percentOf(run: SyncRunJson): number {
  if (run.status === 'done') return 100;
  const base = PHASE_PERCENT[run.phase ?? 'Queued'] ?? 5;
  if (run.phase === 'Updating catalog' && run.total) return Math.round(base + (25 * run.done) / run.total);
  return base;
}

function describe(run: SyncRunJson): string {
  if (run.status === 'queued') return 'Queued: waiting for the worker to start the sync…';
  if (run.phase === 'Updating catalog') return `Updating catalog ${run.done}/${run.total ?? '?'}`;
  if (run.phase === 'Waiting for Amazon') return 'Waiting for Amazon to prepare the inventory report…';
  return `${run.phase ?? 'Starting'}…`;
}

async function fetchStatus(connectionId: string): Promise<SyncRunJson | null> {
  const res = await fetch(`/api/fba/${connectionId}/sync-status`, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 403 ? 'You are not allowed to see this sync.' : 'The sync status could not be read.');
  return ((await res.json()) as { run: SyncRunJson | null }).run;
}

/**
 * Force Sync and its progress. The button records a run (server action); the worker runs it;
 * this polls the status route every second while the run is queued or running, then refreshes
 * the page's server data once it is done.
 */
export function SyncPanel({ connectionId, initial, lastSyncedText, disabled }: { connectionId: string; initial: SyncRunJson | null; lastSyncedText: string; disabled?: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const queryKey = ['fba-sync-status', connectionId];
  const { data: run, error } = useQuery({
    queryKey,
    queryFn: () => fetchStatus(connectionId),
    initialData: initial,
    refetchInterval: (q) => (isActive(q.state.data) ? 1000 : false),
  });
  const [state, formAction, pending] = useActionState<ActionState<{ runId: string }>, FormData>(async (prev, form) => {
    const result = await forceSyncAction(prev, form);
    if (result.status === 'ok') await queryClient.invalidateQueries({ queryKey });
    return result;
  }, { status: 'idle' });

  // Refresh the table once, when a run this page watched finishes.
  const watched = useRef<string | null>(isActive(initial) ? initial!.id : null);
  useEffect(() => {
    if (!run) return;
    if (isActive(run)) watched.current = run.id;
    else if (watched.current === run.id) {
      watched.current = null;
      if (run.status === 'done') router.refresh();
    }
  }, [run, router]);

  const active = isActive(run);
  return (
    <section aria-label="Inventory sync" className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-medium text-slate-800">Quantities from Amazon</p>
          <p className="text-sm text-slate-600">
            Last synced: <span data-testid="last-synced">{lastSyncedText}</span>. Amazon&apos;s inventory report is downloaded every hour; Force Sync downloads it now.
          </p>
        </div>
        <form action={formAction}>
          <input type="hidden" name="connectionId" value={connectionId} />
          <button type="submit" disabled={disabled || pending || active} aria-busy={pending || active} className={buttonClass('primary')}>
            {active ? 'Syncing…' : 'Force Sync'}
          </button>
        </form>
      </div>
      <div aria-live="polite" className="mt-3 space-y-2 empty:mt-0">
        {state.status === 'error' && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
            {state.message}
          </p>
        )}
        {error && <p className="text-sm text-red-700">{error.message}</p>}
        {run && active && (
          <div>
            <div className="mb-1 flex justify-between text-sm text-slate-700">
              <span data-testid="sync-phase">{describe(run)}</span>
              <span>{percentOf(run)}%</span>
            </div>
            <div role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percentOf(run)} aria-valuetext={describe(run)} className="h-2.5 overflow-hidden rounded-full bg-slate-200">
              <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${percentOf(run)}%` }} />
            </div>
          </div>
        )}
        {run?.status === 'done' && (
          <p role="status" className="text-sm text-emerald-800">
            Last sync finished: {run.total ?? 0} listings from Amazon&apos;s report.
          </p>
        )}
        {run?.status === 'failed' && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
            The last sync failed: {run.error}
          </p>
        )}
      </div>
    </section>
  );
}
