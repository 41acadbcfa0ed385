'use client';

import { ActionForm, Checkbox, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { ENDPOINT_OPTIONS } from '@/lib/fba/connection-inputs';
import { AMAZON_MARKETPLACES } from '@/lib/fba/marketplaces';
import { connectAmazonStoreAction, connectStoreWithAmazonAction } from './actions';

function GroupError({ name, id }: { name: string; id: string }) {
  const { error } = useFieldState(name);
  return error ? (
    <p id={id} className="mt-2 text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;
}

/** The marketplaces a store sells in: ticked from Amazon's list, or typed. */
function MarketplacesFieldset({ errorId, ticked = ['ATVPDKIKX0DER'] }: { errorId: string; ticked?: readonly string[] }) {
  const known = new Set(AMAZON_MARKETPLACES.map((m) => m.id));
  const typed = ticked.filter((id) => !known.has(id)).join(', ');
  return (
    <fieldset aria-describedby={errorId} className="rounded border border-slate-200 p-3">
      <legend className="px-1 font-medium text-slate-700">
        Marketplaces<span className="text-red-600"> *</span>
      </legend>
      <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
        {AMAZON_MARKETPLACES.map((m) => (
          <Checkbox key={m.id} name="marketplaceIds" value={m.id} label={`${m.name} (${m.id})`} defaultChecked={ticked.includes(m.id)} />
        ))}
      </div>
      <GroupError name="marketplaceIds" id={errorId} />
      <Field
        name="otherMarketplaceIds"
        label="Other marketplace IDs"
        defaultValue={typed}
        className="mt-3 max-w-md"
        hint="For a marketplace not in the list: its ID, several separated by commas."
      />
    </fieldset>
  );
}

export type StoreFormDefaults = { name?: string; marketplaceIds?: readonly string[]; endpoint?: string };

/**
 * Connect with Amazon: the seller signs in at Amazon and authorises the app there; Amazon names
 * the Seller ID and hands over the token, so nothing is typed that could be wrong.
 */
export function ConnectStoreWithAmazonForm({ defaults = {}, endpointHint }: { defaults?: StoreFormDefaults; endpointHint: string }) {
  return (
    <ActionForm action={connectStoreWithAmazonAction} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label="Store name" required defaultValue={defaults.name} hint="Your name for this store in the app." />
        <Field name="endpoint" label="Endpoint" options={ENDPOINT_OPTIONS} defaultValue={defaults.endpoint ?? 'sandbox'} hint={endpointHint} />
      </div>
      <MarketplacesFieldset errorId="amazon-marketplaces-error" ticked={defaults.marketplaceIds} />
      <SubmitButton>Connect with Amazon</SubmitButton>
    </ActionForm>
  );
}

/** Connect manually: for a token issued elsewhere (typed with its Seller ID, both checked with Amazon). */
export function AmazonStoreForm() {
  return (
    <ActionForm action={connectAmazonStoreAction} className="space-y-4" successMessage={(d) => `Amazon store ${d.name} connected (Amazon calls it “${d.amazonStoreName}”).`}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label="Store name" required hint="Your name for this store in the app." />
        <Field name="sellerId" label="Seller ID" required autoComplete="off" hint="Seller Central → Settings → Account Info → Merchant Token, e.g. A2X9EXAMPLE7KQ." />
        <Field name="refreshToken" label="MWS Auth Token" type="password" required autoComplete="off" hint="The SP-API refresh token you authorised the app with. Stored encrypted; never shown again." />
        <Field name="endpoint" label="Endpoint" options={ENDPOINT_OPTIONS} defaultValue="sandbox" hint="The FBA sandbox needs no Amazon account; NA, EU and FE are Amazon's regions." />
      </div>
      <MarketplacesFieldset errorId="marketplaces-error" />
      <SubmitButton>Connect Amazon store</SubmitButton>
    </ActionForm>
  );
}
