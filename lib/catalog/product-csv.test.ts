import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/csv/read';
import { mapProductHeader, PRODUCT_CSV_HEADER, readProductRows, toProductRecord, type HeaderMap } from './product-csv';
import { TIERS } from './product-inputs';

const tiers = TIERS.map((tier) => ({ tier, name: tier === 1 ? 'Retail' : `Tier ${tier}` }));
const mapOf = (header: string[]): HeaderMap => {
  const r = mapProductHeader(header, tiers);
  if ('errors' in r) throw new Error(r.errors.join('\n'));
  return r.map;
};

describe('mapProductHeader', () => {
  it('accepts the export header, loose spelling and tier names', () => {
    expect(mapOf(PRODUCT_CSV_HEADER).keys).toHaveLength(18);
    expect(mapOf(['sku', 'Barcode Type', 'barcode', 'Retail', 'Price Tier 2']).keys).toEqual(['sku', 'barcodeType', 'barcode', 'price1', 'price2']);
  });

  it('lists every header problem', () => {
    const r = mapProductHeader(['Name', 'Colour', 'Name', 'Barcode'], tiers);
    expect('errors' in r && r.errors).toEqual([
      expect.stringContaining('Column 2 "Colour" is not a products column'),
      'Column 3 "Name" repeats an earlier column.',
      'The header needs a SKU column: rows are matched to products by SKU.',
      'Barcode and BarcodeType columns go together: include both or neither.',
    ]);
  });
});

describe('readProductRows', () => {
  it('reports all row errors by the line each row starts on', () => {
    const map = mapOf(['SKU', 'Name', 'Barcode', 'BarcodeType', 'Price Tier 3']);
    const { rows, errors } = readProductRows(
      [
        ['A-1', 'Ok', '', '', '1.50'],
        ['A-2', 'Bad type', '036000291452', 'QR', ''],
        ['a-1', 'Again', '', '', ''],
        ['A-3', 'Short'],
        ['A-4', 'Bad price', '', '', 'abc'],
      ].map((cells, i) => ({ line: i + 2, cells })),
      map,
    );
    expect(rows.map((r) => r.sku)).toEqual(['A-1', 'a-1']);
    expect(errors).toEqual([
      'Line 3: Barcode type must be one of UPC, EAN, GCID, JAN, ISBN.',
      'Line 4: SKU a-1 already appears on line 2.',
      'Line 5: has 2 fields but the header has 5.',
      'Line 6: Price Tier 3: Enter a price like 12.50 (not negative, at most 2 decimals).',
    ]);
  });

  it('reads what toProductRecord writes', () => {
    const record = toProductRecord({ sku: 'A-1', name: 'Widget, "big"', barcode: '036000291452', barcodeType: 'UPC', fnsku: null, asin: 'B0ABCDEFGH', unitCost: 42551, defaultLocation: null, prices: { 1: 1999, 10: 5 } });
    const [header, cells] = parseCsv([PRODUCT_CSV_HEADER, record].map((r) => r.map((c) => `"${(c ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n'));
    const { rows, errors } = readProductRows([{ line: 2, cells }], mapOf(header));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ sku: 'A-1', name: 'Widget, "big"', barcode: '036000291452', barcodeType: 'UPC', fnsku: null, unitCost: 42551, price1: 1999, price2: null, price10: 5 });
  });
});
