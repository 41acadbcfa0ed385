import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, PagerNav, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDateTimeSeconds } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { listWorkers } from '@/lib/jobs/heartbeats';
import { listJobNames, listJobRuns } from '@/lib/jobs/job-runs';
import { decodeCursor } from '@/lib/paging';

export const metadata: Metadata = { title: 'Job Runs' };

const BASE = '/settings/job-runs';

export default async function JobRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePermission(PERMISSION.generalSettings);
  const sp = readSearchParams(await searchParams);
  const db = await getDb();
  const [names, workers, page] = await Promise.all([
    listJobNames(db),
    listWorkers(db),
    listJobRuns(db, { name: sp.name || undefined, failedOnly: sp.failed === '1', after: decodeCursor(sp.after) }),
  ]);
  const query = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ name: sp.name, failed: sp.failed, ...extra })) if (v) q.set(k, v);
    return q.size ? `${BASE}?${q}` : BASE;
  };
  return (
    <>
      <PageHeader title="Job Runs" crumbs={['Settings']} />
      <section aria-labelledby="workers" className="mb-5">
        <h2 id="workers" className="mb-2 font-semibold">
          Workers
        </h2>
        {workers.length === 0 ? (
          <p className="text-slate-600">No worker has reported yet. With PostgreSQL, start it with <code>npm run worker</code>.</p>
        ) : (
          <ul className="space-y-1">
            {workers.map((w) => (
              <li key={w.workerId}>
                <StatusBadge status={w.ageSeconds < 180 ? 'Active' : 'Inactive'} /> {w.workerId} ({w.mode}) — last heartbeat {formatUtcDateTimeSeconds(w.beatAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <form method="get" action={BASE} className="mb-3 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-auto">
          <label htmlFor="job-name" className="mb-1 block font-medium text-slate-700">
            Job
          </label>
          <select id="job-name" name="name" defaultValue={sp.name ?? ''} className="w-full sm:w-64 rounded border border-slate-300 bg-white px-2.5 py-1.5">
            <option value="">All jobs</option>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-2 pb-2">
          <input id="failed-only" type="checkbox" name="failed" value="1" defaultChecked={sp.failed === '1'} className="h-4 w-4" />
          <label htmlFor="failed-only">Failures only</label>
        </div>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Show
        </button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title="No job runs yet">Scheduled jobs (FBA inventory reports, Auto-Sync Stock) record each run here.</EmptyState>
      ) : (
        <Table
          caption="Job runs"
          head={
            <>
              <Th>Job</Th>
              <Th>Slot (UTC)</Th>
              <Th>Started</Th>
              <Th>Finished</Th>
              <Th>Result</Th>
              <Th>Error</Th>
            </>
          }
        >
          {page.rows.map((r) => (
            <tr key={r.id}>
              <Td className="font-medium">{r.name}</Td>
              <Td>{r.slot}</Td>
              <Td className="whitespace-nowrap">{formatUtcDateTimeSeconds(r.startedAt)}</Td>
              <Td className="whitespace-nowrap">{formatUtcDateTimeSeconds(r.finishedAt)}</Td>
              <Td>
                <StatusBadge status={r.result === 'ok' ? 'Completed' : r.result === 'failed' ? 'Failed' : 'In Progress'} />
              </Td>
              <Td className="max-w-md break-words text-red-800">{r.error}</Td>
            </tr>
          ))}
        </Table>
      )}
      <PagerNav first={sp.after ? query({}) : null} next={page.next ? query({ after: page.next }) : null} firstText="« Newest" nextText="Older »" />
    </>
  );
}
