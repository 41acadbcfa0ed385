'use client';

import Link from '@/components/ui/link';
import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import type { PriceTier } from '@/lib/catalog/price-tiers';
import type { getCustomer } from '@/lib/catalog/customers';
import { saveCustomerAction } from './actions';

type Customer = Awaited<ReturnType<typeof getCustomer>>;
type Props = { customer: Customer | null; tiers: PriceTier[]; countries: { code: string; name: string }[] };

export function CustomerForm({ customer: c, tiers, countries }: Props) {
  return (
    <ActionForm action={saveCustomerAction} successMessage={(d) => `Customer ${d.name} saved.`} className="space-y-5">
      {c && <input type="hidden" name="id" value={c.id} />}
      <fieldset className="grid gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold text-slate-800">Customer</legend>
        <Field name="name" label="Name" required defaultValue={c?.name} autoComplete="organization" />
        <Field name="contactName" label="Contact name" defaultValue={c?.contactName} autoComplete="name" />
        <Field name="email" label="Email" type="email" defaultValue={c?.email} autoComplete="email" inputMode="email" />
        <Field name="phone" label="Phone" type="tel" defaultValue={c?.phone} autoComplete="tel" />
        <Field
          name="priceTier"
          label="Default price tier"
          required
          defaultValue={c?.priceTier ?? 1}
          options={tiers.map((t) => ({ value: String(t.tier), label: t.name }))}
          hint="Sales to this customer start at this tier's prices."
        />
      </fieldset>
      <fieldset className="rounded border border-slate-200 bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold text-slate-800">Billing address</legend>
        <Field name="billingAddress" label="Billing address" rows={4} defaultValue={c?.billingAddress} hint="As it should appear on invoices, one line per line." />
      </fieldset>
      <fieldset className="grid gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold text-slate-800">Shipping address</legend>
        <Field name="shippingLine1" label="Address line 1" defaultValue={c?.shippingLine1} autoComplete="shipping address-line1" />
        <Field name="shippingLine2" label="Address line 2" defaultValue={c?.shippingLine2} autoComplete="shipping address-line2" />
        <Field name="shippingCity" label="City" defaultValue={c?.shippingCity} autoComplete="shipping address-level2" />
        <Field name="shippingState" label="State / region" defaultValue={c?.shippingState} autoComplete="shipping address-level1" />
        <Field name="shippingPostalCode" label="Postal code" defaultValue={c?.shippingPostalCode} autoComplete="shipping postal-code" />
        <Field
          name="shippingCountry"
          label="Country"
          defaultValue={c?.shippingCountry}
          options={[{ value: '', label: '— none —' }, ...countries.map((k) => ({ value: k.code, label: `${k.name} (${k.code})` }))]}
        />
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton>{c ? 'Save customer' : 'Create customer'}</SubmitButton>
        <Link href="/sale/customers">Back to customers</Link>
      </div>
    </ActionForm>
  );
}
