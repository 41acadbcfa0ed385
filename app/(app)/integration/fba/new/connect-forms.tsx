'use client';

import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import { ENDPOINT_OPTIONS } from '@/lib/fba/connection-inputs';
import { AMAZON_MARKETPLACES } from '@/lib/fba/marketplaces';
import { connectFromStoreAction, connectManuallyAction, connectWithAmazonAction } from './actions';

export type Choice = { value: string; label: string };

const LOCATION_HINT = 'At the moment only one location is available per FBA connection. A location with bins is never used: a new one named after the FBA account plus a number is created instead.';

function LocationField({ locations, defaultValue = '' }: { locations: Choice[]; defaultValue?: string | null }) {
  const known = locations.some((l) => l.value === defaultValue);
  return <Field name="locationId" label="Location" options={[{ value: '', label: 'Create a new location' }, ...locations]} defaultValue={known ? defaultValue : ''} hint={LOCATION_HINT} />;
}

const marketplaceOptions = () => [{ value: '', label: '— choose a marketplace —' }, ...AMAZON_MARKETPLACES.map((m) => ({ value: m.id, label: `${m.name} — ${m.id}` }))];

/** The form of a Connect with Amazon that did not connect comes back with what was chosen. */
export type AmazonFormDefaults = { marketplaceId?: string; locationId?: string | null; endpoint?: string };

export function ConnectWithAmazonForm({ locations, defaults, endpointHint }: { locations: Choice[]; defaults: AmazonFormDefaults; endpointHint: string }) {
  const listed = AMAZON_MARKETPLACES.some((m) => m.id === defaults.marketplaceId);
  return (
    <ActionForm action={connectWithAmazonAction} className="grid max-w-xl gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="marketplaceId" label="Marketplace ID" required options={marketplaceOptions()} defaultValue={listed || !defaults.marketplaceId ? (defaults.marketplaceId ?? 'ATVPDKIKX0DER') : ''} />
        <Field name="otherMarketplaceId" label="Or type a Marketplace ID" autoComplete="off" defaultValue={listed ? '' : defaults.marketplaceId} hint="For a marketplace not in the list; it replaces the one chosen." />
      </div>
      <Field name="endpoint" label="Endpoint" options={ENDPOINT_OPTIONS} defaultValue={defaults.endpoint ?? 'sandbox'} hint={endpointHint} />
      <LocationField locations={locations} defaultValue={defaults.locationId} />
      <div>
        <SubmitButton>Connect with Amazon</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function ConnectFromStoreForm({ stores, locations }: { stores: Choice[]; locations: Choice[] }) {
  return (
    <ActionForm action={connectFromStoreAction} className="grid max-w-xl gap-4">
      <Field name="store" label="Amazon store" required options={stores} hint="The store's credentials are checked with Amazon again before connecting." />
      <LocationField locations={locations} />
      <div>
        <SubmitButton>Connect to FBA</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function ConnectManuallyForm({ locations }: { locations: Choice[] }) {
  return (
    <ActionForm action={connectManuallyAction} className="grid max-w-xl gap-4">
      <p className="text-slate-700">For an MWS Auth Token issued elsewhere: the Seller ID and the token are checked with Amazon. If you can sign in at Amazon, Connect with Amazon needs neither.</p>
      <Field name="sellerId" label="Merchant ID (Seller ID)" required autoComplete="off" hint="Seller Central → Settings → Account Info → Merchant Token, e.g. A2X9EXAMPLE7KQ." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="marketplaceId" label="Marketplace ID" required options={marketplaceOptions()} defaultValue="ATVPDKIKX0DER" />
        <Field name="otherMarketplaceId" label="Or type a Marketplace ID" autoComplete="off" hint="For a marketplace not in the list; it replaces the one chosen." />
      </div>
      <Field name="refreshToken" label="MWS Auth Token" type="password" required autoComplete="off" hint="The SP-API refresh token. Stored encrypted; never shown again." />
      <Field name="endpoint" label="Endpoint" options={ENDPOINT_OPTIONS} defaultValue="sandbox" />
      <LocationField locations={locations} />
      <div>
        <SubmitButton>Connect to FBA</SubmitButton>
      </div>
    </ActionForm>
  );
}
