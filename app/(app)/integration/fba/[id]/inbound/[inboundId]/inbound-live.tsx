'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef } from 'react';
import { useFormStatus } from 'react-dom';
import { WizardSteps } from '@/components/inbound/wizard-steps';
import { CellInput } from '@/components/stock/line-cells';
import { buttonClass } from '@/components/ui/button';
import { ActionForm, Field, useFieldState } from '@/components/ui/form';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import type { ActionState } from '@/lib/action';
import { formatMinor } from '@/lib/fba/amazon-money';
import { formatUtcDate, formatUtcDateTime } from '@/lib/format/date';
import type { Money } from '@/lib/inbound/inbound-options';
import type { InboundView } from '@/lib/inbound/inbound-view';
import {
  backAction,
  calculateTransportAction,
  chooseDeliveryAction,
  choosePackingAction,
  choosePlacementAction,
  chooseTransportAction,
  confirmInboundAction,
  retryInboundAction,
  saveTrackingAction,
  shipInboundAction,
} from './actions';
import { BoxesForm } from './boxes-form';

type Act = (prev: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;

const money = (m: Money | null | undefined) => (m ? `${formatMinor(m.minor, m.currency)} ${m.currency}` : '—');
const card = 'rounded border border-slate-200 bg-white p-4 shadow-sm';

async function fetchInbound(url: string): Promise<InboundView> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 403 ? 'You are not allowed to see this shipment.' : 'The shipment could not be read; it is shown as last read.');
  return ((await res.json()) as { inbound: InboundView }).inbound;
}

function Submit({ children, disabled, variant = 'primary' }: { children: React.ReactNode; disabled?: boolean; variant?: 'primary' | 'secondary' | 'danger' }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={disabled || pending} aria-busy={pending} className={buttonClass(variant)}>
      {pending ? 'Working…' : children}
    </button>
  );
}

/** A radio group with a legend; its message (keyed by the group's name) sits under it. */
function Choice({ name, legend, options, defaultValue }: { name: string; legend: string; options: { value: string; label: React.ReactNode }[]; defaultValue?: string | null }) {
  const id = useId();
  const { error } = useFieldState(name);
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} className="space-y-1">
      <legend className="mb-1 font-medium text-slate-800">{legend}</legend>
      {options.map((o, i) => (
        <div key={o.value} className="flex items-start gap-2">
          <input id={`${id}-${i}`} type="radio" name={name} value={o.value} defaultChecked={o.value === defaultValue || (options.length === 1 && i === 0)} className="mt-1 h-4 w-4" />
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function StepForm({ act, view, onDone, children, className }: { act: Act; view: InboundView; onDone: () => void; children: React.ReactNode; className?: string }) {
  return (
    <ActionForm action={act} onSuccess={onDone} className={className ?? 'space-y-3'}>
      <input type="hidden" name="id" value={view.id} />
      {children}
    </ActionForm>
  );
}

function Back({ view, to, label, onDone, disabled }: { view: InboundView; to: 'boxes' | 'transport'; label: string; onDone: () => void; disabled: boolean }) {
  return (
    <StepForm act={backAction} view={view} onDone={onDone}>
      <input type="hidden" name="to" value={to} />
      <Submit variant="secondary" disabled={disabled}>
        {label}
      </Submit>
    </StepForm>
  );
}

/**
 * The inbound shipment page below the connection's tabs: the wizard's current step (it survives a
 * reload: every choice and every answer of Amazon is stored), what Amazon is doing now, its refusal
 * with Retry, and once confirmed the shipments, boxes and log. Polls the shipment's JSON while a call
 * to Amazon is under way.
 */
export function InboundLive({ initial, statusUrl, children }: { initial: InboundView; statusUrl: string; children?: React.ReactNode }) {
  const queryClient = useQueryClient();
  const queryKey = ['inbound', initial.id];
  const { data, error } = useQuery({
    queryKey,
    queryFn: () => fetchInbound(statusUrl),
    initialData: initial,
    refetchInterval: (q) => ((q.state.data?.pending.length ?? 0) > 0 ? 1500 : false),
  });
  const view = data ?? initial;
  const reload = () => void queryClient.invalidateQueries({ queryKey });
  // Something happened (Amazon answered, a step moved): the server-rendered parts (labels, receipts) follow.
  const router = useRouter();
  const lastLog = useRef(initial.log[0]?.id);
  useEffect(() => {
    if (view.log[0]?.id === lastLog.current) return;
    lastLog.current = view.log[0]?.id;
    router.refresh();
  }, [view.log, router]);
  const waiting = view.pending.length > 0;
  // Only shipments going with another carrier need a delivery window: once every carrier is chosen and all are Amazon's, the step is skipped.
  const skipDelivery = (view.step === 'review' || view.step === 'done') && view.shipments.length > 0 && view.shipments.every((s) => s.partnered === true);

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <span data-testid="inbound-status">
          <StatusBadge status={view.status} />
        </span>
        <p className="text-sm text-slate-600">
          Transfer order <Link href={`/inventory/stock-transfer/${view.transfer.id}`}>{view.transfer.number}</Link> ({view.transfer.status}) from {view.transfer.from} to {view.connection.location}
        </p>
        {view.inboundPlanId && <span className="font-mono text-xs text-slate-500">Amazon plan {view.inboundPlanId}</span>}
      </div>
      <WizardSteps current={view.step} skipDelivery={skipDelivery} />

      <div aria-live="polite">
        {waiting && (
          <p role="status" className="mb-3 flex items-center gap-2 rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-900">
            <span aria-hidden className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />
            Waiting for Amazon: {view.pending.map((p) => p.words).join(', ')}…{view.pending.some((p) => p.attempts > 1) ? ` (tried ${Math.max(...view.pending.map((p) => p.attempts))} times so far)` : ''} You may leave this page; the
            shipment carries on and this page picks up where it is.
          </p>
        )}
        {waiting && view.pending.some((p) => p.lastError) && <p className="mb-3 text-sm text-slate-700">Last attempt: {view.pending.find((p) => p.lastError)!.lastError} It will be tried again.</p>}
        {error && <p className="mb-3 text-sm text-red-700">{error.message}</p>}
      </div>
      {!waiting && view.failure && (
        <div role="alert" className="mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          <p className="font-medium">Amazon could not finish {view.failure.words}.</p>
          <p>{view.failure.error}</p>
          <StepForm act={retryInboundAction} view={view} onDone={reload} className="mt-2">
            <Submit variant="secondary">Retry</Submit>
          </StepForm>
          <p className="mt-1 text-sm">If Amazon refuses again, change what it names (the Catalog mapping, the Setup tab, the boxes) or delete this shipment with X on the Inbound Shipments tab and start again.</p>
        </div>
      )}

      <StepPanel view={view} waiting={waiting} reload={reload} />

      <section aria-labelledby="inbound-goods" className={`${card} mb-4`}>
        <h2 id="inbound-goods" className="mb-2 font-semibold text-slate-900">
          Goods
        </h2>
        <Table
          caption="Goods of this shipment"
          head={
            <>
              <Th>SKU</Th>
              <Th>Product</Th>
              <Th>Merchant SKU</Th>
              <Th>FNSKU</Th>
              <Th align="right">Quantity</Th>
              <Th>Label owner</Th>
              <Th>Prep owner</Th>
            </>
          }
        >
          {view.lines.map((l) => (
            <tr key={l.lineNo}>
              <Td>{l.sku}</Td>
              <Td>{l.name}</Td>
              <Td className="font-mono text-xs">{l.sellerSku}</Td>
              <Td className="font-mono text-xs">{l.fnsku ?? '—'}</Td>
              <Td align="right">{l.quantity}</Td>
              <Td>{l.labelOwner}</Td>
              <Td>{l.prepOwner}</Td>
            </tr>
          ))}
        </Table>
      </section>

      {view.step === 'done' && <Confirmed view={view} waiting={waiting} reload={reload} />}
      {children}

      <section aria-labelledby="inbound-log" className={card}>
        <h2 id="inbound-log" className="mb-2 font-semibold text-slate-900">
          Inbound shipment log
        </h2>
        <ol className="space-y-1 text-sm">
          {view.log.map((l) => (
            <li key={l.id}>
              <span className="text-slate-500">{formatUtcDateTime(l.at)}</span> {l.user ? <span className="text-slate-600">{l.user}: </span> : null}
              {l.message}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function StepPanel({ view, waiting, reload }: { view: InboundView; waiting: boolean; reload: () => void }) {
  const wrap = (title: string, body: React.ReactNode) => (
    <section aria-labelledby="inbound-step" className={`${card} mb-4`}>
      <h2 id="inbound-step" className="mb-3 font-semibold text-slate-900">
        {title}
      </h2>
      {body}
    </section>
  );
  switch (view.step) {
    case 'items':
      return wrap('Inbound plan', <p className="text-slate-700">{waiting ? 'Amazon is creating the inbound plan for these goods.' : view.failure ? 'Amazon did not create the plan: see its reason above.' : 'Queued for Amazon.'}</p>);
    case 'packing':
      return wrap(
        'Packing option',
        <StepForm act={choosePackingAction} view={view} onDone={reload}>
          <Choice
            name="packingOptionId"
            legend="How Amazon lets you pack these goods"
            defaultValue={view.packingOptionId}
            options={view.packingOptions.map((o, i) => ({
              value: o.id,
              label: (
                <>
                  Option {i + 1}: {o.groups.length} packing group{o.groups.length === 1 ? '' : 's'}; fees {o.fees.length ? o.fees.map((f) => `${f.description} ${money(f)}`).join(', ') : 'none'}
                  {o.discounts.length ? `; discounts ${o.discounts.map((f) => money(f)).join(', ')}` : ''}
                  {o.expiresAt ? <span className="text-slate-500"> (offered until {formatUtcDateTime(o.expiresAt)})</span> : null}
                </>
              ),
            }))}
          />
          <Submit disabled={waiting}>Confirm packing option</Submit>
        </StepForm>,
      );
    case 'boxes':
      return wrap('Box contents', waiting ? <p className="text-slate-700">Amazon is checking the boxes and working out where they go.</p> : <BoxesForm view={view} onSaved={reload} />);
    case 'placement':
      return wrap(
        'Placement',
        <div className="space-y-3">
          <StepForm act={choosePlacementAction} view={view} onDone={reload}>
            <Choice
              name="placementOptionId"
              legend="Where Amazon places the boxes, and its fee"
              defaultValue={view.placementOptionId}
              options={view.placementOptions.map((o) => ({
                value: o.id,
                label: (
                  <>
                    {o.shipmentIds.length === 1 ? 'One shipment to one fulfilment centre' : `${o.shipmentIds.length} shipments to fulfilment centres Amazon chooses`} — placement fee{' '}
                    <strong>{o.fee && o.fee.minor !== 0 ? money(o.fee) : 'none'}</strong>
                    {o.expiresAt ? <span className="text-slate-500"> (offered until {formatUtcDateTime(o.expiresAt)})</span> : null}
                  </>
                ),
              }))}
            />
            <Submit disabled={waiting}>Confirm placement</Submit>
          </StepForm>
          <Back view={view} to="boxes" label="Back to box contents" onDone={reload} disabled={waiting} />
        </div>,
      );
    case 'transport':
      return wrap('Transportation', <Transport view={view} waiting={waiting} reload={reload} />);
    case 'delivery':
      return wrap(
        'Delivery window',
        <div className="space-y-3">
          <StepForm act={chooseDeliveryAction} view={view} onDone={reload}>
            {view.shipments
              .filter((s) => s.partnered === false)
              .map((s) => (
                <Choice
                  key={s.id}
                  name={`window.${s.id}`}
                  legend={`Shipment ${s.confirmationId ?? s.shipmentId} to ${s.warehouseId ?? 'Amazon'} (another carrier): when it arrives`}
                  defaultValue={s.deliveryWindowOptionId}
                  options={s.deliveryWindowOptions.map((w) => ({ value: w.id, label: `${formatUtcDate(w.start)} – ${formatUtcDate(w.end)}` }))}
                />
              ))}
            <Submit disabled={waiting}>Review</Submit>
          </StepForm>
          <Back view={view} to="transport" label="Back to carriers" onDone={reload} disabled={waiting} />
        </div>,
      );
    case 'review':
      return wrap(
        'Confirm',
        <div className="space-y-3">
          <ShipmentsTable view={view} />
          <p className="text-slate-700">
            Placement fee: {view.placementFee ? money({ minor: view.placementFee, currency: view.currency ?? 'USD' }) : 'none'}. Estimated shipping charges (Amazon-partnered carriers):{' '}
            {money(chargesOf(view))}. {view.connection.createsShipped ? 'On Confirm the transfer ships: the goods leave ' + view.transfer.from + '.' : 'The transfer stays Draft until you ship it (Setup: On Hold).'}
          </p>
          <div className="flex flex-wrap gap-2">
            <StepForm act={confirmInboundAction} view={view} onDone={reload}>
              <Submit disabled={waiting}>Confirm</Submit>
            </StepForm>
            <Back view={view} to="transport" label="Back to carriers" onDone={reload} disabled={waiting} />
          </div>
        </div>,
      );
    case 'done':
      return null;
  }
}

const boxCount = (view: InboundView, shipmentRowId: string) => {
  const n = view.boxes.filter((b) => b.amazonShipmentId === shipmentRowId).length;
  return `${n} box${n === 1 ? '' : 'es'}`;
};

function chargesOf(view: InboundView): Money | null {
  const quoted = view.shipments.filter((s) => s.partnered && s.charge !== null && s.currency);
  if (!quoted.length) return null;
  return { minor: quoted.reduce((n, s) => n + (s.charge ?? 0), 0), currency: quoted[0].currency! };
}

function Transport({ view, waiting, reload }: { view: InboundView; waiting: boolean; reload: () => void }) {
  const offered = view.shipments.some((s) => s.transportationOptions.length > 0);
  return (
    <div className="space-y-4">
      <StepForm act={calculateTransportAction} view={view} onDone={reload} className="flex flex-wrap items-end gap-3">
        <Field name="readyToShipOn" label="Goods ready to ship on (UTC)" type="date" defaultValue={view.readyToShipOn ?? view.suggestedShipDate} required className="w-56" />
        <Submit disabled={waiting} variant={offered ? 'secondary' : 'primary'}>
          {offered ? 'Calculate shipping charges again' : 'Calculate shipping charges'}
        </Submit>
      </StepForm>
      {offered && (
        <StepForm act={chooseTransportAction} view={view} onDone={reload}>
          {view.shipments.map((s) => (
            <Choice
              key={s.id}
              name={`transport.${s.id}`}
              legend={`Shipment ${s.confirmationId ?? s.shipmentId} to ${s.warehouseId ?? 'Amazon'} (${boxCount(view, s.id)})`}
              defaultValue={s.transportationOptionId}
              options={s.transportationOptions.map((o) => ({
                value: o.id,
                label: o.partnered ? (
                  <>
                    Amazon-partnered carrier ({o.carrier}): <strong>{money(o.quote)}</strong>
                    {o.expiresAt ? <span className="text-slate-500"> (quote valid until {formatUtcDateTime(o.expiresAt)})</span> : null}
                  </>
                ) : (
                  <>Another carrier (yours): you book it and enter its tracking numbers later</>
                ),
              }))}
            />
          ))}
          <Submit disabled={waiting}>Next</Submit>
        </StepForm>
      )}
    </div>
  );
}

function ShipmentsTable({ view }: { view: InboundView }) {
  return (
    <Table
      caption="Shipments at Amazon"
      head={
        <>
          <Th>Amazon shipment</Th>
          <Th>Ship to</Th>
          <Th>Boxes</Th>
          <Th>Carrier</Th>
          <Th align="right">Shipping charge</Th>
          <Th>Delivery window</Th>
          <Th>Amazon status</Th>
        </>
      }
    >
      {view.shipments.map((s) => (
        <tr key={s.id}>
          <Td className="font-mono text-xs">{s.confirmationId ?? s.shipmentId}</Td>
          <Td>
            {s.warehouseId}
            {s.destination ? <span className="block text-xs text-slate-500">{[s.destination.addressLine1, s.destination.city, s.destination.stateOrProvinceCode, s.destination.postalCode].filter(Boolean).join(', ')}</span> : null}
          </Td>
          <Td>{view.boxes.filter((b) => b.amazonShipmentId === s.id).length}</Td>
          <Td>{s.partnered === null ? '—' : s.partnered ? (s.carrier ? `Amazon-partnered (${s.carrier})` : 'Amazon-partnered') : 'Another carrier'}</Td>
          <Td align="right">{s.charge !== null && s.currency ? money({ minor: s.charge, currency: s.currency }) : '—'}</Td>
          <Td>{s.deliveryWindowStart ? `${formatUtcDate(s.deliveryWindowStart)} – ${formatUtcDate(s.deliveryWindowEnd!)}` : s.partnered ? 'Set by the carrier' : '—'}</Td>
          <Td>{s.amazonStatus ?? '—'}</Td>
        </tr>
      ))}
    </Table>
  );
}

function Confirmed({ view, waiting, reload }: { view: InboundView; waiting: boolean; reload: () => void }) {
  const open = !['Closed', 'Cancelled', 'Deleted', 'Error'].includes(view.status);
  const own = view.shipments.filter((s) => s.partnered === false);
  return (
    <>
      {open && view.transfer.status === 'Draft' && (
        <section aria-labelledby="inbound-ship" className={`${card} mb-4`}>
          <h2 id="inbound-ship" className="mb-2 font-semibold text-slate-900">
            Ship
          </h2>
          <p className="mb-2 text-slate-700">
            Transfer order {view.transfer.number} is Draft: the goods are still counted at {view.transfer.from}. Ship it when they leave (the stock moves out of {view.transfer.from} and reaches{' '}
            {view.connection.location} as Amazon receives it).
          </p>
          <StepForm act={shipInboundAction} view={view} onDone={reload}>
            <Submit disabled={waiting}>Ship</Submit>
          </StepForm>
        </section>
      )}
      {open &&
        own.map((s) => {
          const boxes = view.boxes.filter((b) => b.amazonShipmentId === s.id);
          return (
            <section key={s.id} aria-label={`Tracking numbers, shipment ${s.confirmationId ?? s.shipmentId}`} className={`${card} mb-4`}>
              <h2 className="mb-2 font-semibold text-slate-900">Tracking numbers: shipment {s.confirmationId ?? s.shipmentId} (another carrier)</h2>
              <StepForm act={saveTrackingAction} view={view} onDone={reload}>
                <input type="hidden" name="shipmentId" value={s.id} />
                <Table
                  caption={`Tracking numbers of shipment ${s.confirmationId ?? s.shipmentId}`}
                  head={
                    <>
                      <Th>Box</Th>
                      <Th>FBA box id</Th>
                      <Th>Tracking number</Th>
                    </>
                  }
                >
                  {boxes.map((b) => (
                    <tr key={b.id}>
                      <Td>{b.boxNo}</Td>
                      <Td className="font-mono text-xs">{b.amazonBoxId}</Td>
                      <Td>
                        <CellInput name={`tracking.${b.id}`} label={`Tracking number, box ${b.boxNo}`} defaultValue={s.tracking.find((t) => t.boxId === b.amazonBoxId)?.trackingId} className="w-56" />
                      </Td>
                    </tr>
                  ))}
                </Table>
                <Submit disabled={waiting}>{s.tracking.length ? 'Send tracking numbers again' : 'Send tracking numbers'}</Submit>
              </StepForm>
            </section>
          );
        })}
      <section aria-labelledby="inbound-shipments" className={`${card} mb-4`}>
        <h2 id="inbound-shipments" className="mb-2 font-semibold text-slate-900">
          Shipments at Amazon
        </h2>
        <ShipmentsTable view={view} />
        <p className="mt-2 text-sm text-slate-700">
          Confirmed {formatUtcDateTime(view.confirmedAt)}. Estimated shipping charges: {view.estimatedCharges !== null && view.currency ? money({ minor: view.estimatedCharges, currency: view.currency }) : 'none (other carriers)'}.
          {view.placementFee ? ` Placement fee: ${money({ minor: view.placementFee, currency: view.currency ?? 'USD' })}.` : ''}
        </p>
      </section>
      <section aria-labelledby="inbound-boxes" className={`${card} mb-4`}>
        <h2 id="inbound-boxes" className="mb-2 font-semibold text-slate-900">
          Boxes
        </h2>
        <Table
          caption="Boxes of this shipment"
          head={
            <>
              <Th>Box</Th>
              <Th>FBA box id</Th>
              <Th>Size</Th>
              <Th>Weight</Th>
              <Th>Contents</Th>
            </>
          }
        >
          {view.boxes.map((b) => (
            <tr key={b.id}>
              <Td>{b.boxNo}</Td>
              <Td className="font-mono text-xs">{b.amazonBoxId ?? '—'}</Td>
              <Td>
                {b.length} × {b.width} × {b.height} {b.dimensionUnit.toLowerCase()}
              </Td>
              <Td>
                {b.weight} {b.weightUnit.toLowerCase()}
              </Td>
              <Td>{b.items.map((i) => `${view.lines.find((l) => l.lineNo === i.lineNo)?.sku ?? i.lineNo} × ${i.quantity}`).join(', ')}</Td>
            </tr>
          ))}
        </Table>
      </section>
    </>
  );
}
