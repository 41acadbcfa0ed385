'use client';

import { useId, useState } from 'react';
import { ActionForm, SubmitButton, useFieldState } from '@/components/ui/form';
import type { ActionState } from '@/lib/action';
import { formatPrice } from '@/lib/money';
import { ScriptButton, ScriptFields } from '@/components/ui/script-controls';

export type SaleFormCustomer = {
  id: string;
  name: string;
  priceTier: number;
  shipToName: string;
  shipToLine1: string;
  shipToLine2: string;
  shipToCity: string;
  shipToState: string;
  shipToPostalCode: string;
  shipToCountry: string;
  shipToPhone: string;
};
export type SaleFormProduct = { sku: string; name: string; defaultLocationId: string | null; prices: Record<string, number> };

const inputClass =
  'block w-full rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50';

/** A controlled input or select with its label (visible or for screen readers) and its field error. */
function Input({ name, label, value, onChange, srOnly, options, list, inputMode, className, required }: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  srOnly?: boolean;
  options?: { value: string; label: string }[];
  list?: string;
  inputMode?: 'numeric' | 'decimal';
  className?: string;
  required?: boolean;
}) {
  const id = useId();
  const { error } = useFieldState(name);
  const common = { id, name, value, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-e` : undefined, className: inputClass };
  return (
    <div className={className}>
      <label htmlFor={id} className={srOnly ? 'sr-only' : 'mb-1 block font-medium text-slate-700'}>
        {label}
        {required && !srOnly && <span className="text-red-600"> *</span>}
      </label>
      {options ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} list={list} inputMode={inputMode} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      {error && (
        <p id={`${id}-e`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

type Line = { key: number; sku: string; quantity: string; price: string; location: string; autoPrice: boolean };
const ADDRESS = [
  ['shipToName', 'Name', true],
  ['shipToLine1', 'Address line 1', true],
  ['shipToLine2', 'Address line 2', false],
  ['shipToCity', 'City', true],
  ['shipToState', 'State / region', false],
  ['shipToPostalCode', 'Postal code', true],
  ['shipToCountry', 'Country (2 letters)', true],
  ['shipToPhone', 'Phone', false],
] as const;
type AddressKey = (typeof ADDRESS)[number][0];

/**
 * Sale → New sale. Choosing the customer copies its price tier and ship-to address (both stay
 * editable); a line's SKU fills its price from the tier and its location from the product's default.
 */
export function SaleForm({ action, customers, products, tiers, locations }: {
  action: (prev: ActionState<never>, form: FormData) => Promise<ActionState<never>>;
  customers: SaleFormCustomer[];
  products: SaleFormProduct[];
  tiers: { tier: number; name: string }[];
  locations: { value: string; label: string }[];
}) {
  const bySku = new Map(products.map((p) => [p.sku.toLowerCase(), p]));
  const [customerId, setCustomerId] = useState('');
  const [tier, setTier] = useState('1');
  const [address, setAddress] = useState<Record<AddressKey, string>>(Object.fromEntries(ADDRESS.map(([k]) => [k, ''])) as Record<AddressKey, string>);
  const [reference, setReference] = useState('');
  const [comment, setComment] = useState('');
  const [lines, setLines] = useState<Line[]>([{ key: 0, sku: '', quantity: '1', price: '', location: '', autoPrice: true }]);

  const priceFor = (sku: string, t: string) => {
    const p = bySku.get(sku.trim().toLowerCase());
    return p ? formatPrice(p.prices[t] ?? 0) : '';
  };
  const chooseCustomer = (id: string) => {
    setCustomerId(id);
    const c = customers.find((x) => x.id === id);
    if (!c) return;
    setTier(String(c.priceTier));
    setAddress(Object.fromEntries(ADDRESS.map(([k]) => [k, c[k]])) as Record<AddressKey, string>);
    setLines((ls) => ls.map((l) => (l.autoPrice ? { ...l, price: priceFor(l.sku, String(c.priceTier)) } : l)));
  };
  const chooseTier = (t: string) => {
    setTier(t);
    setLines((ls) => ls.map((l) => (l.autoPrice ? { ...l, price: priceFor(l.sku, t) } : l)));
  };
  const update = (key: number, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const setSku = (key: number, sku: string) => {
    const p = bySku.get(sku.trim().toLowerCase());
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, sku, ...(l.autoPrice ? { price: priceFor(sku, tier) } : {}), ...(p?.defaultLocationId && !l.location ? { location: p.defaultLocationId } : {}) } : l)));
  };
  const total = lines.reduce((n, l) => {
    const q = Number(l.quantity);
    const pr = Math.round(Number(l.price) * 100);
    return Number.isInteger(q) && Number.isFinite(pr) ? n + q * pr : n;
  }, 0);

  return (
    <ActionForm action={action} className="space-y-5">
      <ScriptFields className="space-y-5">
        <fieldset className="flex flex-wrap gap-4">
          <legend className="sr-only">Customer</legend>
          <Input name="customerId" label="Customer" required value={customerId} onChange={chooseCustomer} options={[{ value: '', label: 'Choose…' }, ...customers.map((c) => ({ value: c.id, label: c.name }))]} className="w-full sm:w-72" />
          <Input name="priceTier" label="Price tier" value={tier} onChange={chooseTier} options={tiers.map((t) => ({ value: String(t.tier), label: t.name }))} className="w-full sm:w-48" />
          <Input name="customerReference" label="Customer reference" value={reference} onChange={setReference} className="w-full sm:w-56" />
        </fieldset>
        <fieldset>
          <legend className="mb-1 font-medium text-slate-800">Ship-to address</legend>
          <div className="grid max-w-3xl grid-cols-2 gap-3 md:grid-cols-4">
            {ADDRESS.map(([k, label, required]) => (
              <Input key={k} name={k} label={label} required={required} value={address[k]} onChange={(v) => setAddress((a) => ({ ...a, [k]: v }))} className={k === 'shipToLine1' || k === 'shipToLine2' ? 'col-span-2' : ''} />
            ))}
          </div>
        </fieldset>
        <div>
          <p className="mb-1 font-medium text-slate-800">Lines</p>
          <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="w-10 px-2 py-2 text-left font-semibold text-slate-700">#</th>
                  <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">Product (SKU)</th>
                  <th scope="col" className="px-2 py-2 text-right font-semibold text-slate-700">Quantity</th>
                  <th scope="col" className="px-2 py-2 text-right font-semibold text-slate-700">Price</th>
                  <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">Location</th>
                  <th scope="col" className="px-2 py-2"><span className="sr-only">Remove</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {lines.map((l, i) => (
                  <tr key={l.key} className="align-top">
                    <td className="px-2 py-2 text-slate-500">{i + 1}</td>
                    <td className="px-2 py-2">
                      <Input name={`sku.${l.key}`} label={`SKU, line ${i + 1}`} srOnly value={l.sku} onChange={(v) => setSku(l.key, v)} list="sale-products" className="w-56" />
                      <p className="mt-0.5 text-xs text-slate-500">{bySku.get(l.sku.trim().toLowerCase())?.name ?? '\u00a0'}</p>
                    </td>
                    <td className="px-2 py-2">
                      <Input name={`quantity.${l.key}`} label={`Quantity, line ${i + 1}`} srOnly inputMode="numeric" value={l.quantity} onChange={(v) => update(l.key, { quantity: v })} className="ml-auto w-24" />
                    </td>
                    <td className="px-2 py-2">
                      <Input name={`price.${l.key}`} label={`Price, line ${i + 1}`} srOnly inputMode="decimal" value={l.price} onChange={(v) => update(l.key, { price: v, autoPrice: v === '' })} className="ml-auto w-28" />
                    </td>
                    <td className="px-2 py-2">
                      <Input name={`location.${l.key}`} label={`Location, line ${i + 1}`} srOnly value={l.location} onChange={(v) => update(l.key, { location: v })} options={[{ value: '', label: 'Product’s default' }, ...locations]} className="w-56" />
                    </td>
                    <td className="px-2 py-2">
                      <ScriptButton onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))} disabled={lines.length === 1} aria-label={`Remove line ${i + 1}`} className="rounded px-2 py-1 text-red-700 hover:bg-red-50 disabled:opacity-40">
                        ×
                      </ScriptButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-2 flex items-center justify-between">
            <ScriptButton
              onClick={() => setLines((ls) => [...ls, { key: Math.max(-1, ...ls.map((x) => x.key)) + 1, sku: '', quantity: '1', price: '', location: '', autoPrice: true }])}
              className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50"
            >
              + Add line
            </ScriptButton>
            <p className="tabular-nums text-slate-700">
              Total <span className="font-semibold">{formatPrice(total)}</span>
            </p>
          </div>
          <datalist id="sale-products">
            {products.map((p) => (
              <option key={p.sku} value={p.sku}>
                {p.name}
              </option>
            ))}
          </datalist>
        </div>
        <div className="max-w-2xl">
          <label htmlFor="sale-comment" className="mb-1 block font-medium text-slate-700">
            Comment
          </label>
          <textarea id="sale-comment" name="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} aria-describedby="sale-comment-hint" />
          <p id="sale-comment-hint" className="mt-1 text-xs text-slate-500">
            Amazon prints it on the packing slip of a fulfilment order.
          </p>
        </div>
        <SubmitButton>Save sale</SubmitButton>
      </ScriptFields>
    </ActionForm>
  );
}
