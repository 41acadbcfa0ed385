import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { EmptyState, Pager, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { AMAZON_OPERATIONS, CALL_OUTCOMES, listAmazonCalls } from '@/lib/audit/audit-log';
import { formatUtcDateTimeSeconds } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { DateFilter, FilterForm, SelectFilter, TextFilter } from '../filter-fields';
import { readCallFilters } from '../filters';

export const metadata: Metadata = { title: 'Audit Log — Amazon calls' };

const BASE = '/settings/audit-log/amazon-calls';

function statusTone(status: number) {
  if (status >= 200 && status < 300) return 'bg-emerald-50 text-emerald-800 border-emerald-300';
  if (status === 429) return 'bg-amber-50 text-amber-900 border-amber-300';
  return 'bg-red-50 text-red-800 border-red-300';
}

/** Settings → Audit Log → Amazon calls: every exchange with the Selling Partner API, newest first. */
export default async function AmazonCallsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  // The page checks for itself: a layout is not rendered again for a navigation between its tabs.
  await requirePermission(PERMISSION.users);
  const sp = readSearchParams(await searchParams);
  const filters = readCallFilters(sp);
  const db = await getDb();
  const page = await listAmazonCalls(db, filters);
  const keep = { operation: filters.operation, outcome: filters.outcome, requestId: filters.requestId, from: filters.from, to: filters.to };
  const filtered = Object.values(keep).some(Boolean);
  return (
    <>
      <FilterForm base={BASE} filtered={filtered}>
        <SelectFilter id="call-operation" name="operation" label="Operation" value={filters.operation} all="All operations" options={AMAZON_OPERATIONS.map((o) => ({ value: o, label: o }))} />
        <SelectFilter id="call-outcome" name="outcome" label="Outcome" value={filters.outcome} all="Any outcome" options={Object.entries(CALL_OUTCOMES).map(([value, label]) => ({ value, label }))} />
        <TextFilter id="call-request" name="requestId" label="Amazon request id" value={filters.requestId} />
        <DateFilter id="call-from" name="from" label="From (UTC)" value={filters.from} />
        <DateFilter id="call-to" name="to" label="To (UTC)" value={filters.to} />
      </FilterForm>
      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? 'No calls match these filters' : 'No calls to Amazon yet'}>
          {filtered ? 'Clear the filters to see every call.' : 'Connect to FBA or an Amazon store: every call the app makes to Amazon is listed here, with its answer and how long it took.'}
        </EmptyState>
      ) : (
        <Table
          caption="Amazon calls"
          head={
            <>
              <Th>When (UTC)</Th>
              <Th>Operation</Th>
              <Th>Request</Th>
              <Th>Status</Th>
              <Th>Request id</Th>
              <Th align="right">Attempt</Th>
              <Th align="right">Took (ms)</Th>
            </>
          }
        >
          {page.rows.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap tabular-nums">{formatUtcDateTimeSeconds(r.at)}</Td>
              <Td className="whitespace-nowrap">
                {r.operation}
                <span className="block text-xs text-slate-600">{r.endpoint}</span>
              </Td>
              <Td className="max-w-xs">
                <span className="block truncate font-mono text-xs" title={r.path}>
                  {r.method} {r.path}
                </span>
              </Td>
              <Td>
                <span className={`inline-block rounded border px-2 py-0.5 text-sm tabular-nums ${statusTone(r.status)}`}>{r.status === 0 ? 'No answer' : r.status}</span>
              </Td>
              <Td className="font-mono text-xs">
                {r.requestId ? (
                  <Link href={`${BASE}?requestId=${encodeURIComponent(r.requestId)}`} title={r.requestId} className="whitespace-nowrap">
                    {r.requestId.length > 13 ? `${r.requestId.slice(0, 8)}…` : r.requestId}
                  </Link>
                ) : (
                  '—'
                )}
              </Td>
              <Td align="right">{r.attempt}</Td>
              <Td align="right">{r.durationMs}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager base={BASE} current={{ after: filters.after }} next={page.next} keep={keep} />
    </>
  );
}
