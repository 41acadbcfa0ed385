'use client';

import { useRouter } from 'next/navigation';
import { RunProgress, useQueuedRun } from '@/components/runs/queued-run';
import { buttonClass } from '@/components/ui/button';
import type { RunJson } from '@/lib/runs/run-progress';
import { downloadOrdersAction } from '../actions';

/** Refresh (reload the list) and Download orders (queued for the worker; the bar follows it and the list refreshes once it is done). */
export function OrdersDownloadPanel({ storeId, initial, ready, every15 }: { storeId: string; initial: RunJson | null; ready: boolean; every15: boolean }) {
  const router = useRouter();
  const { run, pollError, state, startAction, busy } = useQueuedRun({ statusUrl: `/api/amazon/${storeId}/orders-status`, initial, start: downloadOrdersAction });
  return (
    <section aria-label="Orders from Amazon" className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">
          {every15 ? 'Orders are downloaded from Amazon every 15 minutes. ' : 'Automatic download is off (turn it on in Setup). '}
          Download orders fetches the orders Amazon changed since the last download now, and the customer returns of Amazon-fulfilled orders.
        </p>
        <div className="flex gap-2">
          <button type="button" onClick={() => router.refresh()} className={buttonClass('secondary')}>
            Refresh
          </button>
          <form action={startAction}>
            <input type="hidden" name="storeId" value={storeId} />
            <button type="submit" disabled={!ready || busy} aria-busy={busy} className={buttonClass('primary')}>
              {busy ? 'Downloading…' : 'Download orders'}
            </button>
          </form>
        </div>
      </div>
      <RunProgress run={run} pollError={pollError} state={state} className="not-empty:mt-3" failedLabel="The last download failed" done={(r) => `Last download finished: ${r.summary ?? ''}`} />
    </section>
  );
}
