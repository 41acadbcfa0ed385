'use client';

import { useState } from 'react';
import { ActionForm, Checkbox, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { ScriptFields } from '@/components/ui/script-controls';
import type { ConnectionSetup } from '@/lib/fba/setup';
import { LABEL_PAGE_TYPES, SETUP_LABELS as L } from '@/lib/fba/setup-inputs';
import { saveSetupAction } from './actions';

type Props = { id: string; setup: ConnectionSetup; tiers: { tier: number; name: string }[]; countries: { code: string; name: string }[]; readOnly: boolean };

const HOURS = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00 UTC` }));
const FO_HINT =
  'On Hold: the order is sent to the fulfilment centre and the inventory is reserved, but it is not shipped until a manual action is taken (for example, while waiting for the customer’s payment). Shipped: the product is shipped as soon as the fulfilment centre has it ready. New transfer orders for inbound shipments are also generated with this status.';

/** Shown only when auto-sync is on; the server checks the hour regardless of what is shown. */
function AutoSyncFields({ autoSync, hour }: { autoSync: string; hour: number }) {
  const { typed } = useFieldState('autoSync');
  const initial = typed ?? autoSync;
  const [interval, setChosen] = useState(initial);
  return (
    // Its two fields stay items of the Setup's grid (`contents`); the select waits for the script, which shows the hour.
    <ScriptFields className="contents">
      {/* The select's change bubbles here; Field keeps its label, hint and error wiring. */}
      <div onChange={(e) => e.target instanceof HTMLSelectElement && setChosen(e.target.value)}>
        <Field
          name="autoSync"
          label={L.autoSync}
          options={['Never', 'Daily', 'Weekly', 'Monthly']}
          // The initial value, not the state: a changing default would remount the select and drop keyboard focus.
          defaultValue={initial}
          hint="Synchronises stock levels from the FBA account into the FBA location. Weekly runs on Mondays, monthly on the 1st."
        />
      </div>
      {interval !== 'Never' && <Field name="autoSyncHour" label={L.autoSyncHour} options={HOURS} defaultValue={hour} hint="The hour of the day when stock is synced." />}
    </ScriptFields>
  );
}

export function SetupForm({ id, setup: s, tiers, countries, readOnly }: Props) {
  return (
    <ActionForm
      action={saveSetupAction}
      className="space-y-5"
      successMessage={(d) => (d.changed.length === 0 ? 'Nothing changed.' : `Setup saved: ${d.changed.length} change${d.changed.length === 1 ? '' : 's'}.`)}
    >
      <input type="hidden" name="id" value={id} />
      <fieldset disabled={readOnly} className="grid gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold text-slate-800">Setup Options</legend>
        <Field name="priceTier" label={L.priceTier} options={tiers.map((t) => ({ value: String(t.tier), label: t.name }))} defaultValue={s.priceTier} hint="The Price Tier used for FBA customers." />
        <Field name="orderProcessing" label={L.orderProcessing} options={['Manual', 'Automatic']} defaultValue={s.orderProcessing} hint="Automatic sends fulfilment orders to the fulfilment centre at once; Manual waits for you to click Process." />
        <Field name="foCreateStatus" label={L.foCreateStatus} options={['On Hold', 'Shipped']} defaultValue={s.foCreateStatus} hint={FO_HINT} className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <Checkbox name="createMissingProducts" label={L.createMissingProducts} defaultChecked={s.createMissingProducts} />
          <p className="mt-1 text-xs text-slate-500">FBA products not yet in the app are created as zero stock on hand products during the initial stocktake.</p>
        </div>
        <AutoSyncFields autoSync={s.autoSync} hour={s.autoSyncHour} />
        <Field name="labelPageType" label={L.labelPageType} options={LABEL_PAGE_TYPES} defaultValue={s.labelPageType} hint="The page type of box and shipping labels for inbound shipments." />
      </fieldset>
      <fieldset disabled={readOnly} className="grid gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3">
        <legend className="px-1 font-semibold text-slate-800">Set Company contact person for shipments</legend>
        <Field name="contactName" label="Name" defaultValue={s.contactName} autoComplete="name" />
        <Field name="contactEmail" label="Email" type="email" defaultValue={s.contactEmail} autoComplete="email" inputMode="email" />
        <Field name="contactPhone" label="Phone" type="tel" defaultValue={s.contactPhone} autoComplete="tel" />
      </fieldset>
      <fieldset disabled={readOnly} className="grid gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold text-slate-800">Ship-from address</legend>
        <p className="-mt-1 text-xs text-slate-500 sm:col-span-2">Where inbound shipments to Amazon leave from. Leave it all empty, or fill at least name, line 1, city, postal code and country.</p>
        <Field name="shipFromName" label="Name" defaultValue={s.shipFromName} autoComplete="organization" />
        <Field name="shipFromLine1" label="Address line 1" defaultValue={s.shipFromLine1} autoComplete="address-line1" />
        <Field name="shipFromLine2" label="Address line 2" defaultValue={s.shipFromLine2} autoComplete="address-line2" />
        <Field name="shipFromCity" label="City" defaultValue={s.shipFromCity} autoComplete="address-level2" />
        <Field name="shipFromState" label="State / region" defaultValue={s.shipFromState} autoComplete="address-level1" />
        <Field name="shipFromPostalCode" label="Postal code" defaultValue={s.shipFromPostalCode} autoComplete="postal-code" />
        <Field
          name="shipFromCountry"
          label="Country"
          defaultValue={s.shipFromCountry}
          options={[{ value: '', label: '— none —' }, ...countries.map((k) => ({ value: k.code, label: `${k.name} (${k.code})` }))]}
        />
      </fieldset>
      {!readOnly && <SubmitButton>Save setup</SubmitButton>}
    </ActionForm>
  );
}
