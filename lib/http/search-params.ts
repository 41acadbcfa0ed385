import { stripUnstorable } from '@/lib/validation/text';

/** A page's `searchParams` as Next gives them: a key may repeat (`?q=a&q=b`) or be absent. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

export type SearchParams = Record<string, string | undefined>;

/**
 * The one way pages and route handlers read search params: the first value of each key, without
 * characters PostgreSQL cannot hold. A `%00` typed into a URL used to reach a search query and
 * crash the page; dropped here, the search simply runs on the rest of the text.
 */
export function readSearchParams(sp: RawSearchParams | URLSearchParams): SearchParams {
  // No prototype: a key like `constructor` or `toString` that the URL lacks reads as absent, not as
  // Object's own function. And only text is taken: Next's object for `?valueOf=` held something else.
  // (React will not pass an object without a prototype to a client component: pass its fields.)
  const out: SearchParams = Object.create(null) as SearchParams;
  const entries: [string, unknown][] = sp instanceof URLSearchParams ? [...sp.keys()].map((k) => [k, sp.get(k) ?? undefined]) : Object.entries(sp);
  for (const [key, value] of entries) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[stripUnstorable(key)] = stripUnstorable(first);
  }
  return out;
}

/** A link to `base` with the given search params (empty ones left out): the pages' filter, paging and sort links. */
export function hrefWith(base: string, params: SearchParams): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `${base}?${s}` : base;
}

/**
 * `table[key]` for a key that came from a URL: only the table's own entries, so `?done=constructor`
 * finds nothing instead of Object's constructor.
 */
export function entryFor<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
