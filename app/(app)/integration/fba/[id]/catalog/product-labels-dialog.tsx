'use client';

import { useId } from 'react';
import { RouteDialog, useChosenSet } from '@/components/ui/route-dialog';
import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import type { PrintableListing } from '@/lib/labels/product-labels';
import { printProductLabelsAction } from './actions';

export type FormatOption = { value: string; label: string };

function CountInput({ listing, checked }: { listing: PrintableListing; checked: boolean }) {
  const id = useId();
  const name = `quantity.${listing.productId}`;
  const { error } = useFieldState(name);
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        Labels for {listing.sellerSku}
      </label>
      <input id={id} name={name} type="text" inputMode="numeric" defaultValue="1" disabled={!checked} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="w-20 rounded border border-slate-300 bg-white px-2 py-1 text-right disabled:bg-slate-100 disabled:text-slate-400 aria-[invalid=true]:border-red-500" />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function ChoiceError() {
  const { error } = useFieldState('productId');
  return error ? <p className="mb-2 text-sm font-medium text-red-700">{error}</p> : null;
}

/**
 * Print product labels: the Catalog's mapped listings with a count each (default 1) and the sheet
 * format. Printing queues one document for the worker; the dialog closes and the Catalog shows its
 * progress and Download link.
 */
export function ProductLabelsDialog({ connectionId, listings, formats, closeHref }: { connectionId: string; listings: PrintableListing[]; formats: FormatOption[]; closeHref: string }) {
  const { chosen, toggle, setAll, allOn } = useChosenSet(listings.map((l) => l.productId), false);
  return (
    <RouteDialog title="Print product labels" description="Each label carries the FNSKU as a barcode and in text, a shortened title and the condition; products set to use their manufacturer barcode print that instead." closeHref={closeHref} width="max-w-3xl">
      {(close) => (
        <>
      {listings.length === 0 ? (
        <p className="px-5 py-6 text-slate-600">No listing is mapped to a product yet. Open a listing&apos;s Product Info to map it, or press Force Sync to download your FBA inventory.</p>
      ) : (
        <ActionForm action={printProductLabelsAction} className="px-5 py-4" onSuccess={() => close()}>
          <input type="hidden" name="connectionId" value={connectionId} />
          <ChoiceError />
          <div className="max-h-[50vh] overflow-y-auto rounded border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Mapped listings to print labels for</caption>
              <thead className="sticky top-0 bg-slate-100">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left">
                    <input id="labels-all" type="checkbox" checked={allOn} onChange={(e) => setAll(e.target.checked)} className="h-4 w-4" />
                    <label htmlFor="labels-all" className="sr-only">
                      Choose every listing
                    </label>
                  </th>
                  <th scope="col" className="px-3 py-2 text-left">Seller SKU</th>
                  <th scope="col" className="px-3 py-2 text-left">Barcode</th>
                  <th scope="col" className="px-3 py-2 text-left">Product</th>
                  <th scope="col" className="px-3 py-2 text-right">Labels</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {listings.map((l) => {
                  const on = chosen.has(l.productId);
                  const box = `label-${l.productId}-${l.sellerSku}`;
                  return (
                    <tr key={`${l.productId}-${l.sellerSku}`}>
                      <td className="px-3 py-2">
                        <input id={box} type="checkbox" name="productId" value={l.productId} checked={on} onChange={(e) => toggle(l.productId, e.target.checked)} className="h-4 w-4" />
                      </td>
                      <td className="px-3 py-2">
                        <label htmlFor={box} className="font-medium">
                          {l.sellerSku}
                        </label>
                      </td>
                      <td className="px-3 py-2 font-mono text-xs">{l.fbaBarcode === 'Manufacturer' && l.barcode ? `${l.barcode} (manufacturer)` : (l.fnsku ?? <span className="font-sans text-red-700">No FNSKU</span>)}</td>
                      <td className="px-3 py-2">{l.name}</td>
                      <td className="px-3 py-2 text-right">
                        <CountInput listing={l} checked={on} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="mt-4 flex flex-wrap items-end justify-between gap-3">
            <Field name="format" label="Label format" options={formats} defaultValue={formats[0]?.value} className="w-full sm:w-80" />
            <SubmitButton>Print labels</SubmitButton>
          </div>
        </ActionForm>
      )}
        </>
      )}
    </RouteDialog>
  );
}
