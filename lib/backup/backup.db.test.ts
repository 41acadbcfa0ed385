import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backupKindOf, dumpPglite, restoreBackup, serverMajor, toolMajor, userRelationCount } from '@/db/backup';
import { openPglite, openPostgres, type Db, type DbHandle } from '@/db/client';
import { rowsOf } from '@/db/driver';
import { getCompanySettings, saveCompanySettings } from '@/lib/reference/company';
import { runContention, setupContention } from '@/lib/sale/testing/ship-contention';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct } from '@/test/fixtures';
import { withDatabase } from '@/test/global-setup';
import { prepareBackupDownload } from './backup-download';

/**
 * A backup as Settings → Backup makes it, restored as `npm run db:restore` does, on the driver of
 * the running project: the restored database has the same ledger and the same rows.
 */
const driver = process.env.DB_DRIVER === 'postgres' ? 'postgres' : 'pglite';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fba-backup-'));
let source: Db;
let sourceUrl: string | null;
let file: string;
const cleanup: (() => Promise<void>)[] = [];

const TABLES = ['products', 'locations', 'customers', 'users', 'stock_ledger', 'stock_levels', 'stock_adjustments', 'sales', 'sale_lines', 'sale_pick_lines', 'fulfilment_orders', 'fba_connections'];

async function ledgerSums(db: Db) {
  return rowsOf<{ product_id: string; location_id: string; qty: number }>(
    await db.execute(sql`SELECT product_id, location_id, sum(quantity)::int AS qty FROM stock_ledger GROUP BY 1, 2 ORDER BY 1, 2`),
  );
}

async function rowCounts(db: Db) {
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = Number(rowsOf<{ n: number }>(await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0].n);
  return counts;
}

/** A new, empty PostgreSQL database beside the test's own (dropped after the file). */
async function emptyPostgres(): Promise<string> {
  const name = `fba_test_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openPostgres(sourceUrl!, 1);
  await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
  cleanup.push(async () => {
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await admin.close();
  });
  return withDatabase(sourceUrl!, name);
}

async function openRestored(target: { url?: string; dir?: string }): Promise<DbHandle> {
  const handle = target.url ? await openPostgres(target.url, 2) : await openPglite({ dataDir: target.dir });
  cleanup.push(() => handle.close());
  return handle;
}

beforeAll(async () => {
  const handle = await createTestDb();
  source = handle.db;
  sourceUrl = handle.url;
  await saveCompanySettings(source, { companyName: 'Backup Test Co', baseCurrency: 'USD' });
  // Sales through Order, Pick and Ship at an FBA location (allocations, fulfilment orders)…
  const { saleIds } = await setupContention(source, { sales: 4, units: 3 });
  await runContention(source, saleIds);
  // …and stock in and out of an ordinary location.
  const shop = await makeLocation(source);
  const p = await makeProduct(source);
  await createAdjustment(source, { reason: 'Opening', lines: [{ sku: p.sku, locationId: shop.id, binId: null, quantity: 12, unitCost: 2500 }] }, null);
  await createAdjustment(source, { reason: 'Damaged', lines: [{ sku: p.sku, locationId: shop.id, binId: null, quantity: -5, unitCost: 2500 }] }, null);

  const backup = await prepareBackupDownload(source, { id: 'test', email: 'admin@example.com' }, new Date('2026-11-30T23:59:00Z'));
  expect(backup.filename).toBe(`backup-backup-test-co-2026-11-30.${driver === 'pglite' ? 'pglite.tar.gz' : 'pgdump'}`);
  file = path.join(tmp, backup.filename);
  fs.writeFileSync(file, Buffer.from(await new Response(backup.body).arrayBuffer()));
});

afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`backup and restore (${driver})`, () => {
  it('the file says what it is', () => {
    expect(backupKindOf(fs.readFileSync(file).subarray(0, 512))).toBe(driver);
  });

  it('a restore into an empty target gives the same ledger sums per product × location and the same rows', async () => {
    const target = driver === 'postgres' ? { kind: 'postgres' as const, url: await emptyPostgres() } : { kind: 'pglite' as const, dir: path.join(tmp, 'restored') };
    const { migrations } = await restoreBackup(file, target);
    expect(migrations).toBeGreaterThan(0);
    const restored = (await openRestored(target)).db;

    const before = await ledgerSums(source);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.map((r) => r.qty)).toContain(7); // 12 in, 5 written off
    expect(await ledgerSums(restored)).toEqual(before);

    const counts = await rowCounts(source);
    for (const t of ['stock_ledger', 'sales', 'sale_lines', 'fulfilment_orders', 'stock_adjustments']) expect(counts[t], t).toBeGreaterThan(0);
    expect(await rowCounts(restored)).toEqual(counts);
  });

  it.runIf(driver === 'pglite')('a dump taken while the web process is inside a transaction waits for it, and holds all of it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const write = source.transaction(async (tx) => {
      await tx.execute(sql`UPDATE company_settings SET company_name = 'Half written' WHERE id = 1`);
      await held;
      await tx.execute(sql`UPDATE company_settings SET company_name = 'Written whole' WHERE id = 1`);
    });
    let dumped = false;
    const dump = dumpPglite(source).then((blob) => ((dumped = true), blob));
    await new Promise((r) => setTimeout(r, 300));
    expect(dumped).toBe(false);
    release();
    await write;
    const during = path.join(tmp, 'during.pglite.tar.gz');
    fs.writeFileSync(during, Buffer.from(await (await dump).arrayBuffer()));
    const dir = path.join(tmp, 'during');
    await restoreBackup(during, { kind: 'pglite', dir });
    expect((await getCompanySettings((await openRestored({ dir })).db)).companyName).toBe('Written whole');
  });

  it.runIf(driver === 'pglite')('refuses a folder that is not empty, or that a running process holds', async () => {
    const full = path.join(tmp, 'full');
    fs.mkdirSync(full);
    fs.writeFileSync(path.join(full, 'PG_VERSION'), '17');
    await expect(restoreBackup(file, { kind: 'pglite', dir: full })).rejects.toThrow(/is not empty/);

    const held = path.join(tmp, 'held');
    fs.writeFileSync(`${held}.lock`, String(process.pid)); // this process is alive, as a server would be
    await expect(restoreBackup(file, { kind: 'pglite', dir: held })).rejects.toThrow(new RegExp(`in use by process ${process.pid}`));
    expect(fs.existsSync(held)).toBe(false);
  });

  it.runIf(driver === 'pglite')('refuses a PostgreSQL dump, and --clean, for the embedded database', async () => {
    const pgDump = path.join(tmp, 'x.pgdump');
    fs.writeFileSync(pgDump, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(600)]));
    await expect(restoreBackup(pgDump, { kind: 'pglite', dir: path.join(tmp, 'never') })).rejects.toThrow(/PostgreSQL dump \(pg_dump\), which the embedded database cannot read/);
    await expect(restoreBackup(file, { kind: 'pglite', dir: path.join(tmp, 'never') }, { clean: true })).rejects.toThrow(/--clean is for PostgreSQL only/);
    const notABackup = path.join(tmp, 'notes.txt');
    fs.writeFileSync(notABackup, 'hello');
    await expect(restoreBackup(notABackup, { kind: 'pglite', dir: path.join(tmp, 'never') })).rejects.toThrow(/is not a backup made by db:backup/);
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  });

  it.runIf(driver === 'postgres')('refuses a database that is not empty unless --clean, and an embedded backup', async () => {
    const url = await emptyPostgres();
    await restoreBackup(file, { kind: 'postgres', url });
    await expect(restoreBackup(file, { kind: 'postgres', url })).rejects.toThrow(/is not empty \(\d+ tables, views or sequences\)/);
    // --clean replaces what the backup holds: the same ledger again, not twice.
    await restoreBackup(file, { kind: 'postgres', url }, { clean: true });
    expect(await ledgerSums((await openRestored({ url })).db)).toEqual(await ledgerSums(source));

    const pglite = path.join(tmp, 'x.pglite.tar.gz');
    fs.writeFileSync(pglite, Buffer.from([0x1f, 0x8b, 8, 0, ...Array(600).fill(0)]));
    const empty = await emptyPostgres();
    await expect(restoreBackup(pglite, { kind: 'postgres', url: empty })).rejects.toThrow(/backup of the embedded database \(PGlite\), but DATABASE_URL points at PostgreSQL/);
    const admin = await openRestored({ url: empty });
    expect(await userRelationCount(admin.db)).toBe(0);
  });

  it.runIf(driver === 'postgres')('a download the browser abandons stops pg_dump, and the server carries on', async () => {
    const log = vi.spyOn(console, 'info').mockImplementation(() => {});
    const backup = await prepareBackupDownload(source, { id: 'test', email: 'admin@example.com' });
    const reader = backup.body.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 500)); // pg_dump's exit after the kill, unawaited
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/ cancelled after \d+ bytes for admin@example\.com/));
    expect(await serverMajor(source)).toBeGreaterThanOrEqual(15);
    log.mockRestore();
  });

  it.runIf(driver === 'postgres')('refuses client tools of another major version than the server, naming both', async () => {
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    const server = await serverMajor(source);
    for (const tool of ['pg_dump', 'pg_restore']) fs.writeFileSync(path.join(bin, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) ${server + 1}.0"\n`, { mode: 0o755 });
    process.env.PG_BIN_DIR = bin;
    try {
      expect(await toolMajor('pg_dump')).toBe(server + 1);
      await expect(prepareBackupDownload(source, { id: 'test', email: 'admin@example.com' })).rejects.toThrow(
        new RegExp(`pg_dump is version ${server + 1} but the server is PostgreSQL ${server}`),
      );
      await expect(restoreBackup(file, { kind: 'postgres', url: await emptyPostgres() })).rejects.toThrow(new RegExp(`pg_restore is version ${server + 1} but the server is PostgreSQL ${server}`));
    } finally {
      delete process.env.PG_BIN_DIR;
    }
  });
});
