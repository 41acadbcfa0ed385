import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { labelDocuments, locations } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { decodeLabelValues } from '@/test/label-decode';
import { binScanCode, findBinByScanCode } from './bin-code';
import { drainLabelDocuments, getLabelDocument, listLabelDocuments, queueBinLabels, queueStockProductLabels } from './documents';
import { FNSKU_SHEETS } from './sheets';
import { productIdsMatching } from './stock-labels';

// Every label is read back as a scanner would (pdftoppm + zbarimg, label by label).

let db: Db;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

const row = async (id: string) => (await db.select().from(labelDocuments).where(eq(labelDocuments.id, id)))[0];

describe('bin labels', () => {
  it('prints every bin of a location (by name), each decoding to its scan code, which finds the bin again', async () => {
    const loc = await makeLocation(db, `Main ${Date.now()}`);
    const made = [];
    for (const name of ['C-03', 'A-01', 'B-02 a very long bin name that will not fit on one label line']) made.push(await makeBin(db, loc.id, name));
    const byName = [...made].sort((a, b) => a.name.localeCompare(b.name));
    const doc = await queueBinLabels(db, { locationId: loc.id, format: 'letter-30' }, userId);
    expect(doc).toMatchObject({ kind: 'bin', status: 'queued', total: 3, formatLabel: expect.stringContaining('30-up Letter') });
    expect(await drainLabelDocuments(db)).toContain(doc.id);
    const done = await row(doc.id);
    expect(done, done.error ?? '').toMatchObject({ status: 'done', done: 3, total: 3, locationId: loc.id, connectionId: null });
    expect(done.fileName).toMatch(/^bin-labels-letter-30-\d{8}-\d{4}\.pdf$/);
    const { values, decoded, pages } = await decodeLabelValues(done.pdf!, FNSKU_SHEETS['letter-30'].cells, 'bins-letter');
    expect(pages).toBe(1);
    expect(decoded).toBe(3);
    expect(values).toEqual(byName.map((b) => binScanCode(b)));
    for (const [i, b] of byName.entries()) expect(await findBinByScanCode(db, values[i])).toEqual({ id: b.id, name: b.name, locationId: loc.id, locationName: loc.name });
    expect(await findBinByScanCode(db, values[0].toLowerCase(), { locationId: loc.id })).toMatchObject({ id: byName[0].id });
    const other = await makeLocation(db);
    expect(await findBinByScanCode(db, values[0], { locationId: other.id })).toBeNull();
    expect(await findBinByScanCode(db, 'B-0000000000')).toBeNull();
    expect(await findBinByScanCode(db, 'SKU-1')).toBeNull();
    expect((await listLabelDocuments(db, { locationId: loc.id })).map((d) => d.id)).toEqual([doc.id]);
  });

  it('prints only the chosen bins, copies each, one thermal label per page', async () => {
    const loc = await makeLocation(db);
    const [a, , c] = [await makeBin(db, loc.id, 'A'), await makeBin(db, loc.id, 'B'), await makeBin(db, loc.id, 'C')];
    const doc = await queueBinLabels(db, { locationId: loc.id, binIds: [c.id, a.id], format: 'thermal', copies: 2 }, userId);
    expect(doc.total).toBe(4);
    await drainLabelDocuments(db);
    const done = await row(doc.id);
    const { values, pages } = await decodeLabelValues(done.pdf!, FNSKU_SHEETS.thermal.cells, 'bins-thermal');
    expect(pages).toBe(4);
    expect(values).toEqual([binScanCode(a), binScanCode(a), binScanCode(c), binScanCode(c)]);
  });

  it('refuses a location without bins, an external one, and a bin of another location', async () => {
    const empty = await makeLocation(db, `Empty ${Date.now()}`);
    await expect(queueBinLabels(db, { locationId: empty.id, format: 'a4-24' }, userId)).rejects.toThrow(`${empty.name} has no bins to label.`);
    const [external] = await db.insert(locations).values({ name: `Amazon ${Date.now()}`, externalConnectionId: crypto.randomUUID() }).returning();
    await expect(queueBinLabels(db, { locationId: external.id, format: 'a4-24' }, userId)).rejects.toThrow('(an external location has none)');
    const elsewhere = await makeBin(db, (await makeLocation(db)).id, 'X');
    await makeBin(db, empty.id, 'E');
    await expect(queueBinLabels(db, { locationId: empty.id, binIds: [elsewhere.id], format: 'a4-24' }, userId)).rejects.toThrow(`A chosen bin is no longer in ${empty.name}`);
  });

  it('300 bin labels on 30-up Letter: ten pages, every label its own bin', async () => {
    const loc = await makeLocation(db);
    const made = [];
    for (let i = 0; i < 300; i += 1) made.push(await makeBin(db, loc.id, `R${String(Math.floor(i / 30) + 1).padStart(2, '0')}-S${String((i % 30) + 1).padStart(2, '0')}`));
    const doc = await queueBinLabels(db, { locationId: loc.id, format: 'letter-30' }, userId);
    const t = performance.now();
    await drainLabelDocuments(db);
    const ms = performance.now() - t;
    const done = await row(doc.id);
    expect(done.status).toBe('done');
    console.info(`300 bin labels: ${Math.round(ms)} ms, ${Math.round(done.pdf!.length / 1024)} KiB`);
    const { values, decoded, pages } = await decodeLabelValues(done.pdf!, FNSKU_SHEETS['letter-30'].cells, 'bins-300');
    expect(pages).toBe(10);
    expect(decoded).toBe(300);
    expect(values).toEqual(made.map((b) => binScanCode(b)));
  }, 120_000);
});

describe('warehouse product labels', () => {
  it('the manufacturer barcode by its type or its digits, else the SKU as Code 128; counts per product', async () => {
    const upc = await makeProduct(db, { name: 'Mug', barcode: '036000291452', barcodeType: 'UPC' });
    const ean = await makeProduct(db, { name: 'Pen', barcode: '4006381333931' }); // no type: read from its 13 digits
    const gcid = await makeProduct(db, { name: 'Lamp', barcode: 'GCID1234ABCD5678', barcodeType: 'GCID' });
    const plain = await makeProduct(db, { name: 'Bottle', sku: `WB-${Date.now()}` });
    const oddDigits = await makeProduct(db, { name: 'Odd', barcode: '12345' }); // no type, not a GS1 length: Code 128 as written
    const doc = await queueStockProductLabels(
      db,
      {
        format: 'a4-24',
        items: [
          { productId: upc.id, quantity: 2 },
          { productId: ean.id, quantity: 1 },
          { productId: gcid.id, quantity: 1 },
          { productId: plain.id, quantity: 3 },
          { productId: oddDigits.id, quantity: 1 },
        ],
      },
      userId,
    );
    expect(doc).toMatchObject({ kind: 'product', total: 8 });
    await drainLabelDocuments(db);
    const done = await row(doc.id);
    expect(done, done.error ?? '').toMatchObject({ status: 'done', total: 8, connectionId: null });
    const { values, decoded } = await decodeLabelValues(done.pdf!, FNSKU_SHEETS['a4-24'].cells, 'stock-products');
    expect(decoded).toBe(8);
    expect(values).toEqual(['036000291452', '036000291452', '4006381333931', 'GCID1234ABCD5678', plain.sku, plain.sku, plain.sku, '12345']);
    expect((await listLabelDocuments(db, { kind: 'product' })).map((d) => d.id)).toContain(doc.id);
  });

  it('refuses a product whose barcode cannot be printed, by SKU and name; a deleted product fails the document', async () => {
    const bad = await makeProduct(db, { name: 'Broken', barcode: '036000291453', barcodeType: 'UPC' });
    await expect(queueStockProductLabels(db, { format: 'thermal', items: [{ productId: bad.id, quantity: 1 }] }, userId)).rejects.toThrow(`${bad.sku} (Broken): The UPC 036000291453 has a wrong check digit.`);
    const gone = await queueStockProductLabels(db, { format: 'thermal', items: [{ productId: (await makeProduct(db)).id, quantity: 1 }] }, userId);
    await expect(queueStockProductLabels(db, { format: 'thermal', items: [] }, userId)).rejects.toThrow('Choose at least one product to print.');
    await db.update(labelDocuments).set({ request: { items: [{ productId: crypto.randomUUID(), quantity: 1 }] } }).where(eq(labelDocuments.id, gone.id));
    await drainLabelDocuments(db);
    expect(await getLabelDocument(db, gone.id)).toMatchObject({ status: 'failed', error: 'A product to print was deleted; choose the products again.' });
  });

  it('all products matching a search, capped with the count', async () => {
    const tag = `Zq${Date.now()}`;
    const a = await makeProduct(db, { name: `${tag} one`, sku: `${tag}-B` });
    const b = await makeProduct(db, { name: `${tag} two`, sku: `${tag}-A` });
    expect(await productIdsMatching(db, tag)).toEqual([b.id, a.id]);
    await expect(productIdsMatching(db, `${tag}-none`)).rejects.toThrow(`No product matches “${tag}-none”.`);
    await db.insert((await import('@/db/schema')).products).values(Array.from({ length: 1001 }, (_, i) => ({ sku: `${tag}-M${i}`, name: 'Many' })));
    await expect(productIdsMatching(db, tag)).rejects.toThrow(`The search “${tag}” matches 1,003 products; labels are printed for at most 1,000 at a time.`);
  });
});
