import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { defaultOrdersFrom } from '@/lib/channel/order-download';
import { getStoreOrdersSetup, storeLocationChoices } from '@/lib/channel/store-setup';
import { isUuid } from '@/lib/validation/id';
import { StoreSetupForm } from './setup-form';

export const metadata: Metadata = { title: 'Amazon store Setup' };

/** Integration → Amazon → [store] → Setup: the location mapping of the seed's "Using FBA for eCommerce Integration". */
export default async function AmazonStoreSetupPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const store = await getStoreOrdersSetup(db, id);
  if (!store) notFound();
  const choices = await storeLocationChoices(db, store);
  const from = (store.ordersFrom ?? defaultOrdersFrom()).toISOString().slice(0, 10);
  return (
    <>
      <p className="mb-4 max-w-3xl text-slate-600">
        Orders of this store are downloaded from Amazon and become sales. Orders Amazon fulfils (FBA, AFN) are sold from this seller&apos;s FBA location and recorded as picked,
        packed and shipped by Amazon and invoiced; no fulfilment order is made. Orders you fulfil (MFN) are sold from the location you choose and go through Pick, Pack and Ship
        like any sale; when that location is an FBA location, each goes out as a fulfilment order (Amazon&apos;s multi-channel fulfilment).
      </p>
      {choices.afn.length === 0 && (
        <p role="note" className="mb-4 max-w-3xl rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          Seller {store.sellerId} has no FBA connection yet, so there is no FBA location for Amazon-fulfilled orders.{' '}
          <Link href="/integration/fba/new?tab=existing">Connect this store to FBA</Link> first, or map merchant-fulfilled orders only.
        </p>
      )}
      <StoreSetupForm
        storeId={store.id}
        afn={choices.afn}
        mfn={choices.mfn}
        values={{ afnLocationId: store.afnLocationId, mfnLocationId: store.mfnLocationId, ordersFrom: from, ordersEnabled: store.ordersEnabled }}
        customer={store.customerName}
      />
    </>
  );
}
