import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge, type BadgeStatus } from '@/components/ui/status-badge';
import { EmptyState, Pager, SearchBox, SortHeader, Table, Td, Th } from '@/components/ui/table';
import type { ListParams, Page } from '@/lib/paging';

/** What every stock document's list row has: its number (the link to it), lines and status. */
export type DocumentRow = { id: string; number: string; lines: number; status: BadgeStatus };

export type DocumentColumn<R> = { label: string; align?: 'right'; cell: (row: R) => ReactNode };

type Words = { title: string; body?: ReactNode };

/**
 * The list screen of a stock document (Stock Adjustments, Stocktake, Stock Transfer): header with
 * the screen's buttons, search, the empty states, and the table sorted by number with keyset
 * paging. Each screen keeps its own columns (between Number and Lines) and its own words.
 */
export function DocumentList<R extends DocumentRow>(props: {
  title: string;
  crumbs: string[];
  /** The list's path; a document opens at `${base}/${id}`. */
  base: string;
  /** Buttons in the header (New …). */
  actions?: ReactNode;
  /** Shown between the header and the search (the Stocktake's Start form). */
  children?: ReactNode;
  search: { label: string; placeholder: string };
  /** Table caption for screen readers. */
  caption: string;
  columns: DocumentColumn<R>[];
  /** Said under the status badge (the Stocktake's Auto-Sync and Needs attention). */
  statusNote?: (row: R) => ReactNode;
  /** No documents at all yet. */
  empty: Words;
  /** The search (or a page past the end) found nothing. */
  noMatch: Words;
  params: ListParams<string>;
  page: Page<R>;
}) {
  const { base, params, page } = props;
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  const filtered = Boolean(params.q || params.after);
  const empty = filtered ? props.noMatch : props.empty;
  return (
    <>
      <PageHeader title={props.title} crumbs={props.crumbs}>
        {props.actions}
      </PageHeader>
      {props.children}
      <div className="mb-4">
        <SearchBox base={base} q={params.q} label={props.search.label} placeholder={props.search.placeholder} />
      </div>
      {page.rows.length === 0 ? (
        <EmptyState title={empty.title}>{empty.body}</EmptyState>
      ) : (
        <>
          <Table
            caption={props.caption}
            head={
              <>
                <SortHeader label="Number" sortKey="number" base={base} current={current} />
                {props.columns.map((c) => (
                  <Th key={c.label} align={c.align}>
                    {c.label}
                  </Th>
                ))}
                <Th align="right">Lines</Th>
                <Th>Status</Th>
              </>
            }
          >
            {page.rows.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link href={`${base}/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                    {r.number}
                  </Link>
                </Td>
                {props.columns.map((c) => (
                  <Td key={c.label} align={c.align}>
                    {c.cell(r)}
                  </Td>
                ))}
                <Td align="right">{r.lines}</Td>
                <Td>
                  <StatusBadge status={r.status} />
                  {props.statusNote?.(r)}
                </Td>
              </tr>
            ))}
          </Table>
          <Pager base={base} current={current} next={page.next} />
        </>
      )}
    </>
  );
}
