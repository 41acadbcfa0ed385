'use client';

import Link from '@/components/ui/link';
import { createContext, useContext } from 'react';
import { RunProgress, useQueuedRun } from '@/components/runs/queued-run';
import { buttonClass } from '@/components/ui/button';
import type { RunJson } from '@/lib/runs/run-progress';
import { syncStocktakeAction } from './actions';
import { ScriptButton } from '@/components/ui/script-controls';

type SyncCtx = ReturnType<typeof useQueuedRun>;

const Ctx = createContext<SyncCtx | null>(null);

function useSync(): SyncCtx {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('FbaSyncButton and FbaSyncStatus belong inside FbaSyncProvider.');
  return ctx;
}

/**
 * One Sync run shared by the button (in the page header, where the seed puts it) and its progress
 * and outcome (under the header, where there is room for a sentence). The button queues a run for
 * the worker, like Force Sync on the Catalog; the page may be left and come back to.
 */
export function FbaSyncProvider({ id, initial, children }: { id: string; initial: RunJson | null; children: React.ReactNode }) {
  const sync = useQueuedRun({ statusUrl: `/api/fba/stocktakes/${id}/sync-status`, initial, start: syncStocktakeAction });
  return <Ctx value={sync}>{children}</Ctx>;
}

export function FbaSyncButton({ id }: { id: string }) {
  const { startAction, busy } = useSync();
  return (
    <form action={startAction}>
      <input type="hidden" name="id" value={id} />
      <ScriptButton type="submit" disabled={busy} aria-busy={busy} className={buttonClass('primary')} title="Import Amazon's fulfillable quantities into Counted">
        {busy && <span aria-hidden className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
        {busy ? 'Syncing with FBA…' : 'Sync'}
      </ScriptButton>
    </form>
  );
}

/** `needCost`: lines that need a unit cost now (from the server, refreshed when a run is done). */
export function FbaSyncStatus({ needCostHref, needCost }: { needCostHref: string; needCost: number }) {
  const { run, pollError, state } = useSync();
  return (
    <RunProgress
      run={run}
      pollError={pollError}
      state={state}
      className="not-empty:mb-3"
      failedLabel="Sync failed"
      done={(r) => (
        <>
          Synced with FBA: {r.summary}
          {needCost > 0 && (
            <>
              {' '}
              <Link href={needCostHref}>Show the lines that need a unit cost</Link>
            </>
          )}
        </>
      )}
    />
  );
}
