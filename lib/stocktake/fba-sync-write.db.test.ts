import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLineCountsAfterEach } from '@/test/crash-checks';
import type { Db, Tx } from '@/db';
import { bins, products, stocktakeLines } from '@/db/schema';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTestDb } from '@/test/db';
import { reportRow as row } from '@/test/fba-fixtures';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { writeReport, type ReportRows } from './fba-sync-write';
import { startStocktake } from './stocktake';

let db: Db;

checkLineCountsAfterEach(() => db);
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

/** Runs `work` in a transaction that is then rolled back, so each run starts from the same data. */
async function rolledBack<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  let out: T | undefined;
  const rollback = new Error('rollback');
  await db.transaction(async (tx) => {
    out = await work(tx);
    throw rollback;
  }).catch((e) => {
    if (e !== rollback) throw e;
  });
  return out as T;
}

async function linesIn(tx: Tx, stocktakeId: string) {
  const rows = await tx
    .select({ sku: products.sku, bin: bins.name, expected: stocktakeLines.expected, counted: stocktakeLines.counted, unitCost: stocktakeLines.unitCost })
    .from(stocktakeLines)
    .innerJoin(products, eq(products.id, stocktakeLines.productId))
    .leftJoin(bins, eq(bins.id, stocktakeLines.binId))
    .where(eq(stocktakeLines.stocktakeId, stocktakeId));
  return rows.sort((a, b) => `${a.sku}/${a.bin ?? ''}`.localeCompare(`${b.sku}/${b.bin ?? ''}`));
}

/** The rows as a stream of batches of `size`, as the parser gives them. */
async function* batchesOf(rows: InventoryReportRow[], size: number): AsyncGenerator<InventoryReportRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('writeReport (a Sync written chunk by chunk in its transaction)', () => {
  it('counts, zeroes, lists unknown SKUs and needing-cost lines the same however the report is cut into chunks, a SKU listed again in a later chunk included', async () => {
    const loc = await makeLocation(db);
    const bin = await makeBin(db, loc.id, 'B-1');
    const elsewhere = await makeLocation(db);
    const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
    const sku = (s: string) => `${s}-${tag}`;
    const a = await makeProduct(db, { sku: sku('A') }); // no cost anywhere: needs one
    await makeProduct(db, { sku: sku('B'), unitCost: 10_000 }); // a standard cost
    const c = await makeProduct(db, { sku: sku('C') }); // held elsewhere: an average cost
    const d = await makeProduct(db, { sku: sku('D') }); // held in a bin, not in the report: counted 0
    const e = await makeProduct(db, { sku: sku('E') }); // a bin line counted by a person: left alone, needs a cost
    await createAdjustment(
      db,
      {
        reason: 'Opening',
        lines: [
          { sku: c.sku, locationId: elsewhere.id, binId: null, quantity: 5, unitCost: 3_000 },
          { sku: d.sku, locationId: loc.id, binId: bin.id, quantity: 2, unitCost: 3_000 },
        ],
      },
      userId,
    );
    const report = [row(sku('A'), 4), row(sku('b'), 3), row(sku('C'), 7), row(sku('UNKNOWN-1'), 1), row(sku('E'), 2), row(sku('a'), 5), row(sku('UNKNOWN-2'), 0)];

    const st = await startStocktake(db, { locationId: loc.id }, userId);
    for (const hadLines of [false, true]) {
      const run = (rows: ReportRows, chunkRows: number) =>
        rolledBack(async (tx) => {
          if (hadLines) await tx.insert(stocktakeLines).values({ stocktakeId: st.id, productId: e.id, binId: bin.id, expected: 0, counted: 9 });
          const { ms, ...result } = await writeReport(tx, rows, { stocktakeId: st.id, locationId: loc.id, createMissingProducts: false }, chunkRows);
          expect(ms.lines).toBeGreaterThanOrEqual(0);
          return { result, lines: await linesIn(tx, st.id) };
        });
      const whole = await run(report, 100);
      expect(whole.result).toEqual({ rows: 7, synced: 4, created: 0, zeroed: 1, unknownSkus: [sku('UNKNOWN-1'), sku('UNKNOWN-2')], needCost: hadLines ? 3 : 2 });
      expect(whole.lines.map((l) => [l.sku, l.bin, l.expected, l.counted])).toEqual([
        [a.sku, null, 0, 9],
        [sku('B'), null, 0, 3],
        [c.sku, null, 0, 7],
        [d.sku, 'B-1', 2, 0],
        [e.sku, null, 0, 2],
        ...(hadLines ? [[e.sku, 'B-1', 0, 9]] : []),
      ]);
      for (const size of [1, 2, 3]) {
        expect(await run(report, size)).toEqual(whole);
        expect(await run(batchesOf(report, 2), size)).toEqual(whole);
      }
    }
  });

  it('refuses a SKU whose units, added up across chunks, no count holds; a report failing after a chunk was written leaves nothing (products it created included)', async () => {
    const loc = await makeLocation(db);
    const st = await startStocktake(db, { locationId: loc.id }, userId);
    const to = { stocktakeId: st.id, locationId: loc.id, createMissingProducts: true };
    const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
    await expect(rolledBack((tx) => writeReport(tx, [row(`HUGE-${tag}`, 600_000_000), row(`X-${tag}`, 1), row(`huge-${tag}`, 600_000_000)], to, 1))).rejects.toMatchObject({
      code: 'AMAZON_ERROR',
      message: `Amazon reports 1,200,000,000 fulfillable units of HUGE-${tag}; a count holds at most 999,999,999. Nothing was changed.`,
    });

    async function* failing() {
      yield [row(`NEW-${tag}-1`, 3), row(`NEW-${tag}-2`, 4)];
      yield [row(`NEW-${tag}-3`, 5)];
      throw new Error('socket hang up');
    }
    await expect(db.transaction((tx) => writeReport(tx, failing(), to, 2))).rejects.toThrow('socket hang up');
    expect(await db.select().from(products).where(eq(products.sku, `NEW-${tag}-1`))).toEqual([]);
    expect(await db.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, st.id))).toEqual([]);

    // Created in the chunk that first lists the SKU, under its first spelling; a later listing adds up.
    const made = await rolledBack(async (tx) => {
      const result = await writeReport(tx, [row(`NEW-${tag}-1`, 3, 'First name'), row(`OTHER-${tag}`, 1), row(`new-${tag}-1`, 4, 'Second name')], to, 1);
      return { result, lines: await linesIn(tx, st.id) };
    });
    expect(made.result).toMatchObject({ synced: 2, created: 2, needCost: 2 });
    expect(made.lines.map((l) => [l.sku, l.counted])).toEqual([
      [`NEW-${tag}-1`, 7],
      [`OTHER-${tag}`, 1],
    ]);
  });
});
