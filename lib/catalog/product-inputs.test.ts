import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkBarcode, ProductInput } from './product-inputs';

const blank = Object.fromEntries([...['sku', 'name', 'barcode', 'barcodeType', 'fnsku', 'asin', 'unitCost', 'defaultLocationId'], ...Array.from({ length: 10 }, (_, i) => `price${i + 1}`)].map((k) => [k, '']));
const form = (over: Record<string, string>) => ({ ...blank, sku: 'A-1', name: 'Widget', ...over });
const errorsOf = (over: Record<string, string>) => {
  const r = ProductInput.safeParse(form(over));
  return r.success ? {} : z.flattenError(r.error).fieldErrors;
};

describe('checkBarcode', () => {
  it.each([
    ['UPC', '036000291452', true],
    ['UPC', '03600029145', false],
    ['EAN', '4006381333931', true],
    ['EAN', '96385074', true],
    ['EAN', '400638133393A', false],
    ['JAN', '4901234567894', true],
    ['JAN', '49012345', true],
    ['ISBN', '030640615X', true],
    ['ISBN', '9780306406157', true],
    ['ISBN', '03064061XX', false],
    ['GCID', 'A1B2C3D4E5F6G7H8', true],
    ['GCID', 'A1B2C3D4E5F6G7H', false],
  ] as const)('%s %s → %s', (type, code, ok) => {
    expect(checkBarcode(type, code) === null).toBe(ok);
  });
});

describe('ProductInput', () => {
  it('turns decimal text into minor units and scale-4 costs, without floats', () => {
    const r = ProductInput.parse(form({ unitCost: '4.2551', price1: '19.99', price3: '0.1' }));
    expect(r.unitCost).toBe(42551);
    expect(r.prices).toEqual([
      { tier: 1, price: 1999 },
      { tier: 3, price: 10 },
    ]);
  });

  it('normalises codes: upper case, barcode spaces and hyphens dropped', () => {
    const r = ProductInput.parse(form({ barcode: '978-0-306-40615-7', barcodeType: 'isbn', fnsku: 'x001abc234', asin: 'b01abcdefg' }));
    expect(r).toMatchObject({ barcode: '9780306406157', barcodeType: 'ISBN', fnsku: 'X001ABC234', asin: 'B01ABCDEFG' });
  });

  it('needs a barcode type when a barcode is given, and checks the barcode against it', () => {
    expect(errorsOf({ barcode: '036000291452' })).toEqual({ barcodeType: ['Choose the barcode type for this barcode.'] });
    expect(errorsOf({ barcode: '12345', barcodeType: 'UPC' })).toEqual({ barcode: ['A UPC has 12 digits.'] });
    expect(errorsOf({ barcode: '1', barcodeType: 'QR' }).barcodeType?.[0]).toBe('Barcode type must be one of UPC, EAN, GCID, JAN, ISBN.');
  });

  it('refuses prices and costs past what is stored, naming the limit (issue 7, item 2)', () => {
    expect(errorsOf({ unitCost: '100000000000', price1: '123456789012.5', price2: '99999999999.99' })).toEqual({ unitCost: ['A unit cost is at most 99,999,999,999.9999.'], price1: ['A price is at most 99,999,999,999.99.'] });
    expect(ProductInput.parse(form({ unitCost: '99999999999.9999', price1: '99999999999.99' }))).toMatchObject({ unitCost: 999_999_999_999_999, prices: [{ tier: 1, price: 9_999_999_999_999 }] });
  });

  it('reports every bad field at once', () => {
    const e = errorsOf({ sku: ' ', name: '', fnsku: 'X00', asin: 'C012345678', unitCost: '-1', price2: '1.234' });
    expect(Object.keys(e).sort()).toEqual(['asin', 'fnsku', 'name', 'price2', 'sku', 'unitCost']);
  });
});

describe('Barcode on FBA labels', () => {
  it('is the FNSKU unless the form says Manufacturer; Manufacturer needs a barcode', () => {
    expect(ProductInput.parse(form({})).fbaBarcode).toBe('FNSKU');
    expect(ProductInput.parse(form({ barcode: '036000291452', barcodeType: 'UPC', fbaBarcode: 'Manufacturer' })).fbaBarcode).toBe('Manufacturer');
    expect(errorsOf({ fbaBarcode: 'Manufacturer' }).fbaBarcode).toEqual(['This product has no barcode: enter its barcode and type above, or print the FNSKU.']);
  });
});
