import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDb, openPglite } from '@/db/client';
import { rowsOf } from '@/db/driver';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeLocation, makeProduct } from '@/test/fixtures';

/**
 * `npm run db:backup` and `npm run db:restore` as a person runs them, on embedded databases in
 * folders of their own (the PostgreSQL path is the same restoreBackup, tested in lib/backup).
 */
const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fba-backup-cli-'));
const source = path.join(tmp, 'source');
const file = path.join(tmp, 'it.pglite.tar.gz');
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

async function cli(script: string, args: string[], env: Record<string, string>) {
  const childEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  try {
    const { stdout } = await run(tsx, [`scripts/${script}.ts`, ...args], { env: childEnv });
    return { code: 0, out: stdout.trim() };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, out: err.stderr.trim() };
  }
}

async function onHandAt(dir: string) {
  const handle = await openPglite({ dataDir: dir });
  try {
    return rowsOf<{ qty: number }>(await handle.db.execute(sql`SELECT sum(quantity)::int AS qty FROM stock_ledger`))[0].qty;
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  const handle = await openPglite({ dataDir: source });
  await migrateDb(handle);
  const loc = await makeLocation(handle.db);
  const p = await makeProduct(handle.db);
  await createAdjustment(handle.db, { reason: 'Opening', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: 42, unitCost: 100 }] }, null);
  await handle.close();
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run db:backup / db:restore (embedded database)', () => {
  it('backs up a folder, refuses to overwrite the file, restores into an empty folder, refuses a full one', { timeout: 120_000 }, async () => {
    expect(await cli('backup', [file], { PGLITE_DIR: source })).toEqual({ code: 0, out: `Backed up the embedded database at ${source} to ${file} (${fs.statSync(file).size} bytes).` });
    expect(await cli('backup', [file], { PGLITE_DIR: source })).toEqual({ code: 1, out: expect.stringContaining(`${file} already exists`) });

    const target = path.join(tmp, 'restored');
    expect(await cli('restore', [file], { PGLITE_DIR: target })).toEqual({ code: 0, out: `Restored ${file} into the embedded database at ${target}.` });
    expect(await onHandAt(target)).toBe(42);

    const again = await cli('restore', [file], { PGLITE_DIR: target });
    expect(again).toEqual({ code: 1, out: expect.stringContaining(`${target} is not empty`) });
    expect(again.out).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
    expect(await cli('restore', [], { PGLITE_DIR: target })).toEqual({ code: 1, out: 'Usage: npm run db:restore -- <backup file> [--clean]' });
  });
});
