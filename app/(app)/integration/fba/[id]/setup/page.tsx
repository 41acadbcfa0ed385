import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { listCountries } from '@/lib/catalog/countries';
import { listPriceTiers } from '@/lib/catalog/price-tiers';
import { getConnection } from '@/lib/fba/connections';
import { describeChanges, getConnectionSetup, listSetupLog } from '@/lib/fba/setup';
import { formatUtcDateTime } from '@/lib/format/date';
import { SetupForm } from './setup-form';
import { isUuid } from '@/lib/validation/id';

export const metadata: Metadata = { title: 'FBA Setup' };

export default async function FbaSetupPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await requirePermission(PERMISSION.fba);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const sp = readSearchParams(await searchParams);
  const db = await getDb();
  const [conn, setup, tiers, log] = await Promise.all([getConnection(db, id), getConnectionSetup(db, id), listPriceTiers(db), listSetupLog(db, id)]);
  if (!conn || !setup) notFound();
  const active = conn.status === 'Active';
  const tierNames = new Map(tiers.map((t) => [t.tier, t.name]));
  return (
    <>
      {sp.connected && active && (
        <p role="status" className="mb-4 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Connected to FBA. The location <strong>{conn.locationName}</strong> is used for external fulfilment. Next, check the Setup options below and run an initial
          stocktake at that location.
        </p>
      )}
      {!active && (
        <p role="status" className="mb-4 rounded border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800">
          {sp.disconnected ? 'Disconnected. ' : 'This connection is disconnected. '}
          The location <strong>{conn.locationName}</strong> is now an ordinary location. The Setup below is kept for the record.
        </p>
      )}
      <SetupForm id={id} setup={setup} tiers={tiers} countries={listCountries()} readOnly={!active} />
      <section aria-labelledby="setup-log" className="mt-6">
        <h2 id="setup-log" className="mb-2 text-base font-semibold text-slate-900">
          Last changes
        </h2>
        {log.length === 0 ? (
          <EmptyState title="No changes yet">Each save of the Setup is recorded here: who, when and what changed.</EmptyState>
        ) : (
          <Table
            caption="Last changes to the Setup"
            head={
              <>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>What changed</Th>
              </>
            }
          >
            {log.map((e) => (
              <tr key={e.id}>
                <Td className="whitespace-nowrap">{formatUtcDateTime(e.createdAt)}</Td>
                <Td>{e.userName ?? '—'}</Td>
                <Td>
                  <ul className="space-y-0.5">
                    {describeChanges(e.changes, tierNames).map((c) => (
                      <li key={c.field}>
                        <span className="font-medium">{c.label}</span>: {c.before} → {c.after}
                      </li>
                    ))}
                  </ul>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
