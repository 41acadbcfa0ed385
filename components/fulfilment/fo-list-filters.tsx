import Link from '@/components/ui/link';
import { hrefWith } from '@/lib/http/search-params';
import { foStatus, type FoStatus } from '@/lib/fulfilment/fo-status';

const STATUSES = foStatus.statuses;

/** The counts per status at the top of the list; each is a link that filters by its status (the other filters kept). */
export function FoStatusCounts({ base, counts, total, current, keep }: { base: string; counts: Record<FoStatus, number>; total: number; current?: FoStatus; keep: Record<string, string | undefined> }) {
  const item = (label: string, n: number, status: FoStatus | undefined) => {
    const active = current === status;
    return (
      <li key={label}>
        <Link
          href={hrefWith(base, { ...keep, status })}
          aria-current={active ? 'page' : undefined}
          className={`flex min-w-24 flex-col rounded border px-3 py-2 no-underline ${active ? 'border-indigo-500 bg-indigo-50 ring-1 ring-indigo-500' : 'border-slate-200 bg-white hover:border-indigo-300'}`}
        >
          <span className="text-xs text-slate-600">{label}</span>
          <span className="text-lg font-semibold tabular-nums text-slate-900">{n}</span>
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label="Fulfilment orders by status" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {item('All', total, undefined)}
        {STATUSES.map((s) => item(s, counts[s], s))}
      </ul>
    </nav>
  );
}

type Values = { status?: FoStatus; connectionId?: string; from?: string; to?: string; q?: string };

const input = 'rounded border border-slate-300 bg-white px-2.5 py-1.5';

/** Search and filters of the list, as a GET form (the URL holds them, so a filtered list can be bookmarked). */
export function FoFilterForm({ base, connections, values }: { base: string; connections: { id: string; name: string }[]; values: Values }) {
  return (
    <form action={base} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="w-full sm:w-auto">
        <label htmlFor="fo-q" className="mb-1 block font-medium text-slate-700">
          Search
        </label>
        <input id="fo-q" name="q" defaultValue={values.q} placeholder="Sale, order, SKU or tracking number" className={`${input} w-full sm:w-72`} />
      </div>
      <div>
        <label htmlFor="fo-status" className="mb-1 block font-medium text-slate-700">
          Status
        </label>
        <select id="fo-status" name="status" defaultValue={values.status ?? ''} className={input}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="fo-connection" className="mb-1 block font-medium text-slate-700">
          Connection
        </label>
        <select id="fo-connection" name="connection" defaultValue={values.connectionId ?? ''} className={input}>
          <option value="">Any</option>
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="fo-from" className="mb-1 block font-medium text-slate-700">
          Created from (UTC)
        </label>
        <input id="fo-from" name="from" type="date" defaultValue={values.from} className={input} />
      </div>
      <div>
        <label htmlFor="fo-to" className="mb-1 block font-medium text-slate-700">
          to
        </label>
        <input id="fo-to" name="to" type="date" defaultValue={values.to} className={input} />
      </div>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
        Apply
      </button>
      <Link href={base} className="py-1.5">
        Clear filters
      </Link>
    </form>
  );
}
