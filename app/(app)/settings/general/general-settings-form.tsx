'use client';

import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import { saveGeneralSettingsAction, saveSalesProcessAction } from './actions';

export function GeneralSettingsForm({ companyName, baseCurrency }: { companyName: string; baseCurrency: string }) {
  return (
    <ActionForm action={saveGeneralSettingsAction} className="space-y-3" successMessage="Settings saved.">
      <Field name="companyName" label="Company name" required defaultValue={companyName} />
      <Field name="baseCurrency" label="Base currency" required defaultValue={baseCurrency} hint="ISO 4217 code, e.g. USD, EUR, AUD." className="w-40" />
      <SubmitButton>Save</SubmitButton>
    </ActionForm>
  );
}

const MODES = ['Manual', 'Automatic'] as const;

/**
 * Sales Process Customisation (the seed's words): Automatic Pick works when every line's location
 * is the external (FBA) location; Automatic Pack follows Pick; AutoShip creates the ship lines for
 * external items but never authorises them.
 */
export function SalesProcessForm({ autoPick, autoPack, autoShip }: { autoPick: boolean; autoPack: boolean; autoShip: boolean }) {
  const mode = (on: boolean) => (on ? 'Automatic' : 'Manual');
  return (
    <ActionForm action={saveSalesProcessAction} className="space-y-3" successMessage="Sales Process Customisation saved.">
      <div className="flex flex-wrap gap-4">
        <Field name="autoPick" label="Pick" options={MODES} defaultValue={mode(autoPick)} className="w-40" hint="Automatic when every line is at the external location." />
        <Field name="autoPack" label="Pack" options={MODES} defaultValue={mode(autoPack)} className="w-40" hint="Automatic after Pick; FBA items boxed apart." />
        <Field name="autoShip" label="Ship" options={MODES} defaultValue={mode(autoShip)} className="w-40" hint="Creates ship lines for external items; never authorises." />
      </div>
      <SubmitButton>Save</SubmitButton>
    </ActionForm>
  );
}
