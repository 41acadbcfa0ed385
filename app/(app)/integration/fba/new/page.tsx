import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { getDb, type Db } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getAuthorisationAttempt, REFUSAL_MESSAGES } from '@/lib/fba/amazon-authorisation';
import { listAmazonStores } from '@/lib/fba/amazon-stores';
import { FbaAuthorisationRequest } from '@/lib/fba/authorisation-inputs';
import { describeMarketplace } from '@/lib/fba/marketplaces';
import { connectWithAmazonEndpointHint } from '@/lib/fba/connection-client';
import { readSearchParams, type RawSearchParams, type SearchParams } from '@/lib/http/search-params';
import { listLocations } from '@/lib/reference/locations';
import { isUuid } from '@/lib/validation/id';
import { ConnectFromStoreForm, ConnectManuallyForm, ConnectWithAmazonForm } from './connect-forms';

export const metadata: Metadata = { title: 'Connect to FBA' };

const TABS = [
  { key: 'amazon', label: 'Connect with Amazon' },
  { key: 'existing', label: 'Use an existing Amazon connection' },
  { key: 'manual', label: 'Connect manually' },
] as const;

/** Why the last Connect with Amazon did not connect: its attempt's message, or why the callback was refused. */
async function lastAttemptProblem(db: Db, sp: SearchParams, userId: string) {
  const attemptId = isUuid(sp.attempt) ? sp.attempt : undefined;
  const attempt = attemptId ? await getAuthorisationAttempt(db, attemptId, userId) : null;
  if (attempt?.purpose === 'fba' && attempt.status !== 'Connected') return { message: attempt.message, asked: FbaAuthorisationRequest.safeParse(attempt.request).data, endpoint: attempt.endpoint };
  if (sp.refused === 'unknown' || sp.refused === 'other-user') return { message: REFUSAL_MESSAGES[sp.refused], asked: undefined, endpoint: undefined };
  return null;
}

export default async function NewFbaConnectionPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePermission(PERMISSION.fba);
  const sp = readSearchParams(await searchParams);
  const tab = TABS.find((t) => t.key === sp.tab)?.key ?? 'amazon';
  const db = await getDb();
  const [stores, locs, problem] = await Promise.all([listAmazonStores(db), listLocations(db), tab === 'amazon' ? lastAttemptProblem(db, sp, user.id) : null]);
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
        {tab === 'amazon' ? (
          <>
            <p className="mb-3 max-w-2xl text-slate-700">
              You are sent to Amazon to sign in and authorise this app; Amazon then tells the app your Seller ID and gives it access, so there is nothing to copy or type.
            </p>
            {problem && (
              <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
                {problem.message}
              </p>
            )}
            <ConnectWithAmazonForm
              locations={locations}
              defaults={{ ...problem?.asked, endpoint: problem?.endpoint }}
              endpointHint={connectWithAmazonEndpointHint()}
            />
          </>
        ) : tab === 'existing' ? (
          storeChoices.length === 0 ? (
            <p className="text-slate-700">
              No Amazon store is connected yet. Connect one under <Link href="/integration/amazon">Integration → Amazon</Link>, or use the{' '}
              <Link href="/integration/fba/new?tab=amazon">Connect with Amazon</Link> or <Link href="/integration/fba/new?tab=manual">Connect manually</Link> tab.
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
