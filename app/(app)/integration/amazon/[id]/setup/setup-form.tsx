'use client';

import { ActionForm, Checkbox, Field, SubmitButton } from '@/components/ui/form';
import { saveStoreSetupAction } from '../actions';

type Choice = { id: string; name: string };
type Props = {
  storeId: string;
  afn: Choice[];
  mfn: Choice[];
  values: { afnLocationId: string | null; mfnLocationId: string | null; ordersFrom: string; ordersEnabled: boolean };
  customer: string | null;
};

const none = { value: '', label: '— not imported —' };

export function StoreSetupForm({ storeId, afn, mfn, values, customer }: Props) {
  return (
    <ActionForm action={saveStoreSetupAction} className="space-y-5" successMessage={() => 'Setup saved.'}>
      <input type="hidden" name="storeId" value={storeId} />
      <fieldset className="grid max-w-3xl gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold text-slate-800">Locations</legend>
        <Field
          name="afnLocationId"
          label="Amazon-fulfilled orders (AFN) are sold from"
          options={[none, ...afn.map((l) => ({ value: l.id, label: l.name }))]}
          defaultValue={values.afnLocationId ?? ''}
          hint="The FBA location of this seller: its stock on hand drops by what Amazon sold."
        />
        <Field
          name="mfnLocationId"
          label="Merchant-fulfilled orders (MFN) are picked from"
          options={[none, ...mfn.map((l) => ({ value: l.id, label: l.name }))]}
          defaultValue={values.mfnLocationId ?? ''}
          hint="Any location; an FBA location sends each order to Amazon as a fulfilment order, per that connection's Setup."
        />
      </fieldset>
      <fieldset className="grid max-w-3xl gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold text-slate-800">Download</legend>
        <Field name="ordersFrom" label="Download orders updated since (UTC)" type="date" defaultValue={values.ordersFrom} hint="Changing it makes the next download start again from this day." />
        <div className="self-end">
          <Checkbox name="ordersEnabled" label="Download orders every 15 minutes" defaultChecked={values.ordersEnabled} />
        </div>
        <p className="text-sm text-slate-600 sm:col-span-2">
          Sales are made out to the customer <strong>{customer ?? `Amazon – (this store)`}</strong>{customer ? '' : ', created when you save'}.
        </p>
      </fieldset>
      <SubmitButton>Save setup</SubmitButton>
    </ActionForm>
  );
}
