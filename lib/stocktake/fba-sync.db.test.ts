import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLineCountsAfterEach } from '@/test/crash-checks';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { fbaConnections, fbaSyncRuns, products, stocktakeLines, stocktakes } from '@/db/schema';
import { spClientFor } from '@/lib/fba/connection-client';
import { fetchReportFor, openInventoryReport, openReportFor, unreadableReport, type FetchReport, type OpenReport } from '@/lib/fba/inventory-report';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { createReportOperations } from '@/lib/fba/sp-api/report-operations';
import { createAdjustment } from '@/lib/stock/adjustments';
import type { RunningSandbox } from '@/sandbox/index';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, reportRow as row, startFastSandbox } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { onHand } from '@/test/stock';
import { drainStocktakeSyncs, getLatestStocktakeSync, requestStocktakeSync, syncStocktakeFromRows, type StocktakeSyncDeps } from './fba-sync';
import { findLinesNeedingCost, getStocktake } from './queries';
import { applyCounts, completeStocktake, startStocktake, voidStocktake } from './stocktake';

let db: Db;

checkLineCountsAfterEach(() => db);
let dbUrl: string | null;
let userId: string;
let sandbox: RunningSandbox;
beforeAll(async () => {
  const handle = await createTestDb();
  db = handle.db;
  dbUrl = handle.url;
  userId = (await makeUser(db)).id;
  sandbox = await startFastSandbox();
});
afterAll(() => sandbox?.close());

/** `p`, or a failure after `ms`. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The Sync button, then the worker's drain: the finished run. */
async function syncNow(stocktakeId: string, deps: StocktakeSyncDeps = {}) {
  const run = await requestStocktakeSync(db, stocktakeId, userId);
  await drainStocktakeSyncs(db, deps);
  return (await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.id, run.id)))[0];
}

async function linesOf(stocktakeId: string) {
  const rows = await db
    .select({ sku: products.sku, counted: stocktakeLines.counted, expected: stocktakeLines.expected, unitCost: stocktakeLines.unitCost, lineId: stocktakeLines.id })
    .from(stocktakeLines)
    .innerJoin(products, eq(products.id, stocktakeLines.productId))
    .where(eq(stocktakeLines.stocktakeId, stocktakeId));
  return new Map(rows.map((r) => [r.sku, r]));
}

describe('stocktake Sync with FBA', () => {
  it('imports the sandbox demo seller: stocked and zero-stock products get Amazon quantities; Complete waits for a unit cost; missing SKUs become products', async () => {
    const { conn, location } = await makeFbaConnection(db, { sellerId: 'ASANDBOXSELLER1' });
    // Case differs from Amazon's SKU on purpose: matching ignores case.
    const stocked = await makeProduct(db, { sku: 'demo-001', name: 'Demo product 001' });
    const zero = await makeProduct(db, { sku: 'DEMO-003', name: 'Demo product 003' });
    const standard = await makeProduct(db, { sku: 'DEMO-004', name: 'Demo product 004', unitCost: 12_000 });
    const gone = await makeProduct(db, { sku: 'OWN-ONLY-1' });
    await createAdjustment(
      db,
      { reason: 'Sent to FBA', lines: [{ sku: stocked.sku, locationId: location.id, binId: null, quantity: 3, unitCost: 20_000 }, { sku: gone.sku, locationId: location.id, binId: null, quantity: 2, unitCost: 5_000 }] },
      userId,
    );
    const st = await startStocktake(db, { locationId: location.id }, userId);
    expect((await getStocktake(db, st.id))?.external).toBe(true);

    let report: { rows: InventoryReportRow[] } = { rows: [] };
    const recording: FetchReport = async (c, options) => (report = await fetchReportFor(c, options));
    const first = await syncNow(st.id, { fetchReport: recording });
    const units = new Map(report.rows.map((r) => [r.sellerSku, r.fulfillable]));
    expect(units.get('DEMO-020')).toBe(0);
    expect(units.get('FBA-ONLY-01')).toBeGreaterThan(0);
    expect(first).toMatchObject({ kind: 'stocktake', stocktakeId: st.id, connectionId: conn.id, status: 'done', requestedBy: userId, error: null });
    expect(first.summary).toMatch(/^3 products synced, 0 created, 1 needs a unit cost, 1 product not at Amazon counted 0\. \d+ Amazon SKUs skipped \(no product has them: /);
    let lines = await linesOf(st.id);
    expect(lines.has('FBA-ONLY-01') || lines.has('DEMO-020')).toBe(false); // skipped: no product has them
    expect(lines.get('demo-001')).toMatchObject({ expected: 3, counted: units.get('DEMO-001') });
    expect(lines.get('DEMO-003')).toMatchObject({ expected: 0, counted: units.get('DEMO-003') });
    expect(lines.get('DEMO-004')).toMatchObject({ expected: 0, counted: units.get('DEMO-004') });
    expect(lines.get('OWN-ONLY-1')).toMatchObject({ expected: 2, counted: 0 });
    expect((await getStocktake(db, st.id))?.syncedAt).toBeInstanceOf(Date);

    // Zero stock and no cost: Complete refuses, naming the line; nothing is posted.
    const zeroLine = lines.get('DEMO-003')!;
    expect((await findLinesNeedingCost(db, st.id)).map((l) => l.sku)).toEqual(['DEMO-003']);
    await expect(completeStocktake(db, st.id, userId)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Enter a unit cost for DEMO-003'),
      fieldErrors: { [`unitCost.${zeroLine.lineId}`]: [expect.any(String)] },
    });
    expect(await onHand(db, stocked.id, location.id)).toBe(3);

    // "Create product if it does not exist": a second Sync makes the FBA-only SKUs, no cost, no stock.
    await db.update(fbaConnections).set({ createMissingProducts: true }).where(eq(fbaConnections.id, conn.id));
    const second = await syncNow(st.id, { fetchReport: recording });
    const unitsNow = new Map(report.rows.map((r) => [r.sellerSku, r.fulfillable]));
    expect(second.summary).toContain(`, ${report.rows.length - 3} created,`);
    expect(second.summary).not.toContain('skipped');
    const made = await db.select().from(products).where(eq(products.sku, 'FBA-ONLY-02'));
    expect(made).toEqual([expect.objectContaining({ name: 'FBA-only product 02', unitCost: null })]);
    lines = await linesOf(st.id);
    expect(lines.get('FBA-ONLY-02')).toMatchObject({ expected: 0, counted: unitsNow.get('FBA-ONLY-02') });
    const needing = (await findLinesNeedingCost(db, st.id)).map((l) => l.sku);
    expect(needing).toEqual(expect.arrayContaining(['DEMO-003', 'FBA-ONLY-01', 'FBA-ONLY-04']));
    expect(needing).not.toContain('DEMO-020'); // nothing to add: no cost needed
    expect(second.summary).toContain(`${needing.length} need a unit cost`);

    // A person enters the costs; Complete posts Amazon's quantities.
    const costs = (await findLinesNeedingCost(db, st.id)).map((l) => ({ productId: l.productId, counted: lines.get(l.sku)!.counted!, unitCost: 15_000 }));
    await db.transaction((tx) => applyCounts(tx, st.id, costs));
    await completeStocktake(db, st.id, userId);
    expect(await onHand(db, stocked.id, location.id)).toBe(unitsNow.get('DEMO-001'));
    expect(await onHand(db, zero.id, location.id)).toBe(unitsNow.get('DEMO-003'));
    expect(await onHand(db, standard.id, location.id)).toBe(unitsNow.get('DEMO-004'));
    expect(await onHand(db, gone.id, location.id)).toBe(0);
    expect(await onHand(db, made[0].id, location.id)).toBe(unitsNow.get('FBA-ONLY-02'));
  });

  it('Sync queues a run and returns at once; a second press joins it; the worker fills Counted and says what it did', async () => {
    const { conn, location } = await makeFbaConnection(db);
    const p = await makeProduct(db, { unitCost: 5_000 });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    const calls: string[] = [];
    const fetchReport: FetchReport = async (c, options) => {
      calls.push(c.id);
      await options?.onProgress?.({ phase: 'Requesting report' });
      return { rows: [row(p.sku, 6)], reportId: 'R-7' };
    };
    const queued = await requestStocktakeSync(db, st.id, userId);
    expect(queued).toMatchObject({ kind: 'stocktake', stocktakeId: st.id, connectionId: conn.id, status: 'queued', phase: 'Queued', trigger: 'force' });
    expect((await requestStocktakeSync(db, st.id, null)).id).toBe(queued.id);
    expect(calls).toEqual([]); // the button never waits for Amazon
    expect(await linesOf(st.id)).toEqual(new Map());
    expect(await getLatestStocktakeSync(db, st.id)).toMatchObject({ id: queued.id, status: 'queued' });

    await drainStocktakeSyncs(db, { fetchReport });
    expect(calls).toEqual([conn.id]);
    expect(await getLatestStocktakeSync(db, st.id)).toMatchObject({
      id: queued.id,
      status: 'done',
      phase: 'Done',
      done: 1,
      total: 1,
      summary: '1 product synced, 0 created, 0 need a unit cost.',
      error: null,
      finishedAt: expect.any(String),
    });
    expect((await linesOf(st.id)).get(p.sku)).toMatchObject({ expected: 0, counted: 6 });
    // Once done, the next press is a new run.
    expect((await requestStocktakeSync(db, st.id, userId)).id).not.toBe(queued.id);
    await drainStocktakeSyncs(db, { fetchReport });
  });

  it('refuses Sync at a location that is not external, and once the stocktake is closed, before queuing anything', async () => {
    const loc = await makeLocation(db);
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    expect((await getStocktake(db, st.id))?.external).toBe(false);
    await expect(syncStocktakeFromRows(db, st.id, [row('X-1', 1)], userId)).rejects.toMatchObject({ code: 'EXTERNAL_LOCATION' });
    await expect(requestStocktakeSync(db, st.id, userId)).rejects.toMatchObject({ code: 'EXTERNAL_LOCATION' });
    const { location } = await makeFbaConnection(db);
    const closed = await startStocktake(db, { locationId: location.id }, userId);
    await voidStocktake(db, closed.id);
    await expect(syncStocktakeFromRows(db, closed.id, [row('X-1', 1)], userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(requestStocktakeSync(db, closed.id, userId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('can no longer be synced') });
    expect(await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.stocktakeId, closed.id))).toEqual([]);
    expect(await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.stocktakeId, st.id))).toEqual([]);
  });

  it('a stocktake voided while its Sync waits in the queue: the run fails saying so, and Amazon is not asked', async () => {
    const { location } = await makeFbaConnection(db);
    const st = await startStocktake(db, { locationId: location.id }, userId);
    await requestStocktakeSync(db, st.id, userId);
    await voidStocktake(db, st.id);
    await drainStocktakeSyncs(db, { fetchReport: () => Promise.reject(new Error('Amazon must not be called')) });
    expect(await getLatestStocktakeSync(db, st.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Stocktake ST-\d+ is Voided: it can no longer be synced\.$/) });
  });

  it('fails the run and applies nothing when Amazon’s report has an unreadable row, in the Catalog’s words', async () => {
    const { location } = await makeFbaConnection(db, { createMissingProducts: true });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    const inject = async (items: unknown[]) => {
      const res = await fetch(`${sandbox.url}/_sandbox/sellers/ASANDBOXSELLER1/inventory`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
      expect(res.ok).toBe(true);
    };
    // A tab inside a product name shifts that row's columns: Amazon's file is then unreadable there.
    await inject([{ sellerSku: 'DEMO-004', productName: 'Broken\tname', fulfillable: 999 }, { sellerSku: 'NEW-ONLY-9', fulfillable: 3 }]);
    try {
      const run = await syncNow(st.id);
      expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Amazon's inventory report has unreadable rows, so nothing was changed\. Line \d+: Has 22 fields but the header has 21\.$/) });
      expect(unreadableReport([{ line: 3, message: 'x' }]).message).toBe("Amazon's inventory report has unreadable rows, so nothing was changed. Line 3: x");
    } finally {
      await inject([{ sellerSku: 'DEMO-004', productName: 'Demo product 004', fulfillable: 10 + ((4 * 37) % 90) }]);
    }
    expect(await linesOf(st.id)).toEqual(new Map());
    expect(await db.select().from(products).where(eq(products.sku, 'NEW-ONLY-9'))).toEqual([]);
    const [doc] = await db.select().from(stocktakes).where(eq(stocktakes.id, st.id));
    expect(doc.syncedAt).toBeNull();
  });

  it("refuses Amazon figures past what a count holds, naming the SKU; nothing is changed (issue 7, item 2)", async () => {
    const { location } = await makeFbaConnection(db);
    const p = await makeProduct(db, { sku: 'HUGE-1' });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    await expect(syncStocktakeFromRows(db, st.id, [row(p.sku, 1_500_000_000), row(p.sku, 1_500_000_000)], userId)).rejects.toMatchObject({
      code: 'AMAZON_ERROR',
      message: 'Amazon reports 3,000,000,000 fulfillable units of HUGE-1; a count holds at most 999,999,999. Nothing was changed.',
    });
    expect(await linesOf(st.id)).toEqual(new Map());
  });

  it('sums SKUs listed twice, keeps typed costs, and re-syncs to the latest figures', async () => {
    const { location } = await makeFbaConnection(db);
    const p = await makeProduct(db);
    const st = await startStocktake(db, { locationId: location.id }, userId);
    await syncStocktakeFromRows(db, st.id, [row(p.sku, 4), row(p.sku.toLowerCase(), 3)], userId);
    const [line] = await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, st.id));
    expect(line).toMatchObject({ counted: 7, unitCost: null });
    await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: p.id, counted: 7, unitCost: 9_000 }]));
    const again = await syncStocktakeFromRows(db, st.id, [row(p.sku, 2)], userId);
    expect(again).toMatchObject({ synced: 1, needCost: 0 });
    const [after] = await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, st.id));
    expect(after).toMatchObject({ counted: 2, unitCost: 9_000 });
  });

  it('by default reads the downloaded report in batches as it is parsed: every row Amazon sent is counted, the run shows the rows read', async () => {
    const { location } = await makeFbaConnection(db, { createMissingProducts: true });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    const seen: InventoryReportRow[] = [];
    let batches = 0;
    // The app's own report, its rows watched as they pass (the sandbox's stock moves with its clock).
    const watching: OpenReport = async (c, options) => {
      const report = await openReportFor(c, options);
      expect(Array.isArray(report.rows)).toBe(false);
      return {
        reportId: report.reportId,
        rows: (async function* () {
          for await (const batch of report.rows as AsyncIterable<InventoryReportRow[]>) {
            batches += 1;
            seen.push(...batch);
            yield batch;
          }
        })(),
      };
    };
    const run = await syncNow(st.id, { fetchReport: watching });
    expect(run).toMatchObject({ status: 'done', error: null, done: seen.length, total: seen.length });
    expect(batches).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(10);
    const lines = await linesOf(st.id);
    // Products made by earlier tests may spell a SKU in another case: matching ignores case.
    expect(new Map([...lines].map(([sku, l]) => [sku.toLowerCase(), l.counted]))).toEqual(new Map(seen.map((r) => [r.sellerSku.toLowerCase(), r.fulfillable])));
    expect(run.summary).toMatch(new RegExp(`^${seen.length} products synced, \\d+ created, `));
  });

  it('holds no transaction while Amazon’s document downloads: while its bytes arrive the stocktake can be locked by someone else and no session of the database is in a transaction; the rows are read only once it is whole', async () => {
    const { location } = await makeFbaConnection(db, { createMissingProducts: true });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    const inTransaction: number[] = [];
    let lockedMeanwhile = 0;
    let downloaded = false;
    let readBeforeDownloaded = false;
    /** Amazon's document URL answering slowly: between its pieces, what the rest of the app can do is checked. */
    const slowFetch: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const size = Math.ceil(bytes.length / 4);
      let at = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          // On PGlite (one connection) an open transaction would make this wait for ever.
          await within(5_000, db.transaction((tx) => tx.select({ id: stocktakes.id }).from(stocktakes).where(eq(stocktakes.id, st.id)).for('update')));
          lockedMeanwhile += 1;
          if (dbUrl) {
            const [open] = rowsOf<{ n: number }>(
              await db.execute(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL`),
            );
            inTransaction.push(Number(open.n));
          }
          if (at >= bytes.length) {
            downloaded = true;
            controller.close();
          } else controller.enqueue(bytes.slice(at, (at += size)));
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    // The app's own report, with only the document's download slowed down, and its rows watched.
    const watching: OpenReport = async (c, options) => {
      const client = spClientFor(c);
      const { openReportDocument } = createReportOperations(null as never, slowFetch, 30_000);
      const report = await openInventoryReport({ ...client, openReportDocument }, { ...options, marketplaceId: c.marketplaceId });
      return {
        reportId: report.reportId,
        rows: (async function* () {
          for await (const batch of report.rows as AsyncIterable<InventoryReportRow[]>) {
            if (!downloaded) readBeforeDownloaded = true;
            yield batch;
          }
        })(),
      };
    };
    const run = await syncNow(st.id, { fetchReport: watching });
    expect(run).toMatchObject({ status: 'done', error: null });
    expect(lockedMeanwhile).toBeGreaterThan(1);
    expect(readBeforeDownloaded).toBe(false);
    if (dbUrl) expect(inTransaction.every((n) => n === 0)).toBe(true);
    expect((await linesOf(st.id)).size).toBeGreaterThan(10);
  });

  it('leaves the stocktake as it was, and creates no product, when a report fails half-way', async () => {
    const { location } = await makeFbaConnection(db, { createMissingProducts: true });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    const failing: OpenReport = async () => ({
      reportId: 'HALF',
      rows: (async function* () {
        yield [row('HALF-1', 3), row('HALF-2', 4)];
        throw new Error('socket hang up');
      })(),
    });
    const run = await syncNow(st.id, { fetchReport: failing });
    expect(run.status).toBe('failed');
    expect((await linesOf(st.id)).size).toBe(0);
    // Its first batch was written (with "Create product if it does not exist") before the failure: rolled back with it.
    expect(rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM products WHERE sku LIKE 'HALF-%'`))[0].n).toBe(0);
  });

  it('keeps SKUs and names as Amazon wrote them (backslashes, \\N, quotes, accents) when it creates products; the first spelling of a SKU listed twice', async () => {
    const { location } = await makeFbaConnection(db, { createMissingProducts: true });
    const st = await startStocktake(db, { locationId: location.id }, userId);
    const odd = [
      row('ESC\\1', 2, 'Back\\slash \\N "quoted" naïve'),
      row('esc-2', 3, '\\N'),
      row('ESC-2', 4, 'Second spelling'),
      row('  ESC-3 ', 1, '  padded  '),
      row('ESC-4', 5, 'Tab\there\nand a line\r'),
    ];
    const result = await syncStocktakeFromRows(db, st.id, odd, userId);
    expect(result).toMatchObject({ synced: 4, created: 4, unknownSkus: [] });
    const made = await db.select({ sku: products.sku, name: products.name }).from(products).where(inArray(products.sku, ['ESC\\1', 'esc-2', 'ESC-2', 'ESC-3', 'ESC-4']));
    expect(new Map(made.map((p) => [p.sku, p.name]))).toEqual(
      new Map([
        ['ESC\\1', 'Back\\slash \\N "quoted" naïve'],
        ['esc-2', '\\N'],
        ['ESC-3', 'padded'],
        ['ESC-4', 'Tab\there\nand a line'],
      ]),
    );
    const lines = await linesOf(st.id);
    expect([...lines].map(([sku, l]) => [sku, l.counted]).sort()).toEqual([['ESC-3', 1], ['ESC-4', 5], ['ESC\\1', 2], ['esc-2', 7]]);
  });
});
