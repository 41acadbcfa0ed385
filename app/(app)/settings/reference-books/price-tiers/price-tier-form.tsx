'use client';

import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import type { PriceTier } from '@/lib/catalog/price-tiers';
import { savePriceTiersAction } from './actions';

export function PriceTierForm({ tiers }: { tiers: PriceTier[] }) {
  return (
    <ActionForm action={savePriceTiersAction} successMessage="Price tier names saved." className="max-w-xl">
      <div className="grid gap-3 sm:grid-cols-2">
        {tiers.map((t) => (
          <Field key={t.tier} name={`tier${t.tier}`} label={`Tier ${t.tier}`} defaultValue={t.name} required />
        ))}
      </div>
      <div className="mt-4">
        <SubmitButton>Save names</SubmitButton>
      </div>
    </ActionForm>
  );
}
