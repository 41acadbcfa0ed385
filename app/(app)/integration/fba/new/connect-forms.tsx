'use client';

import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import { ENDPOINT_OPTIONS } from '@/lib/fba/connection-inputs';
import { AMAZON_MARKETPLACES } from '@/lib/fba/marketplaces';
import { connectFromStoreAction, connectManuallyAction } from './actions';

export type Choice = { value: string; label: string };

const LOCATION_HINT = 'At the moment only one location is available per FBA connection. A location with bins is never used: a new one named after the FBA account plus a number is created instead.';

function LocationField({ locations }: { locations: Choice[] }) {
  return <Field name="locationId" label="Location" options={[{ value: '', label: 'Create a new location' }, ...locations]} defaultValue="" hint={LOCATION_HINT} />;
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
  const marketplaces = [{ value: '', label: '— choose a marketplace —' }, ...AMAZON_MARKETPLACES.map((m) => ({ value: m.id, label: `${m.name} — ${m.id}` }))];
  return (
    <ActionForm action={connectManuallyAction} className="grid max-w-xl gap-4">
      <Field name="sellerId" label="Merchant ID (Seller ID)" required autoComplete="off" hint="Seller Central → Settings → Account Info → Merchant Token." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="marketplaceId" label="Marketplace ID" required options={marketplaces} defaultValue="ATVPDKIKX0DER" />
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
