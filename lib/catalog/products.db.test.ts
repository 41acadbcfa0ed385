import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { decodeCursor } from '@/lib/paging';
import { postMovements } from '@/lib/stock/ledger';
import { createTestDb } from '@/test/db';
import { makeLocation } from '@/test/fixtures';
import { ensurePriceTiers } from './price-tiers';
import { ProductInput, type ProductData } from './product-inputs';
import { getProduct, listProducts, saveProduct, type ProductSort } from './products';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  await ensurePriceTiers(db);
});

const blank = Object.fromEntries([...['barcode', 'barcodeType', 'fnsku', 'asin', 'unitCost', 'defaultLocationId'], ...Array.from({ length: 10 }, (_, i) => `price${i + 1}`)].map((k) => [k, '']));
const input = (over: Record<string, string>): ProductData => ProductInput.parse({ ...blank, ...over });

describe('products', () => {
  it('creates a product with its prices and edits it, replacing the prices', async () => {
    const loc = await makeLocation(db);
    const { id } = await saveProduct(db, input({ sku: 'EDIT-1', name: 'Mug', barcode: '036000291452', barcodeType: 'UPC', unitCost: '2.3456', defaultLocationId: loc.id, price1: '9.99', price2: '8.50' }));
    expect(await getProduct(db, id)).toMatchObject({ sku: 'EDIT-1', unitCost: 23456, defaultLocationId: loc.id, prices: { 1: 999, 2: 850 } });
    await saveProduct(db, input({ id, sku: 'EDIT-1', name: 'Big mug', price3: '1.00' }));
    expect(await getProduct(db, id)).toMatchObject({ name: 'Big mug', barcode: null, barcodeType: null, defaultLocationId: null, prices: { 3: 100 } });
  });

  it('refuses a duplicate SKU whatever its case, with a clear message', async () => {
    await saveProduct(db, input({ sku: 'DUP-1', name: 'First' }));
    await expect(saveProduct(db, input({ sku: 'dup-1', name: 'Second' }))).rejects.toThrow('A product with SKU dup-1 already exists.');
    const other = await saveProduct(db, input({ sku: 'DUP-2', name: 'Other' }));
    await expect(saveProduct(db, input({ id: other.id, sku: 'Dup-1', name: 'Other' }))).rejects.toMatchObject({ code: 'DUPLICATE', fieldErrors: { sku: [expect.any(String)] } });
    expect((await getProduct(db, other.id)).sku).toBe('DUP-2');
  });

  it('writes nothing when the default location is gone', async () => {
    await expect(saveProduct(db, input({ sku: 'NOLOC-1', name: 'X', defaultLocationId: '00000000-0000-4000-8000-000000000009', price1: '1' }))).rejects.toThrow('no longer exists');
    expect((await listProducts(db, { q: 'NOLOC', sort: 'sku', dir: 'asc', after: null })).rows).toEqual([]);
  });

  it('lists default location and stock on hand, and finds by SKU prefix, name, barcode, FNSKU and ASIN', async () => {
    const loc = await makeLocation(db, 'Search WH');
    const { id } = await saveProduct(db, input({ sku: 'FIND-77', name: 'Blue teapot', barcode: '4006381333931', barcodeType: 'EAN', fnsku: 'X00FIND777', asin: 'B0FIND7777', defaultLocationId: loc.id }));
    await db.transaction((tx) =>
      postMovements(tx, [{ productId: id, locationId: loc.id, binId: null, quantity: 7, valued: true, unitCost: 10_000, sourceType: 'adjustment', sourceId: id, sourceLine: 1 }], null),
    );
    for (const q of ['find-7', 'TEAPOT', '400638133', 'x00find', 'B0FIND']) {
      const { rows } = await listProducts(db, { q, sort: 'sku', dir: 'asc', after: null });
      expect(rows.map((r) => r.sku), q).toEqual(['FIND-77']);
      expect(rows[0]).toMatchObject({ defaultLocation: 'Search WH', onHand: 7 });
    }
    expect((await listProducts(db, { q: '%', sort: 'sku', dir: 'asc', after: null })).rows).toEqual([]);
  });

  it.each([
    ['sku', 'asc'],
    ['sku', 'desc'],
    ['name', 'asc'],
    ['name', 'desc'],
  ] as [ProductSort, 'asc' | 'desc'][])('pages by %s %s: every product exactly once, in order', async (sort, dir) => {
    // Names repeat on purpose: ties are broken by id, so no row is skipped or shown twice.
    for (let i = 0; i < 23; i++) await saveProduct(db, input({ sku: `PAGE-${sort}-${dir}-${String(i).padStart(2, '0')}`, name: `Pager ${i % 4}` }));
    const seen: string[] = [];
    let after = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listProducts(db, { q: `page-${sort}-${dir}-`, sort, dir, after, limit: 5 });
      seen.push(...page.rows.map((r) => (sort === 'sku' ? r.sku : r.name)));
      if (!page.next) break;
      after = decodeCursor(page.next);
    }
    expect(seen).toHaveLength(23);
    const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(seen).toEqual(dir === 'asc' ? sorted : sorted.reverse());
    const { rows } = await listProducts(db, { q: `page-${sort}-${dir}-`, sort, dir, after: null, limit: 100 });
    expect(new Set(rows.map((r) => r.id)).size).toBe(23);
  });
});
