import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { NAV } from '@/lib/nav';
import { encodeCursor, type Cursor } from '@/lib/paging';
import { expect, test } from '../support/test';
import { readSeed, sessionFile } from '../support/state';
import type { BadInputSeed } from './bad-input.seed';

// Every page reads its URL's query (search, filters, sort, paging cursor, tab, a message to show),
// and a URL is typed, edited, pasted and bookmarked: it is input like a form. Every page on disk is
// asked for with generated queries — wrong types, forged paging cursors, impossible dates, NUL,
// 5,000-character values, unknown keys, repeated keys — and must answer with its page (or a 404 for
// a record that does not exist), never the error page. Pages with an id are asked for with a real
// record's id, found in the links of the menu's screens, so their own queries (tabs, paging) run.

test.use({ storageState: sessionFile('admin') });

const APP = path.join(process.cwd(), 'app');
const ERROR_HEADING = 'Something went wrong on our side';

/** Every page.tsx under app/, as a route pattern (route groups dropped): `/sale/sales/[id]`. */
function pageRoutes(): string[] {
  return fs
    .readdirSync(APP, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'page.tsx')
    .map((e) => `/${path.relative(APP, e.parentPath).split(path.sep).filter((seg) => !/^\(.*\)$/.test(seg)).join('/')}`.replace(/\/$/, '') || '/')
    .sort();
}

const KEYS = ['constructor', 'toString', 'valueOf', '__proto__', 'permission', 'administrator', 'q', 'sort', 'dir', 'after', 'status', 'state', 'channel', 'from', 'to', 'connection', 'needsCost', 'tab', 'done', 'posted', 'table', 'user', 'row', 'operation', 'outcome', 'requestId', 'name', 'failed', 'unmapped', 'bin', 'step', 'kind', 'edit', 'saved', 'error', 'callbackUrl'];

const cursor = fc.jsonValue({ maxDepth: 2 }).map((v) => encodeCursor(v as Cursor));
const forgedCursor = fc
  .record({ v: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.constant('2026-02-30 25:00:00+00')), id: fc.oneof(fc.uuid(), fc.string(), fc.constant('123')) })
  .map((c) => encodeCursor(c as Cursor));
const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '\u0000', '%00', '-1', '0', '1.5', '1e309', '9'.repeat(25), 'desc', 'asc', 'number', 'created', 'yes', '2026-02-30', '0000-01-01', '12026-01-01', 'not-a-uuid', '<script>alert(1)</script>', "' OR 1=1 --", '\\', '%', '_'),
  // Names every JavaScript object answers to: a value looked up in a plain object by the URL's word.
  fc.constantFrom('constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'),
  fc.constant('x'.repeat(5_000)),
  fc.uuid(),
  cursor,
  forgedCursor,
);
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ minLength: 1, maxLength: 8 })), value), { minLength: 1, maxLength: 5 }).map((pairs) => {
  const sp = new URLSearchParams();
  for (const [k, v] of pairs) sp.append(k, v);
  return sp.toString();
});

/** The failure this test looks for, as a GET sees it. */
async function failed(res: { status(): number; text(): Promise<string> }) {
  return res.status() >= 500 || (res.status() < 300 && (await res.text()).includes(ERROR_HEADING));
}

test('every page answers a generated query with itself or a 404, never the error page', async ({ request }) => {
  test.slow();
  // Real ids: the links the menu's screens (and those links' pages) show.
  const hrefs = new Set<string>();
  const collect = async (url: string) => {
    const html = await (await request.get(url)).text();
    for (const m of html.matchAll(/href="(\/[^"?#]*)/g)) hrefs.add(m[1]!);
  };
  for (const item of NAV.flatMap((g) => g.items)) await collect(item.href);
  // Twice more through the records' own links (tabs, Count, Pick by scanning), one page per route.
  for (let round = 0; round < 2; round++) {
    const seen = new Set<string>();
    for (const href of [...hrefs].filter((h) => /\/[0-9a-f-]{36}(\/|$)/.test(h))) {
      const route = href.replace(/[0-9a-f-]{36}/g, ':id');
      if (seen.has(route)) continue;
      seen.add(route);
      await collect(href);
    }
  }

  // The one record bad-input.spec.ts damaged on purpose is left out, and shows the check can fail.
  const damaged = `/sale/sales/${readSeed<BadInputSeed>('forms/bad-input').damagedSaleId}`;
  expect(await failed(await request.get(damaged, { maxRedirects: 0 })), damaged).toBe(true);
  hrefs.delete(damaged);

  const concrete: string[] = [];
  const unresolved: string[] = [];
  for (const route of pageRoutes()) {
    if (!route.includes('[')) {
      concrete.push(route);
      continue;
    }
    const pattern = new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[0-9a-f-]{36}')}$`);
    const found = [...hrefs].find((h) => pattern.test(h));
    if (!found) unresolved.push(route);
    // No such record in the run's data: a well-formed id nobody has, and one that is not an id.
    concrete.push(found ?? route.replace(/\[[^\]]+\]/g, '00000000-0000-4000-8000-000000000000'), route.replace(/\[[^\]]+\]/g, 'not-an-id'));
  }
  expect(concrete.length).toBeGreaterThan(45);
  // Pages with an id mostly run on a real record (the rest on ids no record has).
  console.log(`page-params: ${concrete.length} URLs; no record found for ${unresolved.join(', ') || 'none'}`);
  expect(unresolved.length).toBeLessThan(8);

  const failures: string[] = [];
  for (const pagePath of concrete) {
    for (const q of fc.sample(query, 4)) {
      const url = `${pagePath}?${q}`;
      const res = await request.get(url, { maxRedirects: 0 });
      if (await failed(res)) failures.push(`${res.status()} ${url.slice(0, 300)}`);
    }
  }
  expect(failures).toEqual([]);
});
