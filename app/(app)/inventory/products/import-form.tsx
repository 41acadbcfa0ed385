'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/form';
import type { ActionState } from '@/lib/action';
import type { ImportResult } from '@/lib/catalog/product-import';
import { importProductsAction } from './actions';

/**
 * Not the shared ActionForm: an import can fail on many rows at once and the user needs to see
 * every one of them, not only the first error of the field.
 */
export function ImportProductsForm() {
  const [state, formAction] = useActionState(importProductsAction, { status: 'idle' } as ActionState<ImportResult>);
  const rowErrors = state.status === 'error' ? (state.fieldErrors?.file ?? []) : [];
  return (
    <form action={formAction} noValidate className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="product-import-file" className="mb-1 block font-medium text-slate-700">
            CSV file
          </label>
          <input
            id="product-import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="product-import-hint"
            aria-invalid={rowErrors.length > 0 || undefined}
            className="block rounded border border-slate-300 bg-white px-2 py-1"
          />
        </div>
        <SubmitButton variant="secondary">Import</SubmitButton>
      </div>
      <p id="product-import-hint" className="text-xs text-slate-500">
        Same columns as the export; SKU is required, other columns may be left out (they stay unchanged). New SKUs are created, existing ones updated. Row numbers
        count the header as row 1. If any row has an error, nothing is imported.
      </p>
      {state.status === 'ok' && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Import finished: {state.data.created} created, {state.data.updated} updated.
        </p>
      )}
      {state.status === 'error' && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          <p className="font-medium">{state.message}</p>
          {rowErrors.length > 0 && (
            <ul className="mt-2 max-h-72 list-disc overflow-y-auto pl-5 text-sm">
              {rowErrors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
