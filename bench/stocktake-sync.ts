// npx tsx bench/stocktake-sync.ts — Stocktake Sync of a 50,000-SKU FBA inventory report as the
// drain runs it (the gzipped document downloaded whole from a local server outside any
// transaction; then one transaction inflates and parses it while each chunk of rows is matched
// and written by SQL, finishes the end-of-report work and commits), by phase, beside a COPY of
// the same rows straight into stocktake_lines (keys and foreign keys checked, committed): the goal
// is a sync (download to committed lines) within 1.2x that COPY, as the median of each run's sync
// over the COPY timed right after it (both after a VACUUM and a CHECKPOINT). PostgreSQL from DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres), in a scratch database created and dropped
// here; then PGlite in memory. BENCH_SKUS changes the size, BENCH_RUNS the runs (median printed),
// BENCH_PGLITE=0 or BENCH_POSTGRES=0 skips that half.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migrateDb, openPglite, openPostgres, type DbHandle } from '../db/client';
import { openInventoryReport } from '../lib/fba/inventory-report';
import type { SpApiClient } from '../lib/fba/sp-api';
import { REPORT_COLUMNS } from '../lib/fba/sp-api/models/reports';
import { createReportOperations } from '../lib/fba/sp-api/report-operations';
import { syncStocktakeFromReport } from '../lib/stocktake/fba-sync';
import { startStocktake, voidStocktake } from '../lib/stocktake/stocktake';
import { makeFbaConnection } from '../test/fba-fixtures';

const COLUMNS = REPORT_COLUMNS.GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA;
const sku = (i: number) => `BENCH-${String(i).padStart(6, '0')}`;

/** Amazon's GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: header line, then one tab-separated row per SKU. */
export function makeInventoryReport(skus: number): { tsv: string; body: string } {
  const lines: string[] = [];
  for (let i = 1; i <= skus; i++) {
    const f = (i * 37) % 500;
    const cells = [sku(i), `X00${String(i).padStart(7, '0')}`, `B0${String(i).padStart(8, '0')}`, `Bench product ${i}`, 'New', '19.99', 'No', '0', 'Yes', String(f + 3), String(f), '1', '2', String(f + 3), '0.05', '0', String(i % 4), '0', '0', '0', '0'];
    lines.push(cells.join('\t'));
  }
  const body = lines.join('\n') + '\n';
  return { tsv: COLUMNS.join('\t') + '\n' + body, body };
}

/**
 * Serves the report gzipped, as Amazon's document URL does for anything but tiny reports. Each
 * answer closes its connection (as a pre-signed S3 URL is fetched once): a kept-alive socket the
 * server times out while the client reuses it is what ended an earlier run with ECONNRESET when
 * PGlite kept the event loop busy past the server's keep-alive timeout.
 */
async function serveReport(tsv: string) {
  const gz = gzipSync(tsv);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/tab-separated-values; charset=UTF-8', 'content-length': gz.length, connection: 'close' });
    res.end(gz);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.tsv`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Amazon's side of the report as the drain meets it, already built: only the document download is real. */
function reportClient(url: string): SpApiClient {
  const { openReportDocument } = createReportOperations(null as never, fetch, 30_000);
  return {
    createReport: async () => 'BENCH-REPORT',
    getReport: async () => ({ reportId: 'BENCH-REPORT', reportType: 'x', createdTime: new Date().toISOString(), processingStatus: 'DONE', reportDocumentId: 'BENCH-DOC' }),
    getReportDocument: async () => ({ reportDocumentId: 'BENCH-DOC', url, compressionAlgorithm: 'GZIP' }),
    openReportDocument,
  } as unknown as SpApiClient;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;

type Phases = { download: number; lines: number; finish: number; total: number };

/** Seeds the products (half with a standard cost, none with stock: an initial stocktake) once. */
async function seed(handle: DbHandle, skus: number) {
  await migrateDb(handle);
  await handle.db.execute(sql`
    INSERT INTO products (sku, name, unit_cost)
    SELECT 'BENCH-' || lpad(g::text, 6, '0'), 'Bench product ' || g, CASE WHEN g % 2 = 0 THEN 25000 END
    FROM generate_series(1, ${skus}) g`);
  await handle.db.execute(sql`ANALYZE`);
  return (await makeFbaConnection(handle.db)).location;
}

/** One Sync as the drain runs it: download the report, then one transaction parses it while writing the lines, and commits. */
async function runSync(handle: DbHandle, locationId: string, url: string, skus: number): Promise<Phases> {
  const st = await startStocktake(handle.db, { locationId }, null);
  const t0 = performance.now();
  const report = await openInventoryReport(reportClient(url), { marketplaceId: 'ATVPDKIKX0DER', sleep: async () => {} });
  const download = performance.now() - t0;
  const res = await syncStocktakeFromReport(handle.db, st.id, report.rows, null);
  const total = performance.now() - t0;
  if (res.synced !== skus) throw new Error(`synced ${res.synced} of ${skus}`);
  await voidStocktake(handle.db, st.id);
  return { download, lines: res.ms.lines, finish: res.ms.finish, total };
}

/**
 * Both timed writes start alike: the dead lines of the last run vacuumed and the dirty pages
 * written out, so neither pays for a checkpoint or an autovacuum the other set off (they moved
 * single runs by a third). CHECKPOINT needs a superuser (or pg_checkpoint): without one, skipped.
 */
async function settle(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`VACUUM (ANALYZE) stocktake_lines`;
    await client`CHECKPOINT`.catch(() => {});
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function copyPostgres(url: string, body: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const cols = COLUMNS.map((c) => `"${c}" ${/quantity|listing|price|volume|supply/.test(c) && !/exists/.test(c) ? 'numeric' : 'text'}`).join(', ');
    await client.unsafe(`CREATE TEMP TABLE report_copy (${cols})`);
    const t0 = performance.now();
    const writable = await client`COPY report_copy FROM STDIN`.writable();
    await pipeline(Readable.from([body]), writable);
    const took = performance.now() - t0;
    const [{ n }] = await client<{ n: string }[]>`SELECT count(*) AS n FROM report_copy`;
    if (Number(n) !== body.split('\n').length - 1) throw new Error(`COPY loaded ${n} rows`);
    await client`DROP TABLE report_copy`;
    return took;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * The baseline: a COPY of the same rows (one per product, as the sync writes them) straight into
 * stocktake_lines, with its primary key, unique key and foreign keys checked, committed like the
 * sync's transaction; timed from the COPY to the commit (reading the product ids is not timed).
 * The rows are deleted afterwards.
 */
async function copyIntoLines(url: string, locationId: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const ids = await client<{ id: string }[]>`SELECT id FROM products`;
    const [st] = await client<{ id: string }[]>`INSERT INTO stocktakes (number, location_id, status) VALUES ('BENCH-FLOOR-' || gen_random_uuid(), ${locationId}, 'Voided') RETURNING id`;
    const body = ids.map((r, i) => `${st.id}\t${r.id}\t0\t${i % 100}`).join('\n') + '\n';
    let t0 = 0;
    await client.begin(async (tx) => {
      t0 = performance.now();
      const writable = await tx`COPY stocktake_lines (stocktake_id, product_id, expected, counted) FROM STDIN`.writable();
      // A COPY the server refuses leaves postgres.js's stream pending: give up rather than hang.
      await Promise.race([pipeline(Readable.from([body]), writable), new Promise((_, reject) => setTimeout(() => reject(new Error('COPY into stocktake_lines did not finish')), 60_000).unref())]);
    });
    const took = performance.now() - t0;
    const [{ n }] = await client<{ n: string }[]>`SELECT count(*) AS n FROM stocktake_lines WHERE stocktake_id = ${st.id}`;
    if (Number(n) !== ids.length) throw new Error(`COPY loaded ${n} lines`);
    await client`DELETE FROM stocktake_lines WHERE stocktake_id = ${st.id}`;
    await client`DELETE FROM stocktakes WHERE id = ${st.id}`;
    return took;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function copyPglite(handle: DbHandle, body: string): Promise<number> {
  type Client = { query: (q: string, p?: unknown[], o?: { blob?: Blob }) => Promise<{ rows: { n: number }[] }>; exec: (q: string) => Promise<unknown> };
  const client = (handle.db as unknown as { $client: Client }).$client;
  const cols = COLUMNS.map((c) => `"${c}" text`).join(', ');
  await client.exec(`CREATE TEMP TABLE report_copy (${cols})`);
  const t0 = performance.now();
  await client.query(`COPY report_copy FROM '/dev/blob'`, [], { blob: new Blob([body]) });
  const took = performance.now() - t0;
  await client.exec('DROP TABLE report_copy');
  return took;
}

const GOAL = 1.2;

function print(engine: string, runs: Phases[], copy: number[], floor?: number[]) {
  const m = (k: keyof Phases) => median(runs.map((r) => r[k]));
  const c = median(copy);
  const lines = [
    `stocktake sync (${engine}, median of ${runs.length}; runs ${runs.map((r) => r.total.toFixed(0)).join(', ')} ms):`,
    `  download ${ms(m('download'))} · parse+write lines ${ms(m('lines'))} · end of report ${ms(m('finish'))} · total ${ms(m('total'))}`,
    `  (bare COPY of the report's rows into a temp table: ${ms(c)})`,
  ];
  let ratio: number | undefined;
  if (floor) {
    const f = median(floor);
    // Each run's sync against the COPY right after it, under the same conditions; the median of those.
    const pairs = runs.map((r, i) => r.total / floor[i]);
    ratio = median(pairs);
    lines.push(`  COPY of the same rows straight into stocktake_lines (keys and foreign keys checked, committed): ${ms(f)}; runs ${floor.map((x) => x.toFixed(0)).join(', ')} ms`);
    lines.push(`  sync / COPY = ${ratio.toFixed(2)}× (median of the runs' ${pairs.map((x) => x.toFixed(2)).join(', ')}; goal ≤ ${GOAL}×): ${ratio <= GOAL ? 'PASS' : 'MISS'}`);
  }
  console.log(lines.join('\n'));
  return { total: m('total'), copy: c, ratio };
}

async function benchPostgres(skus: number, runs: number, report: { url: string; body: string }) {
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `fba_bench_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const scratch = new URL(base);
  scratch.pathname = `/${name}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const handle = await openPostgres(scratch.toString(), 4);
    try {
      const loc = await seed(handle, skus);
      const phases: Phases[] = [];
      const copies: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < runs; i++) {
        await settle(scratch.toString());
        phases.push(await runSync(handle, loc.id, report.url, skus));
        copies.push(await copyPostgres(scratch.toString(), report.body));
        await settle(scratch.toString());
        floor.push(await copyIntoLines(scratch.toString(), loc.id));
      }
      return print('PostgreSQL', phases, copies, floor);
    } finally {
      await handle.close();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end({ timeout: 5 });
  }
}

async function benchPglite(skus: number, runs: number, report: { url: string; body: string }) {
  const handle = await openPglite();
  try {
    const loc = await seed(handle, skus);
    const phases: Phases[] = [];
    const copies: number[] = [];
    for (let i = 0; i < runs; i++) {
      phases.push(await runSync(handle, loc.id, report.url, skus));
      copies.push(await copyPglite(handle, report.body));
    }
    return print('PGlite, in memory', phases, copies);
  } finally {
    await handle.close();
  }
}

/** BENCH_POSTGRES=0 or BENCH_PGLITE=0 leaves that half out. */
export async function benchStocktakeSync(options: { skus?: number; runs?: number; postgres?: boolean; pglite?: boolean } = {}) {
  const skus = options.skus ?? Number(process.env.BENCH_SKUS ?? 50_000);
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  const { tsv, body } = makeInventoryReport(skus);
  const served = await serveReport(tsv);
  console.log(`stocktake sync: ${skus.toLocaleString('en')} SKUs, report ${(tsv.length / 1e6).toFixed(1)} MB (${(gzipSync(tsv).length / 1e6).toFixed(1)} MB gzipped)`);
  const results: Record<string, { total: number; copy: number; ratio?: number }> = {};
  try {
    if (options.postgres ?? process.env.BENCH_POSTGRES !== '0') results.postgres = await benchPostgres(skus, runs, { url: served.url, body });
    if (options.pglite ?? process.env.BENCH_PGLITE !== '0') results.pglite = await benchPglite(skus, runs, { url: served.url, body });
  } finally {
    await served.close();
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchStocktakeSync();
  process.exit(0);
}
