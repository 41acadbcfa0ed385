// npx tsx bench/load.ts — the large merchant under 8 concurrent clients (issue 13, "Scale").
// Creates a scratch PostgreSQL database (fba_bench_load_<pid>) on DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/postgres), migrates it, generates the full merchant
// (bench/merchant/generate.ts), builds if needed and starts the production server (LOAD_PORT,
// default 3390; NEXT_DIST_DIR as the build), signs in as the administrator (a next-auth session
// cookie), checks every screen answers 200 with its content, then runs autocannon with 8
// connections for LOAD_SECONDS (default 10) per screen. Beside each screen's p50/p95 it prints the
// bare SQL the screen needs: the queries the page's lib calls issue (captured once through
// drizzle's logger), replayed through postgres.js 50 times in the page's own order (calls the page
// awaits together run together), by one client on an idle server (p50) and by 8 clients at once
// (p95, the page test's own concurrency). Goal: p95 ≤ 150 ms and ≤ 3× that SQL under the same 8
// clients. The server runs as `npm start` runs it: WEB_CONCURRENCY web processes (one per core by
// default on PostgreSQL, scripts/web-cluster.ts).
// MERCHANT_SCALE shrinks the merchant (e.g. 0.1); LOAD_KEEP_DB=1 keeps the database (its URL is
// printed); LOAD_DATABASE_URL runs against a database kept so (or filled by generate.ts), as is.
// LOAD_SCREENS=Sales,Catalog runs only the screens whose names contain one of those words.
// CPU per request: before the load, one client asks each screen LOAD_CPU_REQUESTS times (default
// 40) in 3 rounds while the server's CPU time (user + system, its whole process tree, read from
// /proc) is counted; the median round's CPU ms per request is printed, a figure the other work on a
// shared machine barely moves (wall-clock p50/p95 it does). 0 skips it; not on systems without /proc.
// The sign-in page's CPU (no data, no query) is printed after the table: the floor any page costs
// on this machine, to compare runs made on machines of other speeds.
// LOAD_SECONDS=0 skips autocannon (CPU figures only); LOAD_SERVER_NODE_ARGS gives the server Node
// flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for a profile of the run.
// Then each screen is opened in Chromium (/usr/bin/chromium) and the requests one page view sends
// to the server, with the server's CPU for them, are printed (LOAD_BROWSER=0 skips it).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import { migrateDb, openPostgres, type Db } from '../db/client';
import * as schema from '../db/schema';
import { findActiveUser } from '../lib/auth/users';
import { listProducts, PRODUCT_SORTS } from '../lib/catalog/products';
import { getConnection } from '../lib/fba/connections';
import { getLatestSyncRun } from '../lib/fba/inventory-sync';
import { CATALOG_SORTS, getCatalogConnection, listCatalog } from '../lib/fba/listings';
import { countFulfilmentOrders, listFoConnections, listFulfilmentOrders, readFoListParams } from '../lib/fulfilment/fo-list';
import { getFoView } from '../lib/fulfilment/fo-view';
import { readSearchParams } from '../lib/http/search-params';
import { listLabelDocuments } from '../lib/labels/documents';
import { readListParams } from '../lib/paging';
import { getCompanySettings } from '../lib/reference/company';
import { creditNotesOf } from '../lib/returns/credit-notes';
import { foReturnsOf } from '../lib/returns/fo-returns';
import { amazonOrderOfSale } from '../lib/channel/order-list';
import { getSale, listSales, readSaleFilters, SALE_SORTS } from '../lib/sale/queries';
import { listBinsOf, listLocationNames } from '../lib/stock/places';
import { getLatestStocktakeSync } from '../lib/stocktake/fba-sync';
import { countLinesNeedingCost, getStocktake, listStocktakeLines } from '../lib/stocktake/queries';
import { bootstrap } from '../scripts/lib/bootstrap';
import { ensureBuild } from '../scripts/lib/build';
import { assertPortFree, startNext, stopChild, waitForHealth, webConcurrency } from '../scripts/lib/processes';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { findMerchant, generateMerchant, printMerchant, RARE_WORD, scaledSizes, type GeneratedMerchant } from './merchant/generate';

const CONNECTIONS = 8;
const GOAL_MS = 150;
const GOAL_RATIO = 3;
const SQL_RUNS = 50;
const SECRET = 'bench-load-secret-not-for-production-0000';
const ENCRYPTION_KEY = Buffer.alloc(32, 11).toString('base64');

/** One lib call of a page, on the database it is given. */
type Call = ((db: Db) => Promise<unknown>) & { together?: true };
/** A lib call that sends its queries all at once (Promise.all): replayed so, not one after another. */
const together = (call: (db: Db) => Promise<unknown>): Call => Object.assign(call, { together: true as const });
type Screen = {
  name: string;
  path: string;
  /** Words the page shows when it rendered what it should (not the sign-in page). */
  expect: string[];
  /** The page's lib calls in order; the calls of one stage are awaited together. */
  stages: Call[][];
};

/** What the (app) layout and the page's permission check read for every page. */
const chrome = (userId: string): Call[] => [(db) => findActiveUser(db, userId), (db) => getCompanySettings(db)];

export function screens(m: Omit<GeneratedMerchant, 'rows' | 'seconds' | 'audited'>, userId: string, q: { saleNumber: string; foSku: string }): Screen[] {
  const foSp = { status: 'Shipped', q: q.foSku };
  const foParams = readFoListParams(readSearchParams(foSp));
  const catalogList = readListParams({}, CATALOG_SORTS, 'sku');
  const products = readListParams({}, PRODUCT_SORTS, 'sku');
  const productsQ = readListParams({ q: RARE_WORD }, PRODUCT_SORTS, 'sku');
  const sales = readListParams({}, SALE_SORTS, 'number', 'desc');
  return [
    {
      name: 'Fulfilment Orders (Shipped, searched)',
      path: `/sale/fulfilment-orders?${new URLSearchParams(foSp)}`,
      expect: ['Fulfilment Orders', q.foSku],
      stages: [chrome(userId), [(db) => listFulfilmentOrders(db, foParams), (db) => countFulfilmentOrders(db, foParams), (db) => listFoConnections(db)]],
    },
    {
      name: 'FBA Catalog',
      path: `/integration/fba/${m.connectionId}/catalog`,
      expect: ['Catalog', 'Force Sync'],
      stages: [
        chrome(userId),
        [
          // The connection's layout (header, tabs) reads it beside the page.
          (db) => getConnection(db, m.connectionId),
          (db) => getCatalogConnection(db, m.connectionId),
          (db) => listCatalog(db, m.connectionId, { ...catalogList, unmappedOnly: false }),
          (db) => getLatestSyncRun(db, m.connectionId),
          (db) => listLabelDocuments(db, { connectionId: m.connectionId, kind: 'fnsku' }, 5),
        ],
      ],
    },
    {
      name: 'Stocktake, 50,000 lines',
      path: `/inventory/stocktake/${m.stocktakeId}`,
      expect: ['ST-M00001', 'Complete'],
      stages: [
        chrome(userId),
        [(db) => getStocktake(db, m.stocktakeId)],
        [
          (db) => listStocktakeLines(db, m.stocktakeId, { after: null, q: undefined, needsCost: undefined }),
          (db) => listBinsOf(db, m.fbaLocationId),
          (db) => getLatestStocktakeSync(db, m.stocktakeId),
          (db) => countLinesNeedingCost(db, m.stocktakeId),
        ],
      ],
    },
    { name: 'Products', path: '/inventory/products', expect: ['Products', 'M-000001'], stages: [chrome(userId), [(db) => listProducts(db, products)]] },
    { name: `Products ?q=${RARE_WORD}`, path: `/inventory/products?q=${RARE_WORD}`, expect: ['Products', RARE_WORD], stages: [chrome(userId), [(db) => listProducts(db, productsQ)]] },
    {
      name: 'Sales',
      path: '/sale/sales',
      expect: ['Sales', 'SO-M'],
      stages: [chrome(userId), [(db) => listSales(db, sales, readSaleFilters({})), (db) => listLocationNames(db)]],
    },
    {
      name: 'Sale page',
      path: `/sale/sales/${m.saleId}`,
      expect: [q.saleNumber],
      stages: [chrome(userId), [together((db) => getSale(db, m.saleId)), (db) => amazonOrderOfSale(db, m.saleId), (db) => creditNotesOf(db, m.saleId)]],
    },
    {
      name: 'Fulfilment order page',
      path: `/sale/fulfilment-orders/${m.fulfilmentOrderId}`,
      expect: ['FO-M'],
      stages: [chrome(userId), [(db) => getFoView(db, m.fulfilmentOrderId), (db) => foReturnsOf(db, m.fulfilmentOrderId)]],
    },
  ];
}

export type Captured = { query: string; params: unknown[] };

/** The SQL each call of a screen issues, captured once through drizzle's logger. */
export async function captureScreen(url: string, screen: Screen): Promise<Captured[][][]> {
  const client = postgres(url, { max: 4, onnotice: () => {} });
  let sink: Captured[] = [];
  const db = drizzle({ client, schema, logger: { logQuery: (query, params) => sink.push({ query, params }) } }) as unknown as Db;
  try {
    const out: Captured[][][] = [];
    for (const stage of screen.stages) {
      const calls: Captured[][] = [];
      for (const call of stage) {
        sink = [];
        await call(db);
        if (call.together) calls.push(...sink.map((q) => [q]));
        else calls.push(sink);
      }
      out.push(calls);
    }
    return out;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** p50 of SQL_RUNS replays of the captured queries (stages in order, a stage's calls at once). */
/** One replay of a screen's captured queries in the page's order (calls awaited together run together). */
function replay(client: postgres.Sql, captured: Captured[][][]) {
  return async () => {
    const t0 = performance.now();
    for (const stage of captured)
      await Promise.all(
        stage.map(async (queries) => {
          for (const c of queries) await client.unsafe(c.query, c.params as never[]);
        }),
      );
    return performance.now() - t0;
  };
}

/** The bare SQL's p50 replayed by one client, after a warm-up. */
async function timeBareSql(url: string, captured: Captured[][][]): Promise<number> {
  const client = postgres(url, { max: 6, onnotice: () => {} });
  try {
    const once = replay(client, captured);
    for (let i = 0; i < 5; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < SQL_RUNS; i++) times.push(await once());
    return percentile(times, 0.5);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * The bare SQL's p95 under the page test's own concurrency: CONNECTIONS clients replaying it at
 * once, each on its own connections, as the web processes' pools do. On a machine with fewer
 * cores than clients the database alone queues, so this is the SQL time a page under that load
 * cannot beat; the serial figure above is what one client sees on an idle server.
 */
async function timeBareSqlConcurrent(url: string, captured: Captured[][][]): Promise<number> {
  const clients = Array.from({ length: CONNECTIONS }, () => postgres(url, { max: 3, onnotice: () => {} }));
  try {
    const times: number[] = [];
    await Promise.all(
      clients.map(async (client) => {
        const once = replay(client, captured);
        for (let i = 0; i < 2; i++) await once();
        for (let i = 0; i < Math.ceil(SQL_RUNS / 2); i++) times.push(await once());
      }),
    );
    return percentile(times, 0.95);
  } finally {
    await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  }
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
}

type Load = { p50: number; p95: number; rps: number; requests: number; errors: number };

/** autocannon with CONNECTIONS clients for `seconds`; every response's time kept for p50/p95. */
async function load(url: string, cookie: string, seconds: number): Promise<Load> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { cookie }, timeout: 30 }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) times.push(responseTime);
    });
  });
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), rps: result.requests.average, requests: times.length, errors: result.errors + result.timeouts + result.non2xx };
}

/** The page answers 200 itself (no redirect to sign-in) and shows what it should. */
async function checkScreen(base: string, cookie: string, screen: Screen) {
  const res = await fetch(base + screen.path, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${screen.name}: ${screen.path} answered ${res.status} ${res.headers.get('location') ?? ''}`);
  for (const word of screen.expect) if (!body.includes(word)) throw new Error(`${screen.name}: ${screen.path} does not show “${word}”`);
}

export function scratchUrl(server: string, name: string) {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `next build` writes its dist folder's globs into tsconfig.json; put the file back (as scripts/e2e.ts does). */
export function buildKeepingTsconfig(root: string) {
  const tsconfig = path.join(root, 'tsconfig.json');
  const before = fs.readFileSync(tsconfig, 'utf8');
  try {
    ensureBuild(root);
  } finally {
    if (fs.readFileSync(tsconfig, 'utf8') !== before) fs.writeFileSync(tsconfig, before);
  }
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

/** CPU seconds (user + system) of a process and its descendants so far, from /proc (Linux). */
export function treeCpuSeconds(pid: number): number {
  const ticks = 100; // USER_HZ: 100 on every Linux Node supports
  const children = new Map<number, number[]>();
  const times = new Map<number, number>();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // The command may hold spaces and parentheses: the fields start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(f[1]);
    times.set(Number(e), (Number(f[11]) + Number(f[12])) / ticks);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(e)]);
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += times.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** The server's CPU ms per request of one screen: `n` requests one after another, 3 rounds, the median round. */
export async function cpuPerRequest(url: string, cookie: string, pid: number, n: number): Promise<number> {
  const once = async () => {
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 5; i++) await once();
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const before = treeCpuSeconds(pid);
    for (let i = 0; i < n; i++) await once();
    rounds.push(((treeCpuSeconds(pid) - before) * 1000) / n);
  }
  return percentile(rounds, 0.5);
}

/**
 * What one page view costs the server in a real browser: Chromium (signed in with the same
 * cookie) opens the screen, waits until the network is quiet, and counts the requests that reach
 * the server (its scripts aside: static files) and the server's CPU for them, a mean over 8 views
 * after one to warm up. Links that prefetch multiply both; autocannon never runs the page's
 * JavaScript, so it cannot see them.
 */
async function browserViews(base: string, token: string, pid: number, list: Screen[]) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies([{ name: 'next-auth.session-token', value: token, url: base }]);
    const page = await context.newPage();
    let requests = 0;
    page.on('request', (r) => {
      if (r.url().startsWith(base) && !r.url().includes('/_next/static/')) requests += 1;
    });
    const out: { name: string; requests: number; cpuMs: number }[] = [];
    const VIEWS = 8;
    for (const s of list) {
      await page.goto(base + s.path);
      await page.waitForLoadState('networkidle');
      requests = 0;
      // CPU time moves in clock ticks (10 ms): measured over all the views, then divided.
      const before = treeCpuSeconds(pid);
      for (let i = 0; i < VIEWS; i++) {
        await page.goto(base + s.path);
        await page.waitForLoadState('networkidle');
      }
      out.push({ name: s.name, requests: requests / VIEWS, cpuMs: ((treeCpuSeconds(pid) - before) * 1000) / VIEWS });
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function benchLoad() {
  const root = process.cwd();
  const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const port = Number(process.env.LOAD_PORT || 3390);
  const seconds = Number(process.env.LOAD_SECONDS || 10);
  const factor = Number(process.env.MERCHANT_SCALE || 1);
  const base = `http://127.0.0.1:${port}`;
  const reuse = process.env.LOAD_DATABASE_URL;
  const name = `fba_bench_load_${process.pid}`;
  const url = reuse || scratchUrl(server, name);
  process.env.APP_ENCRYPTION_KEY = ENCRYPTION_KEY;
  await assertPortFree(port);
  const admin = await openPostgres(server, 1);
  if (!reuse) await admin.db.execute(`CREATE DATABASE ${name}`);
  let web: ChildProcess | undefined;
  try {
    const handle = await openPostgres(url, 2);
    let merchant: Omit<GeneratedMerchant, 'rows' | 'seconds' | 'audited'>;
    let userId: string;
    let names: { saleNumber: string; foSku: string };
    try {
      await migrateDb(handle);
      await bootstrap(handle.db, { adminEmail: 'bench@example.com', adminPassword: 'bench-password-0000', companyName: 'Large Merchant' });
      const found = reuse ? await findMerchant(handle.db) : null;
      if (found) merchant = found;
      else {
        const made = await generateMerchant(handle.db, scaledSizes(factor));
        printMerchant(made);
        merchant = made;
      }
      const [u] = await handle.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.isAdmin, true)).limit(1);
      userId = u.id;
      const sale = await getSale(handle.db, merchant.saleId);
      // A Shipped order's SKU: the search matches it (and other orders of that product).
      const page = await listFulfilmentOrders(handle.db, { status: 'Shipped', sort: 'created', dir: 'desc', after: null });
      names = { saleNumber: sale!.number, foSku: page.rows[0].items.split(' × ')[0] };
    } finally {
      await handle.close();
    }

    const t0 = performance.now();
    buildKeepingTsconfig(root);
    console.log(`Build check ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
    const env = { DATABASE_URL: url, NEXTAUTH_URL: base, NEXTAUTH_SECRET: SECRET, APP_ENCRYPTION_KEY: ENCRYPTION_KEY };
    // LOAD_SERVER_NODE_ARGS: Node's own flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
    // (a .cpuprofile written when it stops; Node refuses these in NODE_OPTIONS).
    const nodeArgs = process.env.LOAD_SERVER_NODE_ARGS?.split(' ').filter(Boolean);
    web = nodeArgs?.length
      ? spawn(process.execPath, [...nodeArgs, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
          cwd: root,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
        })
      : startNext(root, port, env);
    await waitForHealth(base, web);
    console.log(`Web processes: ${nodeArgs?.length ? 1 : webConcurrency({ ...process.env, ...env })}.`);
    const token = await encode({ token: { sub: userId, uid: userId, email: 'bench@example.com', name: 'Administrator' }, secret: SECRET, maxAge: 3600 });
    const cookie = `next-auth.session-token=${token}`;

    const wanted = process.env.LOAD_SCREENS?.split(',').filter(Boolean);
    const list = screens(merchant, userId, names).filter((s) => !wanted?.length || wanted.some((w) => s.name.includes(w)));
    for (const s of list) await checkScreen(base, cookie, s);
    console.log(`All ${list.length} screens answer 200 with their content. ${CONNECTIONS} connections, ${seconds} s each.`);

    const cpuRequests = Number(process.env.LOAD_CPU_REQUESTS ?? 40);
    const rows: string[][] = [['screen', 'CPU ms/req', 'KB', 'p50 ms', 'p95 ms', 'req/s', 'SQL p50 ms', 'p95/SQL', `SQL p95 @${CONNECTIONS}`, `p95/SQL@${CONNECTIONS}`, 'verdict']];
    let missed = 0;
    for (const s of list) {
      const captured = await captureScreen(url, s);
      const sqlMs = await timeBareSql(url, captured);
      const sqlLoaded = await timeBareSqlConcurrent(url, captured);
      const cpuMs = cpuRequests > 0 ? await cpuPerRequest(base + s.path, cookie, web.pid!, cpuRequests) : NaN;
      const kb = (await (await fetch(base + s.path, { headers: { cookie } })).arrayBuffer()).byteLength / 1024;
      const r = seconds > 0 ? await load(base + s.path, cookie, seconds) : { p50: NaN, p95: NaN, rps: NaN, requests: 0, errors: 0 };
      const ratio = r.p95 / sqlMs;
      const ratioLoaded = r.p95 / sqlLoaded;
      const pass = r.p95 <= GOAL_MS && ratioLoaded <= GOAL_RATIO && r.errors === 0;
      if (!pass) missed += 1;
      rows.push([s.name, f1(cpuMs), f0(kb), f0(r.p50), f0(r.p95), f1(r.rps), f1(sqlMs), f1(ratio), f1(sqlLoaded), f1(ratioLoaded), (pass ? 'PASS' : 'MISS') + (r.errors ? ` (${r.errors} errors)` : '')]);
      console.log(`  ${s.name}: ${f1(cpuMs)} CPU ms per request, ${r.requests} answers`);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    console.log(
      `Goal: p95 ≤ ${GOAL_MS} ms and ≤ ${GOAL_RATIO}× the bare SQL under the same ${CONNECTIONS} clients (p95/SQL@${CONNECTIONS}). ${missed ? `${missed} screen(s) miss it.` : 'Every screen meets it.'}`,
    );
    console.log(
      `p95/SQL is against one client's SQL on an idle server: with ${CONNECTIONS} clients on ${os.availableParallelism()} cores a request waits its turn for a core, so no page reaches 3× that.`,
    );
    if (cpuRequests > 0) {
      // The same figure for a page with no data and no database: what rendering any page costs on this machine, to compare runs on machines of other speeds.
      const floor = await cpuPerRequest(`${base}/signin`, '', web.pid!, cpuRequests);
      console.log(`Floor: the sign-in page (no data, no query) costs ${f1(floor)} CPU ms per request on this machine.`);
    }
    if (process.env.LOAD_BROWSER !== '0') {
      const views = await browserViews(base, token, web.pid!, list);
      console.log('Browser page views (Chromium, mean of 8): requests reaching the server and its CPU per view');
      const w = Math.max(...views.map((v) => v.name.length));
      for (const v of views) console.log(`  ${v.name.padEnd(w)}  ${f1(v.requests).padStart(5)} requests  ${f1(v.cpuMs).padStart(6)} CPU ms`);
    }
  } finally {
    await stopChild(web);
    if (process.env.LOAD_KEEP_DB === '1' && !reuse) console.log(`Kept ${url}`);
    else if (!reuse) await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchLoad().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
