'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useRef } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { ActionState } from '@/lib/action';
import { deleteInboundAction } from './actions';
import { ScriptButton } from '@/components/ui/script-controls';

type Deleted = ActionState<{ message: string }>;

/**
 * X on a row: a confirmation <dialog> that says plainly what X does here (the record deleted, the
 * transfer voided) and what it does not (the shipment at Amazon stays). The answer stays in the
 * dialog until it is closed; the list reloads then (without the row).
 */
export function DeleteInboundButton({ connectionId, inboundId, name, transferNumber }: { connectionId: string; inboundId: string; name: string; transferNumber: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [state, formAction, pending] = useActionState<Deleted, FormData>(deleteInboundAction, { status: 'idle' });
  const titleId = `delete-title-${inboundId}`;
  return (
    <>
      <ScriptButton onClick={() => ref.current?.showModal()} aria-label={`Delete inbound shipment ${name}`} className={`${buttonClass('danger')} px-2 py-0.5`}>
        X
      </ScriptButton>
      <dialog ref={ref} onClose={() => state.status === 'ok' && router.refresh()} aria-labelledby={titleId} className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/50">
        <div className="space-y-3 px-5 py-4">
          <h2 id={titleId} className="text-lg font-semibold">
            Delete inbound shipment {name}?
          </h2>
          {state.status === 'ok' ? (
            <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
              {state.data.message}
            </p>
          ) : (
            <>
              <p>
                This deletes the inbound shipment here and voids transfer {transferNumber}: the goods go back to the location they came from, and anything Amazon already received is
                taken out of the FBA location.
              </p>
              <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 font-medium text-amber-900">
                The shipment at Amazon is NOT deleted. If it was sent to Amazon, cancel or delete it in Seller Central.
              </p>
            </>
          )}
          {state.status === 'error' && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
              {state.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <ScriptButton onClick={() => ref.current?.close()} className={buttonClass('secondary')}>
              {state.status === 'ok' ? 'Close' : 'Cancel'}
            </ScriptButton>
            {state.status !== 'ok' && (
              <form action={formAction}>
                <input type="hidden" name="connectionId" value={connectionId} />
                <input type="hidden" name="inboundId" value={inboundId} />
                <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass('danger')}>
                  {pending ? 'Deleting…' : 'Delete here and void the transfer'}
                </button>
              </form>
            )}
          </div>
        </div>
      </dialog>
    </>
  );
}
