import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { RouteTabs } from '@/components/ui/route-tabs';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getStoreOrdersSetup } from '@/lib/channel/store-setup';
import { describeMarketplace } from '@/lib/fba/marketplaces';
import { isUuid } from '@/lib/validation/id';

/** Integration → Amazon → [store]: its Setup (where its orders are sold from) and the Orders downloaded from it. */
export default async function AmazonStoreLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id } = await params;
  const store = isUuid(id) ? await getStoreOrdersSetup(await getDb(), id) : null;
  if (!store) notFound();
  const base = `/integration/amazon/${store.id}`;
  return (
    <>
      <PageHeader title={store.name} crumbs={['Integration', 'Amazon']} />
      <dl className="mb-4 flex flex-wrap gap-x-8 gap-y-1 text-slate-700">
        <div className="flex gap-1">
          <dt className="text-slate-500">Seller ID:</dt>
          <dd className="font-mono text-sm">{store.sellerId}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-500">Marketplaces:</dt>
          <dd>{store.marketplaceIds.map(describeMarketplace).join(', ')}</dd>
        </div>
        {store.amazonStoreName && (
          <div className="flex gap-1">
            <dt className="text-slate-500">Store name at Amazon:</dt>
            <dd>{store.amazonStoreName}</dd>
          </div>
        )}
      </dl>
      <RouteTabs
        label="Amazon store"
        base={base}
        tabs={[
          { segment: 'setup', label: 'Setup' },
          { segment: 'orders', label: 'Orders' },
        ]}
      />
      {children}
    </>
  );
}
