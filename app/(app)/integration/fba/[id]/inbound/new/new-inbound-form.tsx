'use client';

import { useId } from 'react';
import { CellInput } from '@/components/stock/line-cells';
import { LineEditor } from '@/components/stock/line-editor';
import { SkuSuggestions } from '@/components/stock/sku-suggestions';
import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { startInboundAction } from './actions';

const OWNERS = [
  { value: 'SELLER', label: 'Seller (you)' },
  { value: 'AMAZON', label: 'Amazon (fee)' },
  { value: 'NONE', label: 'None needed' },
];

function OwnerCell({ name, label, defaultValue }: { name: string; label: string; defaultValue: string }) {
  const { error, typed } = useFieldState(name);
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} key={typed ?? defaultValue} name={name} defaultValue={typed ?? defaultValue} aria-invalid={error ? true : undefined} className="block w-full rounded border border-slate-300 bg-white px-2 py-1">
        {OWNERS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <p className="mt-1 text-xs font-medium text-red-700">{error}</p>}
    </div>
  );
}

/** Step 1 of the wizard: where the goods leave from and which products (mapped to FBA listings), how many, who labels and preps them. */
export function NewInboundForm({ connectionId, places }: { connectionId: string; places: { value: string; label: string }[] }) {
  return (
    <ActionForm action={startInboundAction} className="space-y-4">
      <input type="hidden" name="connectionId" value={connectionId} />
      <Field name="from" label="From location" required options={[{ value: '', label: 'Choose…' }, ...places]} className="w-full sm:w-72" hint="One of your own locations; the goods leave it when the shipment ships." />
      <div>
        <p className="mb-1 font-medium text-slate-700">Products</p>
        <p className="mb-2 text-sm text-slate-600">Only products mapped to an FBA listing of this connection (Catalog tab) can be sent. Every unit needs a label: choose who puts it on.</p>
        <LineEditor
          columns={[{ label: 'SKU' }, { label: 'Quantity', align: 'right' }, { label: 'Label owner' }, { label: 'Prep owner' }]}
          renderRow={(key, n) => (
            <>
              <td className="px-2 py-2">
                <CellInput name={`sku.${key}`} label={`SKU, line ${n}`} list="inbound-skus" className="w-52" />
              </td>
              <td className="px-2 py-2">
                <CellInput name={`quantity.${key}`} label={`Quantity, line ${n}`} inputMode="numeric" className="ml-auto w-28" />
              </td>
              <td className="px-2 py-2">
                <OwnerCell name={`labelOwner.${key}`} label={`Label owner, line ${n}`} defaultValue="SELLER" />
              </td>
              <td className="px-2 py-2">
                <OwnerCell name={`prepOwner.${key}`} label={`Prep owner, line ${n}`} defaultValue="NONE" />
              </td>
            </>
          )}
          addLabel="Add product"
        />
      </div>
      <SkuSuggestions id="inbound-skus" />
      <SubmitButton>Create inbound plan</SubmitButton>
    </ActionForm>
  );
}
