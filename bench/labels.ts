// npx tsx bench/labels.ts — label PDFs as the worker makes them (no database): box labels of a
// 200-box shipment (goal ≤ 2 s) and 3,000 FNSKU product labels on 30-up Letter sheets, 20
// different FNSKUs (goal ≤ 5 s); time, pages, size and memory (peak RSS of the process so far,
// heap after the render). BENCH_BOXES and BENCH_LABELS change the sizes.
import { pathToFileURL } from 'node:url';
import { renderBoxLabels, type BoxLabel } from '../lib/labels/box-labels';
import { code128 } from '../lib/labels/barcode';
import { renderFnskuLabels, type ProductLabel } from '../lib/labels/fnsku-labels';

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const FROM = { name: 'Demo Warehouse', addressLine1: '1 Depot Road', city: 'Reno', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US' };
const TO = { name: 'Amazon.com Services LLC', addressLine1: '2496 W Walnut Ave', city: 'Rialto', stateOrProvinceCode: 'CA', postalCode: '92376', countryCode: 'US' };

async function measure(what: string, goalMs: number, render: () => Promise<Buffer>) {
  const t0 = performance.now();
  const pdf = await render();
  const ms = performance.now() - t0;
  const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const mem = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(`${what.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms (goal ≤ ${goalMs} ms${ms <= goalMs ? '' : ', MISSED'})  ${String(pages).padStart(4)} pages  ${(pdf.length / 1024).toFixed(0).padStart(5)} KB  peak RSS ${MB(peakRss)}  heap ${MB(mem.heapUsed)}`);
  return { ms, pages, bytes: pdf.length, peakRss, heapUsed: mem.heapUsed };
}

export async function benchLabels(opts: { boxes?: number; labels?: number } = {}) {
  const boxes = opts.boxes ?? Number(process.env.BENCH_BOXES ?? 200);
  const count = opts.labels ?? Number(process.env.BENCH_LABELS ?? 3000);
  const boxLabels: BoxLabel[] = Array.from({ length: boxes }, (_, i) => ({
    boxId: `FBA15BENCH01U${String(i + 1).padStart(6, '0')}`,
    shipmentId: 'FBA15BENCH01',
    boxNo: i + 1,
    boxCount: boxes,
    shipFrom: FROM,
    shipTo: TO,
    warehouseId: 'ONT8',
    contents: Array.from({ length: 3 }, (_, k) => ({ sku: `BENCH-SKU-${(i * 3 + k) % 40}`, quantity: 12 })),
  }));
  const product: ProductLabel[] = Array.from({ length: 20 }, (_, i) => ({ barcode: code128(`X00BENCH${String(i).padStart(2, '0')}`), title: `Bench product ${i} — stainless steel insulated water bottle, 32 oz`, condition: 'New' }));
  const fnsku = Array.from({ length: count }, (_, i) => product[Math.floor((i * product.length) / count)]);
  // Warm-up (module loading, font metrics) so the figures are the steady state of a running worker.
  await renderFnskuLabels(fnsku.slice(0, 30), 'letter-30');
  return {
    thermal: await measure(`box labels, ${boxes} boxes, Thermal 4"×6"`, 2000, () => renderBoxLabels(boxLabels, 'PackageLabel_Thermal')),
    letter2: await measure(`box labels, ${boxes} boxes, Letter 2-up`, 2000, () => renderBoxLabels(boxLabels, 'PackageLabel_Letter_2')),
    fnsku: await measure(`FNSKU labels, ${count}, 30-up Letter`, 5000, () => renderFnskuLabels(fnsku, 'letter-30')),
    thermalFnsku: await measure(`FNSKU labels, ${count}, thermal`, 5000, () => renderFnskuLabels(fnsku, 'thermal')),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchLabels();
