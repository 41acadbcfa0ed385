'use client';

import { useState } from 'react';
import { CellInput, CellSelect } from '@/components/stock/line-cells';
import { buttonClass } from '@/components/ui/button';
import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import { Table, Td, Th } from '@/components/ui/table';
import { SHIPPING_OPTIONS } from '@/lib/sale/shipping-options';
import { invoiceAction, orderAction, packAction, paymentAction, pickAction, shipAction, undoStageAction } from '../actions';
import { ScriptButton, ScriptFields } from '@/components/ui/script-controls';

const Hidden = ({ name, value }: { name: string; value: string }) => <input type="hidden" name={name} value={value} />;

export function OrderButtons({ saleId, number, status }: { saleId: string; number: string; status: 'Draft' | 'Authorised' | 'Voided' }) {
  if (status === 'Voided') return null;
  if (status === 'Authorised') return <UndoButton saleId={saleId} stage="Order" label={`order of ${number}`} />;
  return (
    <div className="flex gap-2">
      {(['Authorise', 'Void'] as const).map((move) => (
        <ActionForm key={move} action={orderAction}>
          <Hidden name="saleId" value={saleId} />
          <Hidden name="move" value={move} />
          <SubmitButton variant={move === 'Void' ? 'danger' : 'primary'}>
            <span>
              {move}
              <span className="sr-only"> order {number}</span>
            </span>
          </SubmitButton>
        </ActionForm>
      ))}
    </div>
  );
}

export function UndoButton({ saleId, stage, label }: { saleId: string; stage: 'Order' | 'Pick' | 'Pack' | 'Ship' | 'Invoice'; label: string }) {
  return (
    <ActionForm action={undoStageAction}>
      <Hidden name="saleId" value={saleId} />
      <Hidden name="stage" value={stage} />
      <SubmitButton variant="danger">
        <span>
          Undo<span className="sr-only"> {label}</span>
        </span>
      </SubmitButton>
    </ActionForm>
  );
}

type PickRow = { lineNo: number; sku: string; name: string; quantity: number; place: string; placeLabel: string; external: boolean };

/** Pick: where each line is taken from (defaults to the sale line's location), then Authorise. */
export function PickForm({ saleId, rows, places }: { saleId: string; rows: PickRow[]; places: { value: string; label: string }[] }) {
  return (
    <ActionForm action={pickAction} className="space-y-3">
      <Hidden name="saleId" value={saleId} />
      <Table
        caption="Pick lines"
        head={
          <>
            <Th>#</Th>
            <Th>SKU</Th>
            <Th>Name</Th>
            <Th align="right">Quantity</Th>
            <Th>Location / bin</Th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.lineNo}>
            <Td>{r.lineNo}</Td>
            <Td className="font-medium">{r.sku}</Td>
            <Td>{r.name}</Td>
            <Td align="right">{r.quantity}</Td>
            <Td>
              <CellSelect name={`place.${r.lineNo}`} label={`Location, pick line ${r.lineNo}`} defaultValue={r.place} options={places} className="w-64" />
            </Td>
          </tr>
        ))}
      </Table>
      <SubmitButton>Authorise</SubmitButton>
    </ActionForm>
  );
}

type PackRow = { lineNo: number; sku: string; quantity: number; location: string; external: boolean; box: number };

/** Pack: a box per picked line. FBA lines are boxed apart: their box is fixed; own-stock lines may be moved between own boxes. */
export function PackForm({ saleId, rows }: { saleId: string; rows: PackRow[] }) {
  return (
    <ActionForm action={packAction} className="space-y-3">
      <Hidden name="saleId" value={saleId} />
      <Table
        caption="Pack lines"
        head={
          <>
            <Th>#</Th>
            <Th>SKU</Th>
            <Th>From</Th>
            <Th align="right">Quantity</Th>
            <Th>Box</Th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.lineNo}>
            <Td>{r.lineNo}</Td>
            <Td className="font-medium">{r.sku}</Td>
            <Td>
              {r.location}
              {r.external && <span className="ml-1 text-xs text-slate-500">(FBA)</span>}
            </Td>
            <Td align="right">{r.quantity}</Td>
            <Td>
              {r.external ? (
                <span>
                  Box {r.box} <span className="text-xs text-slate-500">— FBA items are boxed apart</span>
                </span>
              ) : (
                <CellInput name={`box.${r.lineNo}`} label={`Box, pick line ${r.lineNo}`} defaultValue={r.box} inputMode="numeric" className="w-20" />
              )}
            </Td>
          </tr>
        ))}
      </Table>
      <SubmitButton>Authorise</SubmitButton>
    </ActionForm>
  );
}

type ShipRow = { lineNo: number; sku: string; location: string; external: boolean; picked: number; box: number | null; draft: number | null };

/**
 * Ship: lines by hand or "Copy from Pack", the shipping option (Amazon's Standard / Expedited /
 * Priority), carrier and tracking number for own-stock lines, and Skip fulfilment.
 */
export function ShipForm({ saleId, rows, shippingOption, carrier, trackingNumber, skipFulfilment, skipReason }: {
  saleId: string;
  rows: ShipRow[];
  shippingOption: string;
  carrier: string | null;
  trackingNumber: string | null;
  skipFulfilment: boolean;
  skipReason: string | null;
}) {
  const [qty, setQty] = useState<Record<number, string>>(() => Object.fromEntries(rows.map((r) => [r.lineNo, r.draft === null ? '' : String(r.draft)])));
  const hasOwn = rows.some((r) => !r.external);
  return (
    <ActionForm action={shipAction} className="space-y-4">
      <ScriptFields className="space-y-4">
        <Hidden name="saleId" value={saleId} />
        <div className="flex flex-wrap items-end gap-4">
          <Field name="shippingOption" label="Shipping option" options={SHIPPING_OPTIONS} defaultValue={shippingOption} className="w-44" />
          {hasOwn && (
            <>
              <Field name="carrier" label="Carrier" defaultValue={carrier} className="w-48" hint="For lines shipped from your own stock." />
              <Field name="trackingNumber" label="Tracking number" defaultValue={trackingNumber} className="w-56" />
            </>
          )}
        </div>
        <div>
          <div className="flex items-center gap-2">
            <input id="skip-fulfilment" type="checkbox" name="skipFulfilment" value="on" defaultChecked={skipFulfilment} className="h-4 w-4 rounded border-slate-300" aria-describedby="skip-fulfilment-hint" />
            <label htmlFor="skip-fulfilment">Skip fulfilment</label>
          </div>
          <p id="skip-fulfilment-hint" className="mt-1 text-xs text-slate-600">
            {skipReason ?? 'When ticked, no fulfilment order is sent to Amazon for the FBA lines (they were shipped another way).'}
          </p>
        </div>
        <div className="flex items-center justify-between">
          <p className="font-medium text-slate-800">Lines to ship</p>
          <ScriptButton className={buttonClass('secondary')} onClick={() => setQty(Object.fromEntries(rows.map((r) => [r.lineNo, String(r.picked)])))}>
            Copy from Pack
          </ScriptButton>
        </div>
        <Table
          caption="Ship lines"
          head={
            <>
              <Th>#</Th>
              <Th>SKU</Th>
              <Th>From</Th>
              <Th>Box</Th>
              <Th align="right">Picked</Th>
              <Th align="right">Ship</Th>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.lineNo}>
              <Td>{r.lineNo}</Td>
              <Td className="font-medium">{r.sku}</Td>
              <Td>
                {r.location}
                {r.external && <span className="ml-1 text-xs text-slate-500">(FBA)</span>}
              </Td>
              <Td>{r.box ?? '—'}</Td>
              <Td align="right">{r.picked}</Td>
              <Td align="right">
                <label htmlFor={`ship-q-${r.lineNo}`} className="sr-only">
                  Ship quantity, line {r.lineNo}
                </label>
                <input
                  id={`ship-q-${r.lineNo}`}
                  name={`quantity.${r.lineNo}`}
                  inputMode="numeric"
                  value={qty[r.lineNo] ?? ''}
                  onChange={(e) => setQty((q) => ({ ...q, [r.lineNo]: e.target.value }))}
                  className="ml-auto block w-20 rounded border border-slate-300 bg-white px-2 py-1 text-right"
                />
              </Td>
            </tr>
          ))}
        </Table>
        <SubmitButton>Authorise</SubmitButton>
      </ScriptFields>
    </ActionForm>
  );
}

export function InvoiceForm({ saleId, defaultDue }: { saleId: string; defaultDue: string }) {
  return (
    <ActionForm action={invoiceAction} className="flex flex-wrap items-end gap-3">
      <Hidden name="saleId" value={saleId} />
      <Field name="dueDate" label="Due date" type="date" defaultValue={defaultDue} className="w-48" required />
      <SubmitButton>Authorise</SubmitButton>
    </ActionForm>
  );
}

export function PaymentForm({ saleId, today, balance }: { saleId: string; today: string; balance: string }) {
  return (
    <ActionForm action={paymentAction} className="flex flex-wrap items-end gap-3">
      <Hidden name="saleId" value={saleId} />
      <Field name="amount" label="Amount" inputMode="decimal" defaultValue={balance} className="w-36" required hint="A refund: a negative amount." />
      <Field name="paidOn" label="Date" type="date" defaultValue={today} className="w-44" required />
      <Field name="method" label="Method" placeholder="Card, bank transfer…" className="w-44" />
      <Field name="reference" label="Reference" className="w-44" />
      <div className="pb-5">
        <SubmitButton>Record payment</SubmitButton>
      </div>
    </ActionForm>
  );
}
