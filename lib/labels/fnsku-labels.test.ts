import { describe, expect, it } from 'vitest';
import { decodeLabelValues } from '@/test/label-decode';
import { code128, manufacturerBarcode } from './barcode';
import { renderFnskuLabels, type ProductLabel } from './fnsku-labels';
import { FNSKU_SHEETS, type FnskuFormat } from './sheets';

// Each sheet is rendered at 200 dpi, cut into its labels, and each label's barcode decoded.

const fnsku = (value: string, title: string, condition = 'New'): ProductLabel => ({ barcode: code128(value), title, condition });
const LONG = 'Stainless Steel Insulated Water Bottle with Straw Lid, Double Wall Vacuum, 32 oz, Midnight Blue — Leak Proof and BPA Free';

async function printed(labels: ProductLabel[], format: FnskuFormat, name: string) {
  return decodeLabelValues(await renderFnskuLabels(labels, format), FNSKU_SHEETS[format].cells, name);
}

describe('product labels', () => {
  it('fills a 30-up Letter sheet and part of the next; every label decodes to its FNSKU', async () => {
    const labels = [...Array.from({ length: 25 }, () => fnsku('X00ABCD123', LONG)), ...Array.from({ length: 12 }, () => fnsku('B07XYZ9876', 'Short title', 'Used - Like New'))];
    const { values, decoded, pages } = await printed(labels, 'letter-30', 'letter-30');
    expect(pages).toBe(2);
    expect(decoded).toBe(labels.length);
    expect(values).toEqual(labels.map((l) => l.barcode.value));
  });

  it('prints a partial 24-up A4 sheet', async () => {
    const labels = Array.from({ length: 17 }, (_, i) => fnsku(`X00A4TEST${String(i % 5)}`, `${LONG} ${i}`));
    const { values, decoded, pages } = await printed(labels, 'a4-24', 'a4-24');
    expect(pages).toBe(1);
    expect(decoded).toBe(17);
    expect(values).toEqual(labels.map((l) => l.barcode.value));
  });

  it('prints one thermal label per page', async () => {
    const labels = [fnsku('X00THERM01', LONG), fnsku('X00THERM02', 'Mug'), fnsku('X00THERM01', LONG)];
    const { values, decoded, pages } = await printed(labels, 'thermal', 'thermal');
    expect(pages).toBe(3);
    expect(decoded).toBe(3);
    expect(values).toEqual(['X00THERM01', 'X00THERM02', 'X00THERM01']);
  });

  it('prints manufacturer barcodes (UPC-A, EAN-13, JAN, EAN-8, ISBN, GCID) instead of the FNSKU', async () => {
    const specs = [manufacturerBarcode('036000291452', 'UPC'), manufacturerBarcode('4006381333931', 'EAN'), manufacturerBarcode('4901234567894', 'JAN'), manufacturerBarcode('96385074', 'EAN'), manufacturerBarcode('0-306-40615-2', 'ISBN'), manufacturerBarcode('GCID1234ABCD5678', 'GCID')];
    const labels = specs.map((barcode) => ({ barcode, title: 'Manufacturer barcode', condition: 'New' }));
    const { values, decoded } = await printed(labels, 'letter-30', 'manufacturer');
    expect(decoded).toBe(6);
    expect(values).toEqual(['036000291452', '4006381333931', '4901234567894', '96385074', '9780306406157', 'GCID1234ABCD5678']);
  });

  it('reports progress every 100 labels', async () => {
    const seen: number[] = [];
    await renderFnskuLabels(Array.from({ length: 250 }, () => fnsku('X00PROG001', 'P')), 'letter-30', async (n) => void seen.push(n));
    expect(seen).toEqual([100, 200]);
  });
});
