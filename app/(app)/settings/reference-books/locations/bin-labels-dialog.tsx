'use client';


import { RouteDialog, useChosenSet } from '@/components/ui/route-dialog';
import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { printBinLabelsAction } from './actions';

export type FormatOption = { value: string; label: string };

function ChoiceError() {
  const { error } = useFieldState('binId');
  return error ? <p className="mb-2 text-sm font-medium text-red-700">{error}</p> : null;
}

/**
 * Print bin labels of one location: its bins (all ticked at first), copies of each, the sheet
 * format. Printing queues one document for the worker; the dialog closes and the page shows its
 * progress and Download link.
 */
export function BinLabelsDialog({ location, bins, formats, closeHref }: { location: { id: string; name: string }; bins: { id: string; name: string }[]; formats: FormatOption[]; closeHref: string }) {
  const { chosen, toggle, setAll, allOn } = useChosenSet(bins.map((b) => b.id), true);
  return (
    <RouteDialog title={<>Print bin labels: {location.name}</>} description={<>Each label carries the bin&apos;s scan code as a Code 128 barcode, the bin&apos;s name and the location&apos;s. Scanning it on the floor screens chooses the bin.</>} closeHref={closeHref} width="max-w-xl">
      {(close) => (
        <>
      {bins.length === 0 ? (
        <p className="px-5 py-6 text-slate-600">{location.name} has no bins yet. Add bins first, then print their labels.</p>
      ) : (
        <ActionForm action={printBinLabelsAction} className="px-5 py-4" onSuccess={() => close()}>
          <input type="hidden" name="locationId" value={location.id} />
          <ChoiceError />
          <div className="max-h-[50vh] overflow-y-auto rounded border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Bins of {location.name} to print labels for</caption>
              <thead className="sticky top-0 bg-slate-100">
                <tr>
                  <th scope="col" className="w-10 px-3 py-2 text-left">
                    <input id="bin-labels-all" type="checkbox" checked={allOn} onChange={(e) => setAll(e.target.checked)} className="h-5 w-5" />
                    <label htmlFor="bin-labels-all" className="sr-only">
                      Choose every bin
                    </label>
                  </th>
                  <th scope="col" className="px-3 py-2 text-left">
                    Bin ({chosen.size} of {bins.length} chosen)
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {bins.map((b) => {
                  const box = `bin-label-${b.id}`;
                  return (
                    <tr key={b.id}>
                      <td className="px-3 py-2">
                        <input id={box} type="checkbox" name="binId" value={b.id} checked={chosen.has(b.id)} onChange={(e) => toggle(b.id, e.target.checked)} className="h-5 w-5" />
                      </td>
                      <td className="px-3 py-2">
                        <label htmlFor={box} className="font-medium">
                          {b.name}
                        </label>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="mt-4 flex flex-wrap items-end justify-between gap-3">
            <Field name="copies" label="Labels of each bin" defaultValue="1" inputMode="numeric" className="w-36" />
            <Field name="format" label="Label format" options={formats} defaultValue={formats[0]?.value} className="w-72" />
            <SubmitButton>Print labels</SubmitButton>
          </div>
        </ActionForm>
      )}
        </>
      )}
    </RouteDialog>
  );
}
