// npx tsx bench/stocktake-sync.ts — Stocktake Sync of a 50,000-SKU FBA inventory report, by phase
// (download, parse, match, write lines), beside a bare PostgreSQL COPY of the same rows into a
// temp table in the same run. PostgreSQL from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// in a scratch database created and dropped here; then PGlite in memory. BENCH_SKUS changes the size.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migrateDb, openPglite, openPostgres, type DbHandle } from '../db/client';
import { parseInventoryReport } from '../lib/fba/inventory-report';
import { REPORT_COLUMNS } from '../lib/fba/sp-api/models/reports';
import { syncStocktakeFromRows } from '../lib/stocktake/fba-sync';
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

/** Serves the report gzipped, as Amazon's document URL does for anything but tiny reports. */
async function serveReport(tsv: string) {
  const gz = gzipSync(tsv);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/tab-separated-values; charset=UTF-8', 'content-length': gz.length });
    res.end(gz);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.tsv`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;

type Phases = { download: number; parse: number; match: number; write: number; total: number };

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

/** One Sync as the button runs it: download, parse, then the transaction (match + write). */
async function runSync(handle: DbHandle, locationId: string, url: string): Promise<Phases> {
  const st = await startStocktake(handle.db, { locationId }, null);
  const t0 = performance.now();
  const text = gunzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).toString('utf8');
  const t1 = performance.now();
  const report = parseInventoryReport(text);
  if (report.errors.length > 0) throw new Error(`bench report unreadable: ${report.errors[0].message}`);
  const t2 = performance.now();
  const res = await syncStocktakeFromRows(handle.db, st.id, report.rows, null);
  const t3 = performance.now();
  if (res.synced !== report.rows.length) throw new Error(`synced ${res.synced} of ${report.rows.length}`);
  await voidStocktake(handle.db, st.id);
  return { download: t1 - t0, parse: t2 - t1, match: res.ms.match, write: t3 - t2 - res.ms.match, total: t3 - t0 };
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
 * The floor for the write phase: COPY of the same number of rows straight into stocktake_lines,
 * with its keys, unique index and foreign keys (rolled back). Shows how much of the write is the
 * table's own cost rather than the sync's.
 */
async function copyIntoLines(url: string, locationId: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const ids = await client<{ id: string }[]>`SELECT id FROM products`;
    let took = 0;
    await client
      .begin(async (tx) => {
        // A stocktake of its own (rolled back with the rows): lines are unique per stocktake.
        const [st] = await tx<{ id: string }[]>`INSERT INTO stocktakes (number, location_id, status) VALUES ('BENCH-FLOOR', ${locationId}, 'Voided') RETURNING id`;
        const body = ids.map((r, i) => `${st.id}\t${r.id}\t0\t${i % 100}`).join('\n') + '\n';
        const t0 = performance.now();
        const writable = await tx`COPY stocktake_lines (stocktake_id, product_id, expected, counted) FROM STDIN`.writable();
        // A COPY the server refuses leaves postgres.js's stream pending: give up rather than hang.
        await Promise.race([pipeline(Readable.from([body]), writable), new Promise((_, reject) => setTimeout(() => reject(new Error('COPY into stocktake_lines did not finish')), 60_000).unref())]);
        took = performance.now() - t0;
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
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

function print(engine: string, runs: Phases[], copy: number[], floor?: number[]) {
  const m = (k: keyof Phases) => median(runs.map((r) => r[k]));
  const c = median(copy);
  console.log(
    [
      `stocktake sync (${engine}, median of ${runs.length}):`,
      `  download ${ms(m('download'))} · parse ${ms(m('parse'))} · match ${ms(m('match'))} · write lines ${ms(m('write'))}`,
      `  total    ${ms(m('total'))}   bare COPY of the same rows ${ms(c)}   ratio ${(m('total') / c).toFixed(1)}×  (goal ≤ 3×, < 5000 ms)`,
      ...(floor ? [`  (COPY of as many rows straight into stocktake_lines, keys and foreign keys checked: ${ms(median(floor))}; write lines is ${(m('write') / median(floor)).toFixed(1)}× that)`] : []),
    ].join('\n'),
  );
  return { total: m('total'), copy: c };
}

export async function benchStocktakeSync(options: { skus?: number; runs?: number; pglite?: boolean } = {}) {
  const skus = options.skus ?? Number(process.env.BENCH_SKUS ?? 50_000);
  const runs = options.runs ?? 3;
  const { tsv, body } = makeInventoryReport(skus);
  const served = await serveReport(tsv);
  console.log(`stocktake sync: ${skus.toLocaleString('en')} SKUs, report ${(tsv.length / 1e6).toFixed(1)} MB (${(gzipSync(tsv).length / 1e6).toFixed(1)} MB gzipped)`);
  const results: Record<string, { total: number; copy: number }> = {};
  try {
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
          phases.push(await runSync(handle, loc.id, served.url));
          copies.push(await copyPostgres(scratch.toString(), body));
          floor.push(await copyIntoLines(scratch.toString(), loc.id));
        }
        results.postgres = print('PostgreSQL', phases, copies, floor);
      } finally {
        await handle.close();
      }
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    }
    if (options.pglite ?? true) {
      const handle = await openPglite();
      try {
        const loc = await seed(handle, skus);
        const phases: Phases[] = [];
        const copies: number[] = [];
        for (let i = 0; i < runs; i++) {
          phases.push(await runSync(handle, loc.id, served.url));
          copies.push(await copyPglite(handle, body));
        }
        results.pglite = print('PGlite, in memory', phases, copies);
      } finally {
        await handle.close();
      }
    }
  } finally {
    await served.close();
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchStocktakeSync();
  process.exit(0);
}
