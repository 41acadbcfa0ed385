'use client';

import { useRouter } from 'next/navigation';
import { RunProgress, useQueuedRun } from '@/components/runs/queued-run';
import { buttonClass } from '@/components/ui/button';
import type { RunJson } from '@/lib/runs/run-progress';
import { downloadInboundAction } from './actions';

/**
 * Refresh (reload the list) and Download (queue a status download for the worker; the bar follows
 * it and the list refreshes once it is done).
 */
export function DownloadPanel({ connectionId, initial, disabled }: { connectionId: string; initial: RunJson | null; disabled?: boolean }) {
  const router = useRouter();
  const { run, pollError, state, startAction, busy } = useQueuedRun({ statusUrl: `/api/fba/${connectionId}/inbound-status`, initial, start: downloadInboundAction });
  return (
    <section aria-label="Statuses from Amazon" className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          Statuses and received quantities are downloaded from Amazon every hour; Download fetches every open shipment&apos;s status now. Closed, Cancelled, Deleted and Error
          shipments are no longer updated.
        </p>
        <div className="flex gap-2">
          <button type="button" onClick={() => router.refresh()} className={buttonClass('secondary')}>
            Refresh
          </button>
          <form action={startAction}>
            <input type="hidden" name="connectionId" value={connectionId} />
            <button type="submit" disabled={disabled || busy} aria-busy={busy} className={buttonClass('primary')}>
              {busy ? 'Downloading…' : 'Download'}
            </button>
          </form>
        </div>
      </div>
      <RunProgress run={run} pollError={pollError} state={state} className="not-empty:mt-3" failedLabel="The last download failed" done={(r) => `Last download finished: ${r.summary ?? ''}`} />
    </section>
  );
}
