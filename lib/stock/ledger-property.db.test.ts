import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { DomainError, type ErrorCode } from '@/lib/errors';
import { applyCounts, completeStocktake, startStocktake, voidStocktake } from '@/lib/stocktake/stocktake';
import { createTestDb } from '@/test/db';
import { makeBin, makeLocation, makeProduct } from '@/test/fixtures';
import { ledgerInvariantProblems } from '@/test/stock';
import { createAdjustment, voidAdjustment } from './adjustments';
import { rowsOf } from '@/db/driver';
import { createTransfer, receiveTransfer, shipTransfer, voidTransfer } from './transfers';
import type { TransferStatus } from './transfer-status';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

// Weighted towards adding stock and moving it, so most sequences have something to remove,
// transfer, count and void.
const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('adjust' as const), p: fc.nat(2), place: fc.nat(3), qty: fc.integer({ min: -6, max: 8 }).filter((q) => q !== 0), cost: fc.integer({ min: 0, max: 90_000 }) }) },
  fc.record({ kind: fc.constant('voidAdjustment' as const), pick: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('transfer' as const), p: fc.nat(2), from: fc.nat(3), to: fc.nat(3), qty: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('ship' as const), pick: fc.nat() }) },
  fc.record({ kind: fc.constant('receive' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('voidTransfer' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('startStocktake' as const), loc: fc.nat(2) }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('count' as const), pick: fc.nat(), p: fc.nat(2), bin: fc.nat(1), counted: fc.nat(10), withCost: fc.boolean() }) },
  fc.record({ kind: fc.constant('completeStocktake' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('voidStocktake' as const), pick: fc.nat() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Refusals the rules allow; anything else fails the property. */
const EXPECTED: ErrorCode[] = ['INSUFFICIENT_STOCK', 'INVALID_TRANSITION', 'IN_USE', 'INVALID_INPUT'];

/**
 * The ledger invariants over the whole database: each level equals the sum of its entries and is
 * never negative; no entries exist without a level; each product's costed quantity equals its
 * entries over all locations plus what is in transit.
 */
async function checkInvariants() {
  expect(await ledgerInvariantProblems(db)).toEqual([]);
}

const ledgerCount = async () => Number(rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM stock_ledger`))[0].n);

async function runSequence(ops: Op[]) {
  const locs = [await makeLocation(db), await makeLocation(db), await makeLocation(db)];
  const bins = [await makeBin(db, locs[0].id, 'A'), await makeBin(db, locs[0].id, 'B')];
  const products = [await makeProduct(db), await makeProduct(db, { unitCost: 5_000 }), await makeProduct(db)];
  const places = [
    { locationId: locs[0].id, binId: bins[0].id },
    { locationId: locs[0].id, binId: bins[1].id },
    { locationId: locs[1].id, binId: null },
    { locationId: locs[2].id, binId: null },
  ];
  const adjustments: string[] = [];
  const transfers: { id: string; status: TransferStatus }[] = [];
  const stocktakes: { id: string; loc: number }[] = [];
  const pick = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);

  for (const o of ops) {
    const before = await ledgerCount();
    try {
      switch (o.kind) {
        case 'adjust': {
          const adj = await createAdjustment(db, { reason: 'prop', lines: [{ sku: products[o.p].sku, ...places[o.place], quantity: o.qty, unitCost: o.qty > 0 ? o.cost : null }] }, null);
          adjustments.push(adj.id);
          break;
        }
        case 'voidAdjustment': {
          const id = pick(adjustments, o.pick);
          if (id) await voidAdjustment(db, id, null);
          break;
        }
        case 'transfer': {
          if (o.from === o.to) break;
          const tr = await createTransfer(db, { from: places[o.from], to: places[o.to], lines: [{ productId: products[o.p].id, quantity: o.qty }] }, null);
          transfers.push({ id: tr.id, status: 'Draft' });
          break;
        }
        case 'ship':
        case 'receive':
        case 'voidTransfer': {
          const t = pick(transfers, o.pick);
          if (!t) break;
          if (o.kind === 'ship') {
            await shipTransfer(db, t.id, null);
            t.status = 'In Transit';
          } else if (o.kind === 'receive') {
            await receiveTransfer(db, t.id, null);
            t.status = 'Completed';
          } else {
            await voidTransfer(db, t.id, t.status, null);
            t.status = 'Voided';
          }
          break;
        }
        case 'startStocktake': {
          const st = await startStocktake(db, { locationId: locs[o.loc].id }, null);
          stocktakes.push({ id: st.id, loc: o.loc });
          break;
        }
        case 'count': {
          const st = pick(stocktakes, o.pick);
          if (st) {
            const binId = st.loc === 0 ? bins[o.bin].id : null;
            await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: products[o.p].id, binId, counted: o.counted, unitCost: o.withCost ? 7_500 : undefined }]));
          }
          break;
        }
        case 'completeStocktake':
        case 'voidStocktake': {
          const st = pick(stocktakes, o.pick);
          if (st) await (o.kind === 'completeStocktake' ? completeStocktake(db, st.id, null) : voidStocktake(db, st.id));
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof DomainError) || !EXPECTED.includes(e.code)) throw e;
      // A refused step writes nothing.
      expect(await ledgerCount()).toBe(before);
    }
    await checkInvariants();
  }
}

describe('stock ledger property', () => {
  it('keeps on hand equal to the ledger, never negative, and costed quantity = ledger + in transit', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25, size: 'max' }), runSequence), { numRuns: 100 });
  }, 120_000);
});
