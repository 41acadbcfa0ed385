'use client';

import { CellInput } from '@/components/stock/line-cells';
import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { addStocktakeLineAction, saveCountsAction, startStocktakeAction, voidStocktakeAction } from './actions';

export function StartStocktakeForm({ locations }: { locations: { id: string; name: string; busy: boolean }[] }) {
  return (
    <ActionForm action={startStocktakeAction} className="flex flex-wrap items-end gap-2">
      <Field
        name="locationId"
        label="Select a location"
        required
        className="w-72"
        options={[{ value: '', label: 'Choose…' }, ...locations.map((l) => ({ value: l.id, label: l.busy ? `${l.name} (stocktake in progress)` : l.name }))]}
      />
      <SubmitButton>Start</SubmitButton>
    </ActionForm>
  );
}

export function AddLineForm({ id, bins }: { id: string; bins: { id: string; name: string }[] }) {
  return (
    <ActionForm action={addStocktakeLineAction} className="flex flex-wrap items-end gap-2" successMessage={(d) => `${d.sku} added: enter its count below.`}>
      <input type="hidden" name="id" value={id} />
      <Field name="sku" label="Add a product by SKU" className="w-56" autoComplete="off" />
      {bins.length > 0 && <Field name="binId" label="Bin" className="w-40" options={bins.map((b) => ({ value: b.id, label: b.name }))} />}
      <SubmitButton variant="secondary">Add line</SubmitButton>
    </ActionForm>
  );
}

export type CountLine = {
  id: string;
  sku: string;
  name: string;
  bin: string | null;
  expected: number;
  onHand: number;
  counted: number | null;
  unitCost: string | null;
  needsCost: boolean;
};

/**
 * The counted quantities of the lines on this page, saved together; Complete saves them and
 * completes in one go. Lines whose added units need a unit cost are highlighted.
 */
export function CountsForm({ id, lines, hasBins }: { id: string; lines: CountLine[]; hasBins: boolean }) {
  return (
    <ActionForm action={saveCountsAction} successMessage={(d) => `Counts saved (${d.saved} line${d.saved === 1 ? '' : 's'}).`}>
      <input type="hidden" name="id" value={id} />
      <div className="relative overflow-x-auto rounded border border-slate-200 bg-white shadow-sm">
        <table className="form-table min-w-full divide-y divide-slate-200">
          <caption className="sr-only">Stocktake lines</caption>
          <thead className="bg-slate-100">
            <tr>
              {['SKU', 'Name', ...(hasBins ? ['Bin'] : []), 'Expected', 'On hand now', 'Counted', 'Unit cost', 'Difference'].map((h) => (
                <th key={h} scope="col" className={`px-3 py-2 font-semibold text-slate-700 ${['SKU', 'Name', 'Bin'].includes(h) ? 'text-left' : 'text-right'}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lines.map((l) => {
              const diff = l.counted === null ? null : l.counted - l.onHand;
              const what = `${l.sku}${l.bin ? ` in bin ${l.bin}` : ''}`;
              return (
                <tr key={l.id} className={l.needsCost ? 'bg-amber-50' : undefined} data-testid={`line-${l.sku}`}>
                  <td className={`border-l-4 font-medium ${l.needsCost ? 'border-amber-400' : 'border-transparent'}`}>{l.sku}</td>
                  <td>{l.name}</td>
                  {hasBins && <td>{l.bin ?? '—'}</td>}
                  <td className="num">{l.expected}</td>
                  <td className="num">{l.onHand}</td>
                  <td>
                    <CellInput name={`counted.${l.id}`} label={`Counted, ${what}`} defaultValue={l.counted} inputMode="numeric" className="ml-auto w-24" />
                  </td>
                  <td>
                    <CellInput name={`unitCost.${l.id}`} label={`Unit cost, ${what}`} defaultValue={l.unitCost} inputMode="decimal" className="ml-auto w-28" />
                    {l.needsCost && <NeedsCostNote name={`unitCost.${l.id}`} />}
                  </td>
                  <td className="num">{diff === null ? 'not counted' : diff > 0 ? `+${diff}` : diff}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Leave Counted blank for lines you did not count: Complete leaves their stock unchanged. Added units are valued at the unit cost you enter, else the average cost, else the product&apos;s standard cost.
      </p>
      <div className="mt-3 flex gap-2">
        <SubmitButton name="intent" value="save" variant="secondary">
          Save counts
        </SubmitButton>
        <SubmitButton name="intent" value="complete">
          Complete
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

/** The highlight's words, until Complete's own error for the cell takes their place. */
function NeedsCostNote({ name }: { name: string }) {
  const { error } = useFieldState(name);
  return error ? null : <p className="mt-1 text-right text-xs font-medium text-amber-800">Needs a unit cost</p>;
}

export function VoidStocktakeForm({ id, number }: { id: string; number: string }) {
  return (
    <ActionForm action={voidStocktakeAction}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger">
        <span>
          Void<span className="sr-only"> stocktake {number}</span>
        </span>
      </SubmitButton>
    </ActionForm>
  );
}
