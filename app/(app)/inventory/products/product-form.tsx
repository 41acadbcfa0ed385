'use client';

import Link from '@/components/ui/link';
import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import type { PriceTier } from '@/lib/catalog/price-tiers';
import type { ProductDetail } from '@/lib/catalog/products';
import { formatCost, formatPrice } from '@/lib/money';
import { saveProductAction } from './actions';

type Props = {
  product: ProductDetail | null;
  tiers: PriceTier[];
  locations: { id: string; name: string }[];
  barcodeTypes: readonly string[];
};

/** The seed's per-product choice: the FNSKU (Amazon's advice) or the manufacturer barcode on FBA labels. */
function FbaBarcodeChoice({ value }: { value: 'FNSKU' | 'Manufacturer' }) {
  const { error, typed } = useFieldState('fbaBarcode');
  const chosen = typed ?? value;
  return (
    <fieldset className="sm:col-span-2" aria-describedby={error ? 'fba-barcode-error' : 'fba-barcode-hint'}>
      <legend className="mb-1 font-medium text-slate-700">Barcode on FBA labels</legend>
      <div className="flex flex-wrap gap-5" key={chosen}>
        <label className="flex items-center gap-2">
          <input type="radio" name="fbaBarcode" value="FNSKU" defaultChecked={chosen !== 'Manufacturer'} className="h-4 w-4" />
          FNSKU (recommended)
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="fbaBarcode" value="Manufacturer" defaultChecked={chosen === 'Manufacturer'} className="h-4 w-4" />
          Manufacturer barcode
        </label>
      </div>
      <p id="fba-barcode-hint" className="mt-1 text-xs text-slate-500">
        Amazon tracks units by FNSKU; its manufacturer barcode may be used only where Amazon allows it (a product eligible for commingled inventory).
      </p>
      {error && (
        <p id="fba-barcode-error" className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function ProductForm({ product, tiers, locations, barcodeTypes }: Props) {
  const p = product;
  return (
    <ActionForm action={saveProductAction} successMessage={(d) => `Product ${d.sku} saved.`} className="space-y-5">
      {p && <input type="hidden" name="id" value={p.id} />}
      <fieldset className="grid gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold text-slate-800">Product</legend>
        <Field name="sku" label="SKU" required defaultValue={p?.sku} hint="Unique; upper and lower case count as the same SKU." />
        <Field name="name" label="Name" required defaultValue={p?.name} />
        <Field name="barcode" label="Barcode" defaultValue={p?.barcode} />
        <Field
          name="barcodeType"
          label="Barcode type"
          defaultValue={p?.barcodeType}
          options={[{ value: '', label: '— none —' }, ...barcodeTypes]}
          hint="UPC 12 digits; EAN or JAN 13 (or 8); ISBN 10 or 13; GCID 16 letters and digits."
        />
        <Field name="fnsku" label="FNSKU" defaultValue={p?.fnsku} hint="Amazon's fulfilment SKU, 10 characters (usually X00…)." />
        <Field name="asin" label="ASIN" defaultValue={p?.asin} hint="10 characters: B0… or the book's ISBN-10." />
        <FbaBarcodeChoice value={p?.fbaBarcode ?? 'FNSKU'} />
        <Field name="unitCost" label="Unit cost" defaultValue={p?.unitCost == null ? '' : formatCost(p.unitCost)} inputMode="decimal" hint="Up to 4 decimals." />
        <Field name="defaultLocationId" label="Default location" defaultValue={p?.defaultLocationId} options={[{ value: '', label: '— none —' }, ...locations.map((l) => ({ value: l.id, label: l.name }))]} />
      </fieldset>
      <fieldset className="grid gap-4 rounded border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-5">
        <legend className="px-1 font-semibold text-slate-800">Prices</legend>
        {tiers.map((t) => (
          <Field key={t.tier} name={`price${t.tier}`} label={t.name} defaultValue={p?.prices[t.tier] == null ? '' : formatPrice(p.prices[t.tier])} inputMode="decimal" placeholder="—" />
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton>{p ? 'Save product' : 'Create product'}</SubmitButton>
        <Link href="/inventory/products">Back to products</Link>
      </div>
    </ActionForm>
  );
}
