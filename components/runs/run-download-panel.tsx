'use client';

import { useRouter } from 'next/navigation';
import type { ActionState } from '@/lib/action';
import type { RunJson } from '@/lib/runs/run-progress';
import { buttonClass } from '@/components/ui/button';
import { RunProgress, useQueuedRun } from './queued-run';
import { ScriptButton } from '@/components/ui/script-controls';

type Started = ActionState<{ runId: string }>;

/**
 * A list's "from Amazon" panel: what the download does, Refresh (reload the list) and the button
 * that queues a download for the worker; the bar follows the run and the list refreshes once it is done.
 */
export function RunDownloadPanel({
  label,
  children,
  statusUrl,
  initial,
  start,
  fields,
  button,
  disabled,
}: {
  label: string;
  children: React.ReactNode;
  statusUrl: string;
  initial: RunJson | null;
  start: (prev: Started, form: FormData) => Promise<Started>;
  /** Hidden inputs the action reads (the connection's or store's id). */
  fields: Record<string, string>;
  button: string;
  disabled?: boolean;
}) {
  const router = useRouter();
  const { run, pollError, state, startAction, busy } = useQueuedRun({ statusUrl, initial, start });
  return (
    <section aria-label={label} className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">{children}</p>
        <div className="flex gap-2">
          <ScriptButton onClick={() => router.refresh()} className={buttonClass('secondary')}>
            Refresh
          </ScriptButton>
          <form action={startAction}>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <ScriptButton type="submit" disabled={disabled || busy} aria-busy={busy} className={buttonClass('primary')}>
              {busy ? 'Downloading…' : button}
            </ScriptButton>
          </form>
        </div>
      </div>
      <RunProgress run={run} pollError={pollError} state={state} className="not-empty:mt-3" failedLabel="The last download failed" done={(r) => `Last download finished: ${r.summary ?? ''}`} />
    </section>
  );
}
