// npx tsx bench/ship-authorise.ts — sale authorisations per second under contention: 200 sales each
// wanting 1 unit of one product at an FBA location (Automatic connection) holding 100. Stock is
// taken at Order Authorise (allocation + Automatic Pick), so the 200 compete there; the 100
// winners then authorise Ship at once (one fulfilment order and one outbox row each). PostgreSQL
// from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), in a scratch database
// created and dropped here, with a pool of BENCH_POOL connections (default 20). BENCH_SALES and
// BENCH_UNITS change the sizes.
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { migrateDb, openPostgres } from '../db/client';
import { runContention, setupContention } from '../lib/sale/testing/ship-contention';

export async function benchShipAuthorise(opts: { sales?: number; units?: number; pool?: number } = {}) {
  const sales = opts.sales ?? Number(process.env.BENCH_SALES ?? 200);
  const units = opts.units ?? Number(process.env.BENCH_UNITS ?? 100);
  const pool = opts.pool ?? Number(process.env.BENCH_POOL ?? 20);
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `fba_bench_ship_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const scratch = new URL(base);
  scratch.pathname = `/${name}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const handle = await openPostgres(scratch.toString(), pool);
    try {
      await migrateDb(handle);
      const { saleIds } = await setupContention(handle.db, { sales, units, tag: 'bench' });
      const r = await runContention(handle.db, saleIds);
      const shipped = r.ships.filter((s) => s.status === 'fulfilled').length;
      const line = (what: string, n: number, msTotal: number) => console.log(`${what.padEnd(34)} ${String(n).padStart(4)} in ${msTotal.toFixed(0).padStart(6)} ms  = ${((n * 1000) / msTotal).toFixed(1).padStart(7)} /s`);
      console.log(`ship-authorise: ${sales} sales × 1 unit competing for ${units} units at one FBA location, pool ${pool}`);
      line('Order Authorise attempts (all)', sales, r.orderMs);
      line('  of which succeeded', r.won.length, r.orderMs);
      line('Ship Authorise (1 FO + outbox each)', shipped, r.shipMs);
      return { orderAttemptsPerSecond: (sales * 1000) / r.orderMs, shipsPerSecond: (shipped * 1000) / r.shipMs, won: r.won.length, shipped };
    } finally {
      await handle.close();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end({ timeout: 5 });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchShipAuthorise();
