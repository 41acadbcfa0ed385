'use client';

import { useId, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import type { InboundView } from '@/lib/inbound/inbound-view';
import { saveBoxesAction } from './actions';
import { ScriptButton, ScriptFields } from '@/components/ui/script-controls';

type Box = { key: number; length: string; width: string; height: string; weight: string; qty: Record<number, string> };

/** A controlled cell: the totals follow it as the user types, and Add box copies the last box's sizes. */
function Cell({ name, label, value, onChange, decimal = false }: { name: string; label: string; value: string; onChange: (v: string) => void; decimal?: boolean }) {
  const id = useId();
  const { error } = useFieldState(name);
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        inputMode={decimal ? 'decimal' : 'numeric'}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        className={`block w-20 rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50 ${decimal ? '' : 'text-right'}`}
      />
      {error && <p className="mt-1 text-xs font-medium text-red-700">{error}</p>}
    </div>
  );
}

/**
 * Box contents: one row per box (dimensions, weight) and a column per product with the units in
 * that box. The totals row shows, as the user types, how many units of each product are boxed
 * against how many the shipment has: every unit goes in exactly one box (the server checks it too).
 */
export function BoxesForm({ view, onSaved }: { view: InboundView; onSaved: () => void }) {
  const first = view.boxes[0];
  const [boxes, setBoxes] = useState<Box[]>(() =>
    view.boxes.length
      ? view.boxes.map((b, i) => ({ key: i, length: b.length, width: b.width, height: b.height, weight: b.weight, qty: Object.fromEntries(b.items.map((it) => [it.lineNo, String(it.quantity)])) }))
      : [{ key: 0, length: '', width: '', height: '', weight: '', qty: Object.fromEntries(view.lines.map((l) => [l.lineNo, String(l.quantity)])) }],
  );
  const setBox = (key: number, change: Partial<Box>) => setBoxes((list) => list.map((b) => (b.key === key ? { ...b, ...change } : b)));
  const boxed = (lineNo: number) => boxes.reduce((n, b) => n + (Number.parseInt(b.qty[lineNo] ?? '', 10) || 0), 0);
  const add = () =>
    setBoxes((list) => {
      const last = list.at(-1);
      return [...list, { key: (list.length ? Math.max(...list.map((b) => b.key)) : -1) + 1, length: last?.length ?? '', width: last?.width ?? '', height: last?.height ?? '', weight: last?.weight ?? '', qty: {} }];
    });
  const allBoxed = view.lines.every((l) => boxed(l.lineNo) === l.quantity);
  return (
    <ActionForm action={saveBoxesAction} onSuccess={onSaved} className="space-y-3">
      <ScriptFields className="space-y-3">
        <input type="hidden" name="id" value={view.id} />
        <div className="flex flex-wrap gap-4">
          <Field name="dimensionUnit" label="Dimensions in" options={[{ value: 'IN', label: 'Inches (in)' }, { value: 'CM', label: 'Centimetres (cm)' }]} defaultValue={first?.dimensionUnit ?? 'IN'} className="w-48" />
          <Field name="weightUnit" label="Weight in" options={[{ value: 'LB', label: 'Pounds (lb)' }, { value: 'KG', label: 'Kilograms (kg)' }]} defaultValue={first?.weightUnit ?? 'LB'} className="w-48" />
        </div>
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">
                  Box
                </th>
                <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">
                  Length
                </th>
                <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">
                  Width
                </th>
                <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">
                  Height
                </th>
                <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">
                  Weight
                </th>
                {view.lines.map((l) => (
                  <th key={l.lineNo} scope="col" className="px-2 py-2 text-right font-semibold text-slate-700">
                    {l.sku}
                    {l.sellerSku !== l.sku && <span className="block text-xs font-normal text-slate-500">Amazon: {l.sellerSku}</span>}
                  </th>
                ))}
                <th scope="col" className="px-2 py-2">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {boxes.map((b, i) => (
                <tr key={b.key} className="align-top">
                  <th scope="row" className="px-2 py-2 text-left font-medium text-slate-700">
                    {i + 1}
                  </th>
                  {(['length', 'width', 'height', 'weight'] as const).map((k) => (
                    <td key={k} className="px-2 py-2">
                      <Cell name={`${k}.${b.key}`} label={`${k[0].toUpperCase()}${k.slice(1)}, box ${i + 1}`} value={b[k]} onChange={(v) => setBox(b.key, { [k]: v })} decimal />
                    </td>
                  ))}
                  {view.lines.map((l) => (
                    <td key={l.lineNo} className="px-2 py-2">
                      <div className="flex justify-end">
                        <Cell name={`qty.${b.key}.${l.lineNo}`} label={`${l.sku} units in box ${i + 1}`} value={b.qty[l.lineNo] ?? ''} onChange={(v) => setBox(b.key, { qty: { ...b.qty, [l.lineNo]: v } })} />
                      </div>
                    </td>
                  ))}
                  <td className="px-2 py-2">
                    <ScriptButton
                      onClick={() => setBoxes((list) => list.filter((x) => x.key !== b.key))}
                      disabled={boxes.length === 1}
                      aria-label={`Remove box ${i + 1}`}
                      className="rounded px-2 py-1 text-red-700 hover:bg-red-50 disabled:opacity-40"
                    >
                      ×
                    </ScriptButton>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="bg-slate-50">
              <tr>
                <th scope="row" colSpan={5} className="px-2 py-2 text-left font-semibold text-slate-700">
                  In boxes / to send
                </th>
                {view.lines.map((l) => {
                  const n = boxed(l.lineNo);
                  return (
                    <td key={l.lineNo} data-testid={`boxed-${l.sku}`} className={`px-2 py-2 text-right font-semibold ${n === l.quantity ? 'text-emerald-700' : 'text-red-700'}`}>
                      {n} / {l.quantity}
                    </td>
                  );
                })}
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
        <p aria-live="polite" className={`text-sm ${allBoxed ? 'text-emerald-700' : 'text-slate-700'}`}>
          {allBoxed ? 'Every unit is in a box.' : 'Put every unit in exactly one box: the totals turn green when they match.'}
        </p>
        <div className="flex flex-wrap gap-2">
          <ScriptButton onClick={add} className={buttonClass('secondary')}>
            + Add box
          </ScriptButton>
          <SubmitButton>Send box contents</SubmitButton>
        </div>
      </ScriptFields>
    </ActionForm>
  );
}
