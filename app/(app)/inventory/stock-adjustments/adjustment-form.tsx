'use client';

import { CellInput, CellSelect, type PlaceChoice } from '@/components/stock/line-cells';
import { LineEditor } from '@/components/stock/line-editor';
import { SkuSuggestions } from '@/components/stock/sku-suggestions';
import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import { createAdjustmentAction } from './actions';

export function AdjustmentForm({ places }: { places: PlaceChoice[] }) {
  return (
    <ActionForm action={createAdjustmentAction} className="space-y-4">
      <Field name="reason" label="Reason" required className="max-w-lg" placeholder="e.g. Opening stock, damaged in storage" />
      <div>
        <p className="mb-1 font-medium text-slate-700">Lines</p>
        <p className="mb-2 text-xs text-slate-500">A positive quantity adds stock (enter its unit cost); a negative quantity removes stock at the average cost.</p>
        <LineEditor
          columns={[{ label: 'SKU' }, { label: 'Location / bin' }, { label: 'Quantity (+ add / − remove)', align: 'right' }, { label: 'Unit cost (for additions)', align: 'right' }]}
          renderRow={(key, n) => (
            <>
              <td className="px-2 py-2">
                <CellInput name={`sku.${key}`} label={`SKU, line ${n}`} list="adjustment-skus" className="w-44" />
              </td>
              <td className="px-2 py-2">
                <CellSelect name={`place.${key}`} label={`Location or bin, line ${n}`} options={places} className="w-56" />
              </td>
              <td className="px-2 py-2">
                <CellInput name={`quantity.${key}`} label={`Quantity, line ${n}`} inputMode="numeric" placeholder="+10 or -2" className="w-28" />
              </td>
              <td className="px-2 py-2">
                <CellInput name={`unitCost.${key}`} label={`Unit cost, line ${n}`} inputMode="decimal" placeholder="0.00" className="w-32" />
              </td>
            </>
          )}
        />
      </div>
      <SkuSuggestions id="adjustment-skus" />
      <SubmitButton>Post adjustment</SubmitButton>
    </ActionForm>
  );
}
