'use client';

import { useState, useSyncExternalStore } from 'react';
import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { printStockLabelsAction } from './actions';

export type FormatOption = { value: string; label: string };

/** The form the list's tick boxes and counts belong to (their `form` attribute). */
export const PRODUCT_LABELS_FORM = 'product-labels-form';

// The list's tick boxes and counts sit outside the form (their `form` attribute), and React resets
// the form after each answer, to the inputs' default values. So each input's default follows what
// the user chose (this store): a refusal keeps the ticks and counts, and printing clears the store.
type Choice = { ticked: ReadonlySet<string>; counts: Readonly<Record<string, string>> };
let choice: Choice = { ticked: new Set(), counts: {} };
const listeners = new Set<() => void>();
const setChoice = (next: Choice) => {
  choice = next;
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};
const EMPTY: Choice = { ticked: new Set(), counts: {} };
const useChoice = () => useSyncExternalStore(subscribe, () => choice, () => EMPTY);

/** A product's tick box in the list, for Print labels. */
export function LabelTick({ id, sku }: { id: string; sku: string }) {
  const { ticked } = useChoice();
  return (
    <input
      type="checkbox"
      name="productId"
      value={id}
      form={PRODUCT_LABELS_FORM}
      defaultChecked={ticked.has(id)}
      onChange={(e) => {
        const next = new Set(choice.ticked);
        if (e.target.checked) next.add(id);
        else next.delete(id);
        setChoice({ ...choice, ticked: next });
      }}
      aria-label={`Print labels of ${sku}`}
      className="h-5 w-5"
    />
  );
}

/** A product's own label count in the list (blank: the count per product). */
export function LabelCount({ id, sku }: { id: string; sku: string }) {
  const { counts } = useChoice();
  return (
    <input
      name={`quantity.${id}`}
      form={PRODUCT_LABELS_FORM}
      inputMode="numeric"
      placeholder="—"
      defaultValue={counts[id] ?? ''}
      onChange={(e) => setChoice({ ...choice, counts: { ...choice.counts, [id]: e.target.value } })}
      aria-label={`Labels of ${sku}`}
      className="w-16 rounded border border-slate-300 px-2 py-1 text-right"
    />
  );
}

function CountError({ id, sku }: { id: string; sku: string }) {
  const { error } = useFieldState(`quantity.${id}`);
  return error ? (
    <li>
      {sku}: {error}
    </li>
  ) : null;
}

function ChoiceError() {
  const { error } = useFieldState('productId');
  return error ? <p className="mb-2 text-sm font-medium text-red-700">{error}</p> : null;
}

/**
 * Print labels from Inventory → Products: the products ticked in the list (each with its own count
 * or the count per product) or every product matching the search, and the sheet format. Each label
 * is the product's manufacturer barcode (else its SKU as Code 128) with the SKU and name. Printing
 * queues one document; the list below follows its progress.
 */
export function ProductLabelsPanel({ q, rows, formats, maxProducts }: { q?: string; rows: { id: string; sku: string }[]; formats: FormatOption[]; maxProducts: number }) {
  const [scope, setScope] = useState<'chosen' | 'matching'>('chosen');
  const matching = q ? `All products matching “${q}”` : 'All products';
  return (
    <ActionForm id={PRODUCT_LABELS_FORM} action={printStockLabelsAction} className="space-y-3" onSuccess={() => setChoice({ ticked: new Set(), counts: {} })} successMessage={(d: { total: number }) => `${d.total.toLocaleString('en-US')} labels queued: the PDF appears under Product labels below when it is ready.`}>
      {q && <input type="hidden" name="q" value={q} />}
      <fieldset>
        <legend className="mb-1 font-medium text-slate-700">Which products</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="scope" value="chosen" checked={scope === 'chosen'} onChange={() => setScope('chosen')} className="h-5 w-5" />
            The products ticked in the list below
          </label>
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="scope" value="matching" checked={scope === 'matching'} onChange={() => setScope('matching')} className="h-5 w-5" />
            {matching} (at most {maxProducts.toLocaleString('en-US')})
          </label>
        </div>
      </fieldset>
      <ChoiceError />
      <ul className="text-sm font-medium text-red-700">
        {rows.map((r) => (
          <CountError key={r.id} id={r.id} sku={r.sku} />
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-3">
        <Field name="perProduct" label="Labels per product" defaultValue="1" inputMode="numeric" className="w-40" hint={scope === 'chosen' ? 'A count typed beside a product wins.' : undefined} />
        <Field name="format" label="Label format" options={formats} defaultValue={formats[0]?.value} className="w-72" />
        <SubmitButton>Print labels</SubmitButton>
      </div>
    </ActionForm>
  );
}
