import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { EmptyState, Pager, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { AUDITED_TABLES, auditUsers, listChanges, type AuditChange } from '@/lib/audit/audit-log';
import { formatUtcDateTimeSeconds } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { DateFilter, FilterForm, SelectFilter, TextFilter } from '../filter-fields';
import { readChangeFilters } from '../filters';

export const metadata: Metadata = { title: 'Audit Log — Changes' };

const BASE = '/settings/audit-log/changes';
const ACTION = { INSERT: 'Created', UPDATE: 'Changed', DELETE: 'Deleted' } as const;
/** What names a record when it is created or deleted, in this order of preference. */
const NAMING = ['number', 'sku', 'name', 'email', 'status', 'tier'];

function show(value: unknown): string {
  const text = value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function What({ row }: { row: AuditChange }) {
  if (row.action === 'UPDATE') {
    const keys = Object.keys(row.after ?? {}).filter((k) => k !== 'updated_at');
    return (
      <ul className="space-y-0.5">
        {keys.map((k) => (
          <li key={k} className="break-words">
            <span className="font-mono text-xs text-slate-600">{k}</span>: <span className="text-slate-500 line-through decoration-slate-400">{show(row.before?.[k])}</span> → <span>{show(row.after?.[k])}</span>
          </li>
        ))}
      </ul>
    );
  }
  const image = (row.action === 'INSERT' ? row.after : row.before) ?? {};
  const named = NAMING.filter((k) => k in image).slice(0, 3);
  return <span className="break-words">{named.length ? named.map((k) => `${k}: ${show(image[k])}`).join(' · ') : `${Object.keys(image).length} fields`}</span>;
}

/** Settings → Audit Log → Changes: who changed what, when, before → after; newest first. */
export default async function AuditChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  // The page checks for itself: a layout is not rendered again for a navigation between its tabs.
  await requirePermission(PERMISSION.users);
  const sp = readSearchParams(await searchParams);
  const filters = readChangeFilters(sp);
  const db = await getDb();
  const [people, page] = await Promise.all([auditUsers(db), listChanges(db, filters)]);
  const keep = { table: filters.table, user: filters.user, row: filters.row, from: filters.from, to: filters.to };
  const filtered = Object.values(keep).some(Boolean);
  return (
    <>
      <FilterForm base={BASE} filtered={filtered}>
        <SelectFilter
          id="audit-table"
          name="table"
          label="Record type"
          value={filters.table}
          all="All record types"
          options={Object.entries(AUDITED_TABLES)
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([value, label]) => ({ value, label }))}
        />
        <SelectFilter id="audit-user" name="user" label="User" value={filters.user} all="Everyone" options={[{ value: 'system', label: 'System (worker, imports)' }, ...people.map((p) => ({ value: p.id, label: p.name }))]} />
        <TextFilter id="audit-row" name="row" label="Record id" value={filters.row} placeholder="The record's id" />
        <DateFilter id="audit-from" name="from" label="From (UTC)" value={filters.from} />
        <DateFilter id="audit-to" name="to" label="To (UTC)" value={filters.to} />
      </FilterForm>
      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? 'No changes match these filters' : 'No changes recorded yet'}>{filtered ? 'Clear the filters to see every change.' : 'Every change to products, sales, stock documents, connections and settings appears here.'}</EmptyState>
      ) : (
        <Table
          caption="Changes"
          head={
            <>
              <Th>When (UTC)</Th>
              <Th>User</Th>
              <Th>Record</Th>
              <Th>Action</Th>
              <Th>What changed</Th>
            </>
          }
        >
          {page.rows.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap tabular-nums">{formatUtcDateTimeSeconds(r.at)}</Td>
              <Td className="whitespace-nowrap">{r.user ?? <span className="text-slate-600">System</span>}</Td>
              <Td>
                <span className="whitespace-nowrap">{AUDITED_TABLES[r.tableName] ?? r.tableName}</span>
                {r.rowId && (
                  <Link href={`${BASE}?row=${encodeURIComponent(r.rowId)}`} className="block font-mono text-xs" title="Every change of this record">
                    {r.rowId.length > 13 ? `${r.rowId.slice(0, 8)}…` : r.rowId}
                  </Link>
                )}
              </Td>
              <Td>{ACTION[r.action]}</Td>
              <Td className="min-w-64">
                <What row={r} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager base={BASE} current={{ after: filters.after }} next={page.next} keep={keep} />
    </>
  );
}
