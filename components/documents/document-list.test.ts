import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readListParams } from '@/lib/paging';
import { DocumentList, type DocumentRow } from './document-list';

type Row = DocumentRow & { reason: string };

function render(rows: Row[], query: Record<string, string> = {}, next: string | null = null) {
  return renderToStaticMarkup(
    createElement(DocumentList<Row>, {
      title: 'Stock Adjustments',
      crumbs: ['Inventory'],
      base: '/inventory/stock-adjustments',
      search: { label: 'Search adjustments', placeholder: 'Number or reason' },
      caption: 'Stock adjustments',
      columns: [{ label: 'Reason', cell: (r) => r.reason }],
      statusNote: (r) => (r.status === 'Voided' ? 'nothing posted' : null),
      empty: { title: 'No stock adjustments yet', body: 'Post your first adjustment' },
      noMatch: { title: 'No adjustments match', body: 'Show all adjustments' },
      params: readListParams(query, ['number'] as const, 'number', 'desc'),
      page: { rows, next },
    }),
  );
}

/** The table as a person reads it: header cells, then each row's cells, tags removed. */
const cells = (html: string, tag: 'th' | 'td') => [...html.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map((m) => m[1].replace(/<[^>]+>/g, ''));

const rows: Row[] = [
  { id: '00000000-0000-4000-8000-000000000002', number: 'ADJ-00002', lines: 3, status: 'Voided', reason: 'Damaged' },
  { id: '00000000-0000-4000-8000-000000000001', number: 'ADJ-00001', lines: 1, status: 'Completed', reason: 'Opening stock' },
];

describe('DocumentList', () => {
  it('shows Number, the screen’s own columns, Lines and Status; each number opens its document', () => {
    const html = render(rows, {}, 'cursor');
    expect(cells(html, 'th')).toEqual(['Number▼', 'Reason', 'Lines', 'Status']);
    expect(cells(html, 'td')).toEqual(['ADJ-00002', 'Damaged', '3', 'Voidednothing posted', 'ADJ-00001', 'Opening stock', '1', 'Completed']);
    expect(html).toContain('href="/inventory/stock-adjustments/00000000-0000-4000-8000-000000000002"');
    expect(html).toContain('Next page »</a>');
    expect(html).toContain('placeholder="Number or reason"');
  });

  it('lists newest first unless the user sorts the other way', () => {
    expect(readListParams({}, ['number'] as const, 'number', 'desc').dir).toBe('desc');
    expect(readListParams({ dir: 'asc' }, ['number'] as const, 'number', 'desc').dir).toBe('asc');
    expect(render(rows, { dir: 'asc' })).toContain('aria-sort="ascending"');
  });

  it('says there is nothing yet, or that the search found nothing, in the screen’s words', () => {
    expect(render([])).toContain('No stock adjustments yet');
    expect(render([], { q: 'zzz' })).toContain('No adjustments match');
    expect(render([], { q: 'zzz' })).not.toContain('<table');
  });
});
