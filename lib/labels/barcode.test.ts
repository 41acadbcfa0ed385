import { describe, expect, it } from 'vitest';
import { barcodeCache, code128, gs1CheckDigit, manufacturerBarcode } from './barcode';

describe('barcodes', () => {
  it('maps barcode types to symbologies and completes or checks the check digit', () => {
    expect(manufacturerBarcode('03600029145', 'UPC')).toEqual({ symbology: 'upca', value: '036000291452', text: '036000291452' });
    expect(manufacturerBarcode('4006381333931', 'EAN').symbology).toBe('ean13');
    expect(manufacturerBarcode('4901234567894', 'JAN').symbology).toBe('ean13');
    expect(manufacturerBarcode('0-306-40615-2', 'ISBN').value).toBe('9780306406157');
    expect(manufacturerBarcode('GCID-1', 'GCID')).toEqual(code128('GCID-1'));
    expect(gs1CheckDigit('400638133393')).toBe(1);
  });

  it('refuses a wrong check digit or length with the value in the message', () => {
    expect(() => manufacturerBarcode('036000291453', 'UPC')).toThrow('036000291453 has a wrong check digit');
    expect(() => manufacturerBarcode('12345', 'EAN')).toThrow('must have 13 digits');
    expect(() => code128('tab\there')).toThrow('cannot be printed');
  });

  it('renders a value once per document', async () => {
    const render = barcodeCache();
    const a = await render(code128('X00ABCD123'));
    expect(await render(code128('X00ABCD123'))).toBe(a);
    expect(a.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(a.modules).toBeGreaterThan(100);
  });
});
