import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { isDomainError } from '@/lib/errors';
import { createTestDb } from '@/test/db';
import { tableFingerprints } from '@/test/fingerprint';
import { importProductsCsv } from './product-import';
import { ensurePriceTiers } from './price-tiers';

// Issue 13: "CSV imports with malformed rows: rows reported, nothing applied in part." The products
// import is all or nothing (stated on the form): every bad row is listed by the line of the file it
// starts on, and not a row is written while one is wrong.

let db: Db;
const TABLES = ['products', 'product_prices', 'audit_log'];
beforeAll(async () => {
  db = (await createTestDb()).db;
  await ensurePriceTiers(db);
  await importProductsCsv(db, 'SKU,Name,UnitCost,Price Tier 1\r\nKEEP-1,Kept,1.50,2.00\r\n');
});

/** The import's refusal (its message and the listed rows), and whether any table changed. */
async function refusal(file: string | Blob) {
  const before = await tableFingerprints(db, TABLES);
  let result: { message: string; lines: string[] } | null = null;
  try {
    await importProductsCsv(db, file);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    result = { message: e.message, lines: e.fieldErrors?.file ?? [] };
  }
  expect(result, 'the import was refused').not.toBeNull();
  expect(await tableFingerprints(db, TABLES), 'nothing written').toEqual(before);
  return result!;
}

const HEADER = 'SKU,Name,UnitCost,Price Tier 1,DefaultLocation';

describe('products CSV import with malformed rows', () => {
  it('names each bad row by its line: wrong field counts, bad numbers, unknown location, duplicate keys; the good rows are not written either', async () => {
    const csv = [
      HEADER, // 1
      'OK-1,Good,1.00,2.00,', // 2
      'BAD-1,Too many,1.00,2.00,,extra', // 3
      'BAD-2,Too few', // 4
      'BAD-3,Letters,abc,,', // 5
      'BAD-4,Negative,-1.00,,', // 6
      'BAD-5,Fraction of a cent,,2.001,', // 7
      'BAD-6,Huge,99999999999999999,,', // 8
      'BAD-7,Exponent,,1e3,', // 9
      'BAD-8,Nowhere,,,Atlantis', // 10
      'ok-1,Same SKU other case,,,', // 11
      'NEW-1,,,,', // 12: an unknown SKU is a new product, which needs a name
    ].join('\r\n');
    const r = await refusal(csv);
    expect(r.message).toMatch(/^The file has 10 errors; nothing was imported/);
    expect(r.lines).toEqual([
      'Line 3: has 6 fields but the header has 5.',
      'Line 4: has 2 fields but the header has 5.',
      'Line 5: Enter a unit cost like 4.25 (not negative, at most 4 decimals).',
      'Line 6: Enter a unit cost like 4.25 (not negative, at most 4 decimals).',
      'Line 7: Price Tier 1: Enter a price like 12.50 (not negative, at most 2 decimals).',
      'Line 8: A unit cost is at most 99,999,999,999.9999.',
      'Line 9: Price Tier 1: Enter a price like 12.50 (not negative, at most 2 decimals).',
      'Line 10: Default location "Atlantis" does not exist.',
      'Line 11: SKU ok-1 already appears on line 2.',
      'Line 12: Name is required.',
    ]);
  });

  it('counts lines as the file has them: a BOM, CRLF, blank lines and a name over two lines do not shift the numbers', async () => {
    const csv = ['\uFEFFSKU,Name', 'Q-1,"Shelf,', 'two lines"', '', 'Q-2,Fine', '\r', 'q-1,Again', 'Q-3,"bad ""quote"" ok",x'].join('\r\n');
    const r = await refusal(csv);
    // Lines: 1 header, 2-3 Q-1, 4 blank, 5 Q-2, 6 blank (a lone CR), 7 blank, 8 q-1, 9 Q-3.
    expect(r.lines).toEqual(['Line 8: SKU q-1 already appears on line 2.', 'Line 9: has 3 fields but the header has 2.']);
    // The same file without its two bad rows imports, the quoted line break kept.
    await expect(importProductsCsv(db, csv.split('\r\n').slice(0, 5).join('\r\n'))).resolves.toEqual({ created: 2, updated: 0 });
    await expect(importProductsCsv(db, 'SKU,Name\nQ-1,"Shelf,\ntwo lines"')).resolves.toEqual({ created: 0, updated: 1 });
  });

  it('refuses the whole file, naming the line, for a NUL byte, bytes that are not UTF-8 or an unclosed quote', async () => {
    expect((await refusal('SKU,Name\nN-1,Fine\nN-2,Nul\0here\n')).lines).toEqual([expect.stringMatching(/^Line 3: the file contains a NUL character/)]);
    const latin1 = new Blob([new Uint8Array([...new TextEncoder().encode('SKU,Name\r\nL-1,Fine\r\nL-2,Caf'), 0xe9])]);
    expect((await refusal(latin1)).lines).toEqual([expect.stringMatching(/^Line 3: the file is not UTF-8 text/)]);
    expect((await refusal('SKU,Name\nU-1,"never closed\nU-2,x\n')).lines).toEqual([expect.stringMatching(/^Line 2: a quoted field is never closed/)]);
  });

  it('refuses an empty file, a header alone and a header it cannot read, saying what a file needs', async () => {
    for (const empty of ['', '\uFEFF', '\r\n\r\n', 'SKU,Name\r\n', 'SKU,Name'])
      expect((await refusal(empty)).message, JSON.stringify(empty)).toBe('The file has no product rows: the first row is the header, then one row per product.');
    expect((await refusal('Code,Name\nX-1,Thing')).lines).toEqual([
      expect.stringMatching(/^Column 1 "Code" is not a products column/),
      'The header needs a SKU column: rows are matched to products by SKU.',
    ]);
  });

  it('reports a 10 MB line as a too-long value on its line, quickly', async () => {
    const started = Date.now();
    const r = await refusal(`SKU,Name\r\nOK-2,Fine\r\nLONG-1,${'x'.repeat(10 * 1024 * 1024)}\r\n`);
    expect(r.lines).toEqual([expect.stringMatching(/^Line 3: Name is at most \d+ characters\.$/)]);
    console.log(`10 MB line refused in ${Date.now() - started} ms`);
  });
});
