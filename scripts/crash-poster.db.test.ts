import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '@/db/client';
import { rowsOf } from '@/db/driver';
import { allProblems, postedCounts } from '@/test/crash-checks';
import { seedCrashDocuments } from '@/test/crash-seed';
import { copyPgliteTemplate, createTestDb } from '@/test/db';

// SIGKILL the process posting stocktake Completes, sale Picks and Ships, inbound confirmations and
// receipts (scripts/crash-poster.ts: the actions' and the worker's lib code, in their transactions) at random
// moments, restart it as a supervisor would, and check after every kill and at the end that the
// ledger equals the stock levels and no document is half posted or posted twice. On PostgreSQL and
// on the embedded database (the child owns the data folder; after a kill its pid lock is stale and
// the next opener takes it over, and PGlite recovers the folder).

const SIZE = { products: 60, stocktakes: 4, sales: 6, saleLines: 10, inbounds: 5, inboundLines: 8 };
// A PGlite poster takes ~4 s to start (the WebAssembly database and its recovery), a PostgreSQL one ~2 s.
const KILLS = process.env.DB_DRIVER === 'postgres' ? 6 : 4;

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

type Poster = { child: ChildProcess; lines: string[]; exited: Promise<number | null>; onLine: (fn: (line: string) => void) => void };

/** The poster as its own process (node with tsx's loader, no wrapper: the pid is the poster). */
function startPoster(target: string[]): Promise<Poster> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/crash-poster.ts', ...target], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => (children.delete(child), r(code))));
  return new Promise((resolve, reject) => {
    const poster = { child, lines, exited, onLine: (fn: (line: string) => void) => listeners.push(fn) };
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('ready')) resolve(poster);
        for (const fn of listeners) fn(line);
      }
    });
    void exited.then((code) => reject(new Error(`the poster exited (${code}) before it was ready`)));
  });
}

/**
 * A random moment while the poster works: just after it starts its n-th action (1 to 3), plus up
 * to 100 ms, so most kills land inside an action (50–800 ms on PGlite, 20–100 ms on PostgreSQL)
 * and some between, and the documents last for several kills.
 */
function killSoon(poster: Poster) {
  const nth = 1 + Math.floor(Math.random() * 3);
  let seen = 0;
  poster.onLine((line) => {
    if (line.startsWith('posting ') && ++seen === nth) setTimeout(() => poster.child.kill('SIGKILL'), Math.random() * 100);
  });
  // A poster with fewer actions left than that is killed while it drains or waits.
  const late = setTimeout(() => poster.child.kill('SIGKILL'), 8_000);
  void poster.exited.then(() => clearTimeout(late));
}

/** What a kill interrupted: the last action or drain that started and did not end (`stocktake <id>`, `drain`), or null. */
function interrupted(lines: string[]) {
  const last = [...lines].reverse().find((l) => /^(posting|posted|draining|drained) /.test(`${l} `));
  if (last?.startsWith('posting ')) return last.slice('posting '.length);
  return last === 'draining' ? 'drain' : null;
}

/** Whether the interrupted action shows as done: its commit went through just before the kill. */
async function wasPosted(db: Db, cut: string) {
  const [kind, id] = cut.split(' ');
  const q = {
    stocktake: sql`SELECT (status = 'Completed') AS done FROM stocktakes WHERE id = ${id}`,
    pick: sql`SELECT (pick_status = 'Authorised') AS done FROM sales WHERE id = ${id}`,
    ship: sql`SELECT (ship_status = 'Authorised') AS done FROM sales WHERE id = ${id}`,
    confirm: sql`SELECT EXISTS (SELECT 1 FROM outbox WHERE subject_id = ${id}) AS done`,
  }[kind];
  return q ? Boolean(rowsOf<{ done: boolean }>(await db.execute(q))[0]?.done) : null;
}

/** The database as the test sees it between posters: PostgreSQL stays open; PGlite is opened only while no poster runs. */
async function prepare(): Promise<{ target: string[]; withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>; lockFile: string | null; cleanup: () => Promise<void> }> {
  if (process.env.DB_DRIVER === 'postgres') {
    const handle = await createTestDb();
    await seedCrashDocuments(handle.db, SIZE);
    // The database itself is dropped by the global teardown (test/global-setup.ts).
    return { target: ['--pg', handle.url!], withDb: (fn) => fn(handle.db), lockFile: null, cleanup: handle.close };
  }
  const dir = copyPgliteTemplate();
  const root = path.dirname(dir);
  const seeded = await openPglite({ dataDir: dir });
  await seedCrashDocuments(seeded.db, SIZE);
  await seeded.close();
  const withDb = async <T,>(fn: (db: Db) => Promise<T>) => {
    const handle = await openPglite({ dataDir: dir });
    try {
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  };
  return { target: ['--pglite', dir], withDb, lockFile: `${dir}.lock`, cleanup: async () => fs.rmSync(root, { recursive: true, force: true }) };
}

describe('SIGKILL during posting', () => {
  let env: Awaited<ReturnType<typeof prepare>>;
  let seedMs = 0;
  // The teardown is the hook's returned function: an afterAll registered inside a hook never runs.
  beforeAll(async () => {
    const started = Date.now();
    env = await prepare();
    seedMs = Date.now() - started;
    return env.cleanup;
  }, 120_000);

  it('after every kill and restart the ledger equals the stock levels and each document is posted whole or not at all', { timeout: 240_000 }, async () => {
    const { target, withDb, lockFile } = env;
    const seeded = Date.now();
    const cuts: string[] = [];
    let kills = 0;
    let rolledBack = 0;
    for (let k = 0; k < KILLS; k++) {
      const poster = await startPoster(target);
      killSoon(poster);
      // Exit 0: everything was posted before the kill came (a short last round).
      if ((await poster.exited) === 0) break;
      kills += 1;
      const cut = interrupted(poster.lines);
      if (lockFile) expect(fs.readFileSync(lockFile, 'utf8'), 'the dead poster left its lock').toBe(String(poster.child.pid));
      // Opening the folder again takes over the dead poster's lock and recovers PGlite's data.
      const { problems, posted } = await withDb(async (db) => ({ problems: await allProblems(db), posted: cut ? await wasPosted(db, cut) : null }));
      expect(problems, `after kill ${k + 1} (during ${cut ?? 'nothing'})`).toEqual([]);
      if (cut) cuts.push(cut.split(' ')[0]);
      // Not posted after the kill: the kill landed inside the action's transaction, which was rolled back.
      if (posted === false) rolledBack += 1;
    }
    expect(kills, 'posters killed before they finished').toBeGreaterThanOrEqual(3);
    const last = await startPoster(target);
    expect(await last.exited, 'the last poster finishes').toBe(0);
    const { problems, counts } = await withDb(async (db) => ({ problems: await allProblems(db), counts: await postedCounts(db) }));
    expect(problems).toEqual([]);
    expect(counts).toMatchObject({ stocktakes: SIZE.stocktakes, picks: SIZE.sales, ships: SIZE.sales, pressed: SIZE.inbounds, confirmed: SIZE.inbounds, received: SIZE.inbounds });
    console.log(
      `crash test (${process.env.DB_DRIVER}): seed ${seedMs} ms, ${kills} kills in ${Date.now() - seeded} ms; ${cuts.length} mid-way (${cuts.join(', ')}), ${rolledBack} actions rolled back and posted again`,
    );
  });
});
