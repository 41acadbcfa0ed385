'use client';

import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import { saveGeneralSettingsAction } from './actions';

export function GeneralSettingsForm({ companyName, baseCurrency }: { companyName: string; baseCurrency: string }) {
  return (
    <ActionForm action={saveGeneralSettingsAction} className="space-y-3" successMessage="Settings saved.">
      <Field name="companyName" label="Company name" required defaultValue={companyName} />
      <Field name="baseCurrency" label="Base currency" required defaultValue={baseCurrency} hint="ISO 4217 code, e.g. USD, EUR, AUD." className="w-40" />
      <SubmitButton>Save</SubmitButton>
    </ActionForm>
  );
}
