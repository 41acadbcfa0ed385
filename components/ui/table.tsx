import Link from '@/components/ui/link';
import { hrefWith } from '@/lib/http/search-params';

type Params = Record<string, string | undefined>;

/** A column header that sorts the list by a server-side key (toggles asc/desc, restarts paging). */
/** `keep`: other search params of the list (its filters) that sorting and paging keep. */
export function SortHeader({ label, sortKey, base, current, align, keep }: { label: string; sortKey: string; base: string; current: { q?: string; sort: string; dir: string }; align?: 'right'; keep?: Params }) {
  const active = current.sort === sortKey;
  const dir = active && current.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (current.dir === 'asc' ? 'ascending' : 'descending') : undefined} className={`px-3 py-2 font-semibold ${align === 'right' ? 'text-right' : 'text-left'}`}>
      <Link href={hrefWith(base, { ...keep, q: current.q, sort: sortKey, dir })} className="text-slate-700 hover:text-indigo-700">
        {label}
        <span aria-hidden className="ml-1 text-slate-400">{active ? (current.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </Link>
    </th>
  );
}

export function Th({ children, align }: { children?: React.ReactNode; align?: 'right' }) {
  return (
    <th scope="col" className={`px-3 py-2 font-semibold text-slate-700 ${align === 'right' ? 'text-right' : 'text-left'}`}>
      {children}
    </th>
  );
}

/** A cell of a `Table`: its padding and alignment come from the table's `data-table` class (globals.css). */
export function Td({ children, align, className }: { children?: React.ReactNode; align?: 'right'; className?: string }) {
  const cls = align === 'right' ? (className ? `num ${className}` : 'num') : className;
  return <td className={cls}>{children}</td>;
}

/**
 * A table in its own scroll box: on a narrow screen a wide table scrolls sideways inside it, never
 * the page. `relative` keeps the cells' absolutely placed bits (sr-only labels) inside the box too.
 * The box takes the keyboard focus (tabIndex 0), so a table without links or inputs can still be
 * scrolled with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable). It gets no role:
 * a landmark per table would crowd the page's regions (and share a name with its section).
 */
export function Table({ head, children, caption }: { head: React.ReactNode; children: React.ReactNode; caption?: string }) {
  return (
    <div tabIndex={0} className="relative overflow-x-auto rounded border border-slate-200 bg-white shadow-sm">
      <table className="data-table min-w-full divide-y divide-slate-200">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-100">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * The two ends of a keyset pager: a link to the first page and one to the next, or the same words
 * greyed where there is no such page. Every list's pager is this one, so the greyed words keep a
 * readable contrast everywhere (slate-500 is 4.6:1 on the page's slate-50; slate-400 was 2.4:1).
 */
export function PagerNav({ label = 'Pages', first, next, firstText = '« First page', nextText = 'Next page »' }: { label?: string; first: string | null; next: string | null; firstText?: string; nextText?: string }) {
  return (
    <nav aria-label={label} className="mt-3 flex items-center gap-3">
      {first ? <Link href={first}>{firstText}</Link> : <span className="text-slate-500">{firstText}</span>}
      {next ? <Link href={next}>{nextText}</Link> : <span className="text-slate-500">{nextText}</span>}
    </nav>
  );
}

/** Keyset pager of a list with search and sort: First page and Next page (the cursor of the last row). */
export function Pager({ base, current, next, keep }: { base: string; current: { q?: string; sort?: string; dir?: string; after?: unknown }; next: string | null; keep?: Params }) {
  const listed = { ...keep, q: current.q, sort: current.sort, dir: current.dir };
  return <PagerNav first={current.after ? hrefWith(base, listed) : null} next={next ? hrefWith(base, { ...listed, after: next }) : null} />;
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white px-3 py-10 text-center sm:px-6">
      <p className="font-medium text-slate-800">{title}</p>
      {/* A paragraph, so a link in it is underlined like any link in running text (globals.css). */}
      {children && <p className="mt-1 text-slate-600">{children}</p>}
    </div>
  );
}

export function SearchBox({ base, q, label = 'Search', placeholder }: { base: string; q?: string; label?: string; placeholder?: string }) {
  return (
    <form action={base} method="get" role="search" className="flex items-end gap-2">
      <div className="min-w-0 flex-1 sm:flex-none">
        <label htmlFor="list-search" className="mb-1 block font-medium text-slate-700">
          {label}
        </label>
        <input id="list-search" name="q" defaultValue={q} placeholder={placeholder} className="w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 sm:w-72" />
      </div>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
        Search
      </button>
    </form>
  );
}
