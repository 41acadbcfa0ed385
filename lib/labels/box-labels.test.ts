import { describe, expect, it } from 'vitest';
import { decodeLabelValues } from '@/test/label-decode';
import { renderBoxLabels, type BoxLabel } from './box-labels';
import { BOX_SHEETS } from './sheets';

const FROM = { name: 'Demo Warehouse', addressLine1: '1 Depot Road', addressLine2: 'Unit 4, Riverside Industrial Estate', city: 'Reno', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US', phoneNumber: '+1 775 555 0100' };
const TO = { name: 'Amazon.com Services LLC', addressLine1: '2496 W Walnut Ave', city: 'Rialto', stateOrProvinceCode: 'CA', postalCode: '92376', countryCode: 'US' };

function boxes(shipmentId: string, count: number, skus: number): BoxLabel[] {
  return Array.from({ length: count }, (_, i) => ({
    boxId: `${shipmentId}U${String(i + 1).padStart(6, '0')}`,
    shipmentId,
    boxNo: i + 1,
    boxCount: count,
    shipFrom: FROM,
    shipTo: TO,
    warehouseId: 'ONT8',
    contents: Array.from({ length: skus }, (_, k) => ({ sku: `WIDGET-LONG-SKU-NAME-${k + 1}`, quantity: 12 + k })),
  }));
}

describe('box labels', () => {
  it('prints two per Letter sheet (PackageLabel_Letter_2); each decodes to its FBA box id', async () => {
    const labels = boxes('FBA15DJ8K9XY', 3, 3);
    const { values, decoded, pages } = await decodeLabelValues(await renderBoxLabels(labels, 'PackageLabel_Letter_2'), BOX_SHEETS.PackageLabel_Letter_2.cells, 'box-letter-2');
    expect(pages).toBe(2);
    expect(decoded).toBe(3);
    expect(values).toEqual(labels.map((l) => l.boxId));
  });

  it('prints one 4" × 6" thermal label per box, a long contents list cut with "and n more"', async () => {
    const labels = [...boxes('FBA15DJ8K9XY', 2, 40), ...boxes('FBA15DJ8K9ZZ', 1, 2)];
    const { values, decoded, pages } = await decodeLabelValues(await renderBoxLabels(labels, 'PackageLabel_Thermal'), BOX_SHEETS.PackageLabel_Thermal.cells, 'box-thermal');
    expect(pages).toBe(3);
    expect(decoded).toBe(3);
    expect(values).toEqual(labels.map((l) => l.boxId));
  });

  it('prints six per Letter sheet (the smallest page type)', async () => {
    const labels = boxes('FBA15DJ8K9XY', 7, 5);
    const { values, decoded } = await decodeLabelValues(await renderBoxLabels(labels, 'PackageLabel_Letter_6'), BOX_SHEETS.PackageLabel_Letter_6.cells, 'box-letter-6');
    expect(decoded).toBe(7);
    expect(values).toEqual(labels.map((l) => l.boxId));
  });

  it('refuses an unknown page type', async () => {
    await expect(renderBoxLabels(boxes('FBA1', 1, 1), 'PackageLabel_Nope')).rejects.toThrow('Unknown label page type PackageLabel_Nope');
  });
});
