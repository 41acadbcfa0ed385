'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from '@/components/ui/link';
import { useState } from 'react';
import { useFormStatus } from 'react-dom';
import { FoAddress, FoItems, FoLog, FoPackages, FoStages } from '@/components/fulfilment/fo-details';
import { FoReturnsPanel } from '@/components/returns/fo-returns-panel';
import { buttonClass } from '@/components/ui/button';
import { ActionForm, Field } from '@/components/ui/form';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ActionState } from '@/lib/action';
import { FO_EDIT_LABELS } from '@/lib/fulfilment/fo-inputs';
import { SHIPPING_OPTIONS } from '@/lib/sale/shipping-options';
import { FO_POLL_OPEN_MS, FO_POLL_PENDING_MS, foPollInterval, pendingWords } from '@/lib/fulfilment/fo-live';
import { foActionsFor, type FoAction } from '@/lib/fulfilment/fo-status';
import type { FoView } from '@/lib/fulfilment/fo-view';
import { FO_RETURN_OPEN } from '@/lib/returns/fo-return-status';
import type { FoReturnsView } from '@/lib/returns/fo-returns';
import { requestFoReturnAction } from './actions';
import { cancelFoAction, editFoAction, processFoAction, refreshFoAction, shipFoAction, voidFoAction } from '../actions';
import { ScriptButton } from '@/components/ui/script-controls';

type Act = (prev: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;

const BUTTONS: Record<Exclude<FoAction, 'Edit'>, { act: Act; danger?: boolean; done: string }> = {
  Process: { act: processFoAction, done: 'Sent to the queue for Amazon.' },
  Ship: { act: shipFoAction, done: 'Asked Amazon to ship the held order.' },
  Void: { act: voidFoAction, danger: true, done: 'Voided.' },
  Cancel: { act: cancelFoAction, danger: true, done: 'Asked Amazon to cancel.' },
};

type Live = { order: FoView; returns: FoReturnsView };

async function fetchOrder(url: string): Promise<Live> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 403 ? 'You are not allowed to see this order.' : 'The order’s status could not be read; it is shown as last read.');
  return (await res.json()) as Live;
}

/** The order's own pace, and a return still on its way: quick while one waits to be sent, else the open pace. */
function pollInterval({ order, returns }: Live): number | false {
  const own = foPollInterval(order.status, order.pending.length);
  const open = returns.returns.filter((r) => FO_RETURN_OPEN.includes(r.status));
  if (open.length === 0) return own;
  const pace = open.some((r) => r.status === 'Requested') ? FO_POLL_PENDING_MS : FO_POLL_OPEN_MS;
  return own === false ? pace : Math.min(own, pace);
}

function Submit({ children, disabled, danger }: { children: React.ReactNode; disabled: boolean; danger?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={disabled || pending} aria-busy={pending} className={buttonClass(danger ? 'danger' : 'primary')}>
      {pending ? 'Working…' : children}
    </button>
  );
}

/**
 * The order page below its title: follows the order live (React Query polling its JSON while a
 * call to Amazon is pending or the order can still move), shows only the buttons its status
 * allows, and disables them while Amazon has not answered an earlier request.
 */
export function FoLive({ initial, initialReturns, statusUrl, saleHref }: { initial: FoView; initialReturns: FoReturnsView; statusUrl: string; saleHref: string }) {
  const queryClient = useQueryClient();
  const queryKey = ['fulfilment-order', initial.id];
  const { data, error } = useQuery({
    queryKey,
    queryFn: () => fetchOrder(statusUrl),
    initialData: { order: initial, returns: initialReturns },
    refetchInterval: (q) => (q.state.data ? pollInterval(q.state.data) : false),
  });
  const order = data?.order ?? initial;
  const returns = data?.returns ?? initialReturns;
  const [editing, setEditing] = useState(false);
  const reload = () => queryClient.invalidateQueries({ queryKey });
  const waiting = order.pending.length > 0;
  const actions = foActionsFor(order.status);

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <span data-testid="fo-status">
          <StatusBadge status={order.status} />
        </span>
        {order.amazonStatus && <span className="text-sm text-slate-600">Amazon: {order.amazonStatus}</span>}
      </div>

      <div aria-live="polite" className="space-y-2">
        {waiting && (
          <p role="status" className="mb-3 flex items-center gap-2 rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-900">
            <span aria-hidden className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />
            Sending to Amazon… ({order.pending.map((p) => pendingWords(p.kind)).join(', ')}
            {order.pending.some((p) => p.attempts > 0) ? `; tried ${Math.max(...order.pending.map((p) => p.attempts))} times so far` : ''}). The buttons come back when Amazon has answered.
          </p>
        )}
        {waiting && order.pending.some((p) => p.lastError) && (
          <p className="text-sm text-slate-700">Last attempt: {order.pending.find((p) => p.lastError)!.lastError} It will be tried again.</p>
        )}
        {error && <p className="text-sm text-red-700">{error.message}</p>}
      </div>
      {order.lastError && (
        <div role="alert" className="mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          <p className="font-medium">Amazon’s answer</p>
          <p>{order.lastError}</p>
          {actions.includes('Edit') && <p className="mt-1 text-sm">Correct the order with Edit, then Process it again, or Void it.</p>}
        </div>
      )}

      <div className="mb-4 flex flex-wrap gap-2">
        {actions
          .filter((a): a is Exclude<FoAction, 'Edit'> => a !== 'Edit')
          .map((a) => (
            <ActionForm key={a} action={BUTTONS[a].act} onSuccess={reload}>
              <input type="hidden" name="id" value={order.id} />
              <Submit disabled={waiting} danger={BUTTONS[a].danger}>
                {a}
                <span className="sr-only"> fulfilment order {order.number}</span>
              </Submit>
            </ActionForm>
          ))}
        {actions.includes('Edit') && !editing && (
          <ScriptButton disabled={waiting} onClick={() => setEditing(true)} className={buttonClass('secondary')}>
            Edit
          </ScriptButton>
        )}
        {order.stages.sent && (
          <ActionForm action={refreshFoAction} onSuccess={reload}>
            <input type="hidden" name="id" value={order.id} />
            <button type="submit" disabled={waiting} className={buttonClass('secondary')}>
              Refresh status
            </button>
          </ActionForm>
        )}
      </div>

      {editing && actions.includes('Edit') && (
        <FoEditForm
          order={order}
          onDone={() => {
            setEditing(false);
            void reload();
          }}
          onCancel={() => setEditing(false)}
        />
      )}

      <div className="mb-6 grid gap-4 md:grid-cols-3">
        <section aria-labelledby="fo-order" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="fo-order" className="mb-2 font-semibold text-slate-900">
            Order
          </h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
            <dt className="text-slate-500">Sale</dt>
            <dd>
              <Link href={saleHref}>{order.sale.number}</Link> ({order.sale.customer})
            </dd>
            <dt className="text-slate-500">Displayable order id</dt>
            <dd>{order.displayableOrderId}</dd>
            <dt className="text-slate-500">Connection</dt>
            <dd>
              {order.connection.name} ({order.location})
            </dd>
            <dt className="text-slate-500">Shipping method</dt>
            <dd>{order.shippingSpeed}</dd>
            <dt className="text-slate-500">Comment</dt>
            <dd>
              {order.comment ?? <span className="text-slate-500">none</span>}
              <span className="block text-xs text-slate-500">Amazon prints it on the packing slip.</span>
            </dd>
          </dl>
        </section>
        <section aria-labelledby="fo-ship-to" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="fo-ship-to" className="mb-2 font-semibold text-slate-900">
            Ship to
          </h2>
          <FoAddress order={order} />
        </section>
        <FoStages order={order} />
      </div>

      <h2 className="mb-2 font-semibold text-slate-900">Items</h2>
      <div className="mb-6">
        <FoItems order={order} />
      </div>
      <h2 className="mb-2 font-semibold text-slate-900">Packages</h2>
      <div className="mb-6">
        <FoPackages order={order} />
      </div>
      <FoReturnsPanel orderId={order.id} data={returns} reasonsUrl={statusUrl.replace(/\/status$/, '/return-reasons')} requestAction={requestFoReturnAction} onRequested={() => void reload()} />
      <h2 className="mb-2 font-semibold text-slate-900">Fulfilment order log</h2>
      <FoLog order={order} />
    </>
  );
}

/** Edit/Save: the address, comment and shipping speed (an order held at Amazon is updated there too). */
function FoEditForm({ order, onDone, onCancel }: { order: FoView; onDone: () => void; onCancel: () => void }) {
  const a = order.address;
  const L = FO_EDIT_LABELS;
  return (
    <ActionForm action={editFoAction} onSuccess={onDone} className="mb-6 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 font-semibold text-slate-900">Edit fulfilment order {order.number}</h2>
      <input type="hidden" name="id" value={order.id} />
      <div className="grid gap-3 md:grid-cols-2">
        <Field name="shipToName" label={L.shipToName} defaultValue={a.shipToName} required autoComplete="name" />
        <Field name="shipToPhone" label={L.shipToPhone} defaultValue={a.shipToPhone} autoComplete="tel" />
        <Field name="shipToLine1" label={L.shipToLine1} defaultValue={a.shipToLine1} required autoComplete="address-line1" />
        <Field name="shipToLine2" label={L.shipToLine2} defaultValue={a.shipToLine2} autoComplete="address-line2" />
        <Field name="shipToCity" label={L.shipToCity} defaultValue={a.shipToCity} required autoComplete="address-level2" />
        <Field name="shipToState" label={L.shipToState} defaultValue={a.shipToState} autoComplete="address-level1" />
        <Field name="shipToPostalCode" label={L.shipToPostalCode} defaultValue={a.shipToPostalCode} required autoComplete="postal-code" />
        <Field name="shipToCountry" label={L.shipToCountry} defaultValue={a.shipToCountry} required hint="Two-letter code, e.g. US, GB, DE." autoComplete="country" />
        <Field name="shippingSpeed" label={L.shippingSpeed} defaultValue={order.shippingSpeed} options={SHIPPING_OPTIONS} required />
        <Field name="comment" label={L.comment} defaultValue={order.comment} rows={2} />
      </div>
      <div className="mt-4 flex gap-2">
        <Submit disabled={false}>Save</Submit>
        <ScriptButton onClick={onCancel} className={buttonClass('secondary')}>
          Cancel editing
        </ScriptButton>
      </div>
    </ActionForm>
  );
}
