import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { decodeCursor } from '@/lib/paging';
import { createTestDb } from '@/test/db';
import { makeBin, makeLocation, makeProduct } from '@/test/fixtures';
import { createAdjustment } from './adjustments';
import { findProductsBySku, suggestProducts } from './product-lookup';
import { listStockOnHand } from './stock-on-hand';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

describe('stock on hand', () => {
  it('lists per product × location × bin with available and value, filtered and paged', async () => {
    const main = await makeLocation(db, 'Main');
    const shelf = await makeBin(db, main.id, 'S1');
    const other = await makeLocation(db, 'Other');
    const a = await makeProduct(db, { sku: 'SOH-A', name: 'Apple crate' });
    const b = await makeProduct(db, { sku: 'SOH-B', name: 'Banana box' });
    await createAdjustment(
      db,
      {
        reason: 'In',
        lines: [
          { sku: a.sku, locationId: main.id, binId: shelf.id, quantity: 4, unitCost: 12_345 },
          { sku: a.sku, locationId: other.id, binId: null, quantity: 1, unitCost: 12_345 },
          { sku: b.sku, locationId: other.id, binId: null, quantity: 2, unitCost: 10_000 },
        ],
      },
      null,
    );
    await createAdjustment(db, { reason: 'Out', lines: [{ sku: b.sku, locationId: other.id, binId: null, quantity: -2, unitCost: null }] }, null);
    const all = await listStockOnHand(db, { after: null });
    expect(all.rows.map((r) => [r.sku, r.location, r.bin, r.onHand, r.available])).toEqual(
      expect.arrayContaining([
        ['SOH-A', 'Main', 'S1', 4, 4],
        ['SOH-A', 'Other', null, 1, 1],
      ]),
    );
    expect(all.rows.some((r) => r.sku === 'SOH-B')).toBe(false); // nothing held: left out
    expect(all.rows.find((r) => r.bin === 'S1')).toMatchObject({ averageCost: 12_345, value: 4n * 12_345n });
    const filtered = await listStockOnHand(db, { locationId: other.id, after: null });
    expect(filtered.rows.map((r) => r.location)).toEqual(['Other']);
    expect((await listStockOnHand(db, { q: 'apple', after: null })).rows).toHaveLength(2);
    const first = await listStockOnHand(db, { after: null, limit: 1 });
    const second = await listStockOnHand(db, { after: decodeCursor(first.next), limit: 1 });
    expect(second.rows[0].id).not.toBe(first.rows[0].id);
    expect(second.next).toBeNull();
  });

  it('finds products by SKU case-insensitively in one query, and suggests by prefix', async () => {
    await makeProduct(db, { sku: 'Look-Up-1', name: 'Widget' });
    const found = await findProductsBySku(db, [' look-up-1 ', 'missing']);
    expect([...found.keys()]).toEqual(['look-up-1']);
    expect(await suggestProducts(db, 'look')).toEqual([{ sku: 'Look-Up-1', name: 'Widget' }]);
    expect(await suggestProducts(db, '%')).toEqual([]);
  });
});
