import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/table';
import { getDb } from '@/db';
import { requirePermission } from '@/lib/auth/session';
import { listAmazonStores } from '@/lib/fba/amazon-stores';
import { FBA_PERMISSION } from '@/lib/fba/connection-inputs';
import { describeMarketplace } from '@/lib/fba/marketplaces';
import { listLocations } from '@/lib/reference/locations';
import { ConnectFromStoreForm, ConnectManuallyForm } from './connect-forms';

export const metadata: Metadata = { title: 'Connect to FBA' };

const TABS = [
  { key: 'existing', label: 'Use an existing Amazon connection' },
  { key: 'manual', label: 'Connect manually' },
] as const;

export default async function NewFbaConnectionPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  await requirePermission(FBA_PERMISSION);
  const tab = (await searchParams).tab === 'manual' ? 'manual' : 'existing';
  const db = await getDb();
  const [stores, locs] = await Promise.all([listAmazonStores(db), listLocations(db)]);
  // Locations already serving a connection are left out: one connection per location.
  const locations = locs
    .filter((l) => !l.externalConnectionId)
    .map((l) => ({ value: l.id, label: l.bins.length > 0 ? `${l.name} (has bins — a new location will be created)` : l.name }));
  const storeChoices = stores.flatMap((s) => s.marketplaceIds.map((m) => ({ value: `${s.id}|${m}`, label: `${s.name} — ${describeMarketplace(m)}` })));
  return (
    <>
      <PageHeader title="Connect to FBA" crumbs={['Integration', 'Fulfilment by Amazon']} />
      <nav aria-label="How to connect" className="mb-4 flex gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <Link
            key={t.key}
            href={`/integration/fba/new?tab=${t.key}`}
            aria-current={tab === t.key ? 'page' : undefined}
            className={`-mb-px rounded-t border px-4 py-2 font-medium no-underline ${tab === t.key ? 'border-slate-200 border-b-white bg-white text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <section aria-label={TABS.find((t) => t.key === tab)!.label} className="rounded border border-slate-200 bg-white p-4 shadow-sm">
        {tab === 'existing' ? (
          storeChoices.length === 0 ? (
            <p className="text-slate-700">
              No Amazon store is connected yet. Connect one under <Link href="/integration/amazon">Integration → Amazon</Link>, or use the{' '}
              <Link href="/integration/fba/new?tab=manual">Connect manually</Link> tab.
            </p>
          ) : (
            <ConnectFromStoreForm stores={storeChoices} locations={locations} />
          )
        ) : (
          <ConnectManuallyForm locations={locations} />
        )}
      </section>
      <p className="mt-4">
        <Link href="/integration/fba">Back to Fulfilment by Amazon</Link>
      </p>
    </>
  );
}
