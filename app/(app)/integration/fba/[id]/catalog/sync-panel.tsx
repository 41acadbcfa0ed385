'use client';

import { RunProgress, useQueuedRun } from '@/components/runs/queued-run';
import { buttonClass } from '@/components/ui/button';
import type { RunJson } from '@/lib/runs/run-progress';
import { forceSyncAction } from './actions';
import { ScriptButton } from '@/components/ui/script-controls';

/**
 * Force Sync and its progress: the button queues a Catalog sync for the worker; the bar follows it
 * and the table refreshes once it is done.
 */
export function SyncPanel({ connectionId, initial, lastSyncedText, disabled }: { connectionId: string; initial: RunJson | null; lastSyncedText: string; disabled?: boolean }) {
  const { run, pollError, state, startAction, busy } = useQueuedRun({ statusUrl: `/api/fba/${connectionId}/sync-status`, initial, start: forceSyncAction });
  return (
    <section aria-label="Inventory sync" className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-medium text-slate-800">Quantities from Amazon</p>
          <p className="text-sm text-slate-600">
            Last synced: <span data-testid="last-synced">{lastSyncedText}</span>. Amazon&apos;s inventory report is downloaded every hour; Force Sync downloads it now.
          </p>
        </div>
        <form action={startAction}>
          <input type="hidden" name="connectionId" value={connectionId} />
          <ScriptButton type="submit" disabled={disabled || busy} aria-busy={busy} className={buttonClass('primary')}>
            {busy ? 'Syncing…' : 'Force Sync'}
          </ScriptButton>
        </form>
      </div>
      <RunProgress run={run} pollError={pollError} state={state} className="not-empty:mt-3" failedLabel="The last sync failed" done={(r) => `Last sync finished: ${r.summary ?? ''}`} />
    </section>
  );
}
