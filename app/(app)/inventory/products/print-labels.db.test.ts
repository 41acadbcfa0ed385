import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { drainLabelDocuments, getLabelPdf, listLabelDocuments } from '@/lib/labels/documents';
import { FNSKU_SHEETS } from '@/lib/labels/sheets';
import { createTestDb } from '@/test/db';
import { formOfEntries } from '@/test/forms';
import { makeProduct, makeUser } from '@/test/fixtures';
import { decodeLabelValues } from '@/test/label-decode';
import { signInAs, testSession } from '@/test/session';
import { printStockLabelsAction } from './actions';

// Inventory → Products → Print labels as the browser sends it: ticked products (repeated
// productId), counts beside them, or every product matching the search.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  // The document names who asked for it: a real users row.
  signInAs([], (await makeUser(testSession.db)).id);
});

const idle = { status: 'idle' } as const;
const form = formOfEntries;

describe('Print labels (Inventory → Products)', () => {
  it('refuses a user without the Products permission', async () => {
    signInAs([PERMISSION.referenceBooks, PERMISSION.fba]);
    expect(await printStockLabelsAction(idle, form([['format', 'thermal'], ['productId', crypto.randomUUID()]]))).toMatchObject({ status: 'error', message: 'Not allowed: you need the Products permission.' });
  });

  it('ticked products with their own count or the count per product; the PDF decodes to their codes', async () => {
    signInAs([PERMISSION.products]);
    const mug = await makeProduct(testSession.db!, { name: 'Mug', barcode: '036000291452', barcodeType: 'UPC' });
    const pen = await makeProduct(testSession.db!, { name: 'Pen' });
    const res = await printStockLabelsAction(
      idle,
      form([
        ['format', 'letter-30'],
        ['scope', 'chosen'],
        ['perProduct', '2'],
        ['productId', mug.id],
        ['productId', pen.id],
        [`quantity.${pen.id}`, '3'],
        [`quantity.${crypto.randomUUID()}`, '9'], // a count beside an unticked product is ignored
      ]),
    );
    expect(res).toMatchObject({ status: 'ok', data: { total: 5 } });
    const [doc] = await listLabelDocuments(testSession.db!, { kind: 'product' }, 1);
    await drainLabelDocuments(testSession.db!);
    const { values } = await decodeLabelValues((await getLabelPdf(testSession.db!, doc.id))!.pdf, FNSKU_SHEETS['letter-30'].cells, 'action-products');
    expect(values).toEqual(['036000291452', '036000291452', pen.sku, pen.sku, pen.sku]);
  });

  it('nothing ticked, a bad count, too many labels: each refused with its words', async () => {
    signInAs([PERMISSION.products]);
    const p = await makeProduct(testSession.db!);
    expect(await printStockLabelsAction(idle, form([['format', 'thermal']]))).toMatchObject({ status: 'error', fieldErrors: { productId: ['Tick the products to print, or choose “All products matching the search”.'] } });
    expect(await printStockLabelsAction(idle, form([['format', 'thermal'], ['productId', p.id], [`quantity.${p.id}`, 'two']]))).toMatchObject({ status: 'error', fieldErrors: { [`quantity.${p.id}`]: [expect.stringContaining('how many labels')] } });
    expect(await printStockLabelsAction(idle, form([['format', 'thermal'], ['productId', p.id], ['perProduct', '10001']]))).toMatchObject({ status: 'error', fieldErrors: { perProduct: [expect.any(String)] } });
  });

  it('all products matching the search, each the count per product; too broad a search is refused with the count', async () => {
    signInAs([PERMISSION.products]);
    const tag = `Qx${Date.now()}`;
    const a = await makeProduct(testSession.db!, { sku: `${tag}-1`, name: 'A' });
    const b = await makeProduct(testSession.db!, { sku: `${tag}-2`, name: 'B' });
    expect(await printStockLabelsAction(idle, form([['format', 'a4-24'], ['scope', 'matching'], ['q', tag], ['perProduct', '2'], ['productId', crypto.randomUUID()]]))).toMatchObject({ status: 'ok', data: { total: 4 } });
    const [doc] = await listLabelDocuments(testSession.db!, { kind: 'product' }, 1);
    await drainLabelDocuments(testSession.db!);
    const { values } = await decodeLabelValues((await getLabelPdf(testSession.db!, doc.id))!.pdf, FNSKU_SHEETS['a4-24'].cells, 'action-matching');
    expect(values).toEqual([a.sku, a.sku, b.sku, b.sku]);
    const { products } = await import('@/db/schema');
    await testSession.db!.insert(products).values(Array.from({ length: 1000 }, (_, i) => ({ sku: `${tag}-M${i}`, name: 'Many' })));
    expect(await printStockLabelsAction(idle, form([['format', 'a4-24'], ['scope', 'matching'], ['q', tag]]))).toMatchObject({ status: 'error', message: expect.stringContaining(`The search “${tag}” matches 1,002 products; labels are printed for at most 1,000 at a time.`) });
  });
});
