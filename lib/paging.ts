import { z } from 'zod';
import { Guid } from '@/lib/validation/id';
import { storableText } from '@/lib/validation/text';

/**
 * Keyset paging: a page is "the next N rows after this sort key", so page 500 costs what page 1
 * costs. The cursor is the last row's sort value and id, base64url JSON.
 */
export const PAGE_SIZE = 50;

export type Cursor = { v: string | number | null; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

// The cursor comes back in the URL (or an API call), so it is checked like any other input: its text
// storable, its number a safe integer, and its id one a key column can hold (every table's key is a
// UUID; the logs' are integers). Whether the value fits the list's sort column is keyset()'s check.
const CursorShape = z.object({
  v: z.union([storableText(), z.number().int(), z.null()]),
  id: z.union([Guid, z.string().regex(/^\d{1,18}$/)]),
});

export function decodeCursor(text: string | undefined | null): Cursor | null {
  if (!text) return null;
  try {
    return CursorShape.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

export type ListParams<S extends string> = { q?: string; sort: S; dir: 'asc' | 'desc'; after: Cursor | null; limit?: number };
export type Page<T> = { rows: T[]; next: string | null };

/**
 * Reads ?q=&sort=&dir=&after= from a page's search params, with defaults for anything unknown
 * (documents list newest first: `defaultDir` 'desc').
 */
export function readListParams<S extends string>(sp: Record<string, string | string[] | undefined>, sorts: readonly S[], fallback: S, defaultDir: 'asc' | 'desc' = 'asc'): ListParams<S> {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : (sp[k] as string | undefined));
  const sort = (sorts as readonly string[]).includes(one('sort') ?? '') ? (one('sort') as S) : fallback;
  const dir = one('dir') === 'desc' || one('dir') === 'asc' ? (one('dir') as 'asc' | 'desc') : defaultDir;
  return { q: one('q')?.trim() || undefined, sort, dir, after: decodeCursor(one('after')) };
}

/** Takes limit+1 rows from a query and turns the extra one into the next cursor. */
export function toPage<T extends { id: string }>(rows: T[], limit: number, sortValue: (row: T) => string | number | null): Page<T> {
  if (rows.length <= limit) return { rows, next: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: encodeCursor({ v: sortValue(last), id: last.id }) };
}
