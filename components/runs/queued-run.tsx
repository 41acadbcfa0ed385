'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import type { ActionState } from '@/lib/action';
import { describeProgress, isActive, percentOf, type RunJson } from '@/lib/runs/run-progress';

type Started = ActionState<{ runId: string }>;
type StartAction = (prev: Started, form: FormData) => Promise<Started>;

async function fetchRun(statusUrl: string): Promise<RunJson | null> {
  const res = await fetch(statusUrl, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 403 ? 'You are not allowed to see this sync.' : 'The sync status could not be read.');
  return ((await res.json()) as { run: RunJson | null }).run;
}

/** Which run this page waits for: one it saw active, or the first newer than `startedAfter` after a press. */
export type RunWatch = { watched: string | null; startedAfter: string | null; lastSeen: string | null };

/**
 * The page's data is refreshed once when a run it watched ends done: a run seen active, or the run
 * a press queued, even when the worker finished it before the first poll saw it active.
 */
export function watchRun(w: RunWatch, run: RunJson): { watch: RunWatch; refresh: boolean } {
  const ours = w.watched === run.id || (w.startedAfter !== null && run.id !== w.startedAfter);
  if (isActive(run)) return { watch: { watched: run.id, startedAfter: null, lastSeen: run.id }, refresh: false };
  if (ours) return { watch: { watched: null, startedAfter: null, lastSeen: run.id }, refresh: run.status === 'done' };
  return { watch: { ...w, lastSeen: run.id }, refresh: false };
}

/**
 * A button that queues a run for the worker, and the run's progress: the action records the run,
 * this polls the status route (`{ run }`) every second while the run is queued or running, and
 * refreshes the page's server data once, when a run this page watched is done.
 */
export function useQueuedRun({ statusUrl, initial, start }: { statusUrl: string; initial: RunJson | null; start: StartAction }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const queryKey = ['queued-run', statusUrl];
  const { data: run, error } = useQuery({
    queryKey,
    queryFn: () => fetchRun(statusUrl),
    initialData: initial,
    refetchInterval: (q) => (isActive(q.state.data) ? 1000 : false),
  });
  const watch = useRef<RunWatch>({ watched: initial && isActive(initial) ? initial.id : null, startedAfter: null, lastSeen: initial?.id ?? null });
  const [state, startAction, pending] = useActionState<Started, FormData>(async (prev, form) => {
    const result = await start(prev, form);
    if (result.status === 'ok') {
      // The run this press queued (or joined) is ours even if the worker finishes it before the first poll.
      watch.current = { ...watch.current, startedAfter: watch.current.lastSeen ?? '' };
      await queryClient.invalidateQueries({ queryKey });
    }
    return result;
  }, { status: 'idle' });

  useEffect(() => {
    if (!run) return;
    const next = watchRun(watch.current, run);
    watch.current = next.watch;
    if (next.refresh) router.refresh();
  }, [run, router]);

  return { run: run ?? null, pollError: error?.message ?? null, state, startAction, busy: pending || isActive(run) };
}

/**
 * What a run shows under its button: the refusal of the button itself, the progress bar while the
 * run is queued or running, then how the last run ended. `done` words the finished run per screen.
 */
export function RunProgress({ run, pollError, state, done, failedLabel, className = '' }: {
  run: RunJson | null;
  pollError: string | null;
  state: Started;
  done: (run: RunJson) => React.ReactNode;
  failedLabel: string;
  /** Spacing that applies only when something is shown (e.g. `not-empty:mt-3`). */
  className?: string;
}) {
  const percent = run ? percentOf(run) : 0;
  return (
    <div aria-live="polite" className={`space-y-2 ${className}`}>
      {state.status === 'error' && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.message}
        </p>
      )}
      {pollError && <p className="text-sm text-red-700">{pollError}</p>}
      {run && isActive(run) && (
        <div>
          <div className="mb-1 flex justify-between text-sm text-slate-700">
            <span data-testid="sync-phase">{describeProgress(run)}</span>
            <span>{percent}%</span>
          </div>
          <div role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={describeProgress(run)} className="h-2.5 overflow-hidden rounded-full bg-slate-200">
            <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {run?.status === 'done' && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          {done(run)}
        </p>
      )}
      {run?.status === 'failed' && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {failedLabel}: {run.error}
        </p>
      )}
    </div>
  );
}
