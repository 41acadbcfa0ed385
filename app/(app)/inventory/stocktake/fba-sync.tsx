'use client';

import Link from 'next/link';
import { createContext, useActionState, useContext, useEffect, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { ActionState } from '@/lib/action';
import { syncStocktakeAction } from './actions';

type SyncData = { summary: string; needCost: number };
type SyncCtx = { state: ActionState<SyncData>; run: (form: FormData) => void; pending: boolean };

const Ctx = createContext<SyncCtx>({ state: { status: 'idle' }, run: () => {}, pending: false });

/**
 * One Sync run shared by the button (in the page header, where the seed puts it) and its progress
 * and summary (under the header, where there is room for a sentence).
 */
export function FbaSyncProvider({ children }: { children: React.ReactNode }) {
  const [state, run, pending] = useActionState(syncStocktakeAction, { status: 'idle' } as ActionState<SyncData>);
  return <Ctx value={{ state, run, pending }}>{children}</Ctx>;
}

export function FbaSyncButton({ id }: { id: string }) {
  const { run, pending } = useContext(Ctx);
  return (
    <form action={run}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass('primary')} title="Import Amazon's fulfillable quantities into Counted">
        {pending && <span aria-hidden className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
        {pending ? 'Syncing with FBA…' : 'Sync'}
      </button>
    </form>
  );
}

/** Seconds since `on` turned true: Amazon can take minutes, and the page must show it is alive. */
function useElapsed(on: boolean) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!on) return;
    const start = Date.now();
    const t = setInterval(() => setSeconds(Math.floor((Date.now() - start) / 1000)), 1000);
    return () => {
      clearInterval(t);
      setSeconds(0); // the next run counts from 0
    };
  }, [on]);
  return seconds;
}

export function FbaSyncStatus({ needCostHref }: { needCostHref: string }) {
  const { state, pending } = useContext(Ctx);
  const seconds = useElapsed(pending);
  if (pending)
    return (
      <p role="status" className="mb-3 rounded border border-indigo-300 bg-indigo-50 px-3 py-2 text-indigo-900">
        Syncing with FBA… Amazon is preparing the inventory report, which can take a few minutes; keep this page open.{' '}
        <span className="tabular-nums text-indigo-700">({seconds} s)</span>
      </p>
    );
  if (state.status === 'error')
    return (
      <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
        Sync failed: {state.message}
      </p>
    );
  if (state.status === 'ok')
    return (
      <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
        Synced with FBA: {state.data.summary}
        {state.data.needCost > 0 && (
          <>
            {' '}
            <Link href={needCostHref}>Show the lines that need a unit cost</Link>
          </>
        )}
      </p>
    );
  return null;
}
