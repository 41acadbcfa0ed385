import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, fbaListings, labelDocuments } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeProduct, makeUser } from '@/test/fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { confirmSandboxShipment, decodeLabelValues, insertConfirmedInbound } from '@/test/label-fixtures';
import { drainLabelDocuments, getLabelDocument, getLabelPdf, listLabelDocuments, queueInboundLabels, queueLabelDocument, queueProductLabels } from './documents';
import { BOX_SHEETS, FNSKU_SHEETS } from './sheets';

let db: Db;
let conn: Awaited<ReturnType<typeof makeFbaConnection>>;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  conn = await makeFbaConnection(db, { labelPageType: 'PackageLabel_Thermal' });
  userId = (await makeUser(db)).id;
});

const row = async (id: string) => (await db.select().from(labelDocuments).where(eq(labelDocuments.id, id)))[0];

describe('label documents', () => {
  it('queued → running → done with the PDF: box labels of a confirmed inbound shipment', async () => {
    const { inbound, boxes } = await insertConfirmedInbound(db, { connectionId: conn.conn.id, toLocationId: conn.location.id, confirmationId: 'FBA15LABEL01', boxes: 3 });
    const queued = await queueInboundLabels(db, inbound.id, userId);
    expect(queued.map((d) => [d.kind, d.format, d.status])).toEqual([
      ['box', 'PackageLabel_Thermal', 'queued'],
      ['shipping', 'PackageLabel_Thermal', 'queued'],
    ]);
    const box = queued[0].id;
    const finished = await drainLabelDocuments(db, { fetchPdf: async () => Buffer.from('%PDF-1.4 test'), clientFor: () => ({ getLabels: async () => 'http://labels.test/x.pdf' }) as never });
    expect(finished).toContain(box);
    const done = await row(box);
    expect(done).toMatchObject({ status: 'done', done: 3, total: 3, fileName: 'box-labels-FBA15LABEL01.pdf', error: null });
    expect(done.claimedAt!.getTime()).toBeLessThanOrEqual(done.finishedAt!.getTime());
    const { values, decoded } = await decodeLabelValues(done.pdf!, BOX_SHEETS.PackageLabel_Thermal.cells, 'doc-box');
    expect(decoded).toBe(3);
    expect(values).toEqual(boxes.map((b) => b.amazonBoxId));
    expect(await getLabelPdf(db, box)).toMatchObject({ fileName: 'box-labels-FBA15LABEL01.pdf' });
    expect(await listLabelDocuments(db, { inboundId: inbound.id })).toHaveLength(2);
  });

  it('product labels: the listing\'s FNSKU, the manufacturer barcode when chosen, and a refusal naming a product with neither', async () => {
    const a = await makeProduct(db, { name: 'Blue water bottle' });
    const b = await makeProduct(db, { name: 'Book', barcode: '9780306406157', barcodeType: 'ISBN', fbaBarcode: 'Manufacturer' });
    await db.insert(fbaListings).values([
      { connectionId: conn.conn.id, sellerSku: `L-${a.sku}`, fnsku: 'X00BOTTLE1', productId: a.id, condition: 'NewItem' },
      { connectionId: conn.conn.id, sellerSku: `L-${b.sku}`, fnsku: 'X00BOOK001', productId: b.id },
    ]);
    const doc = await queueProductLabels(db, { connectionId: conn.conn.id, format: 'letter-30', items: [{ productId: a.id, quantity: 31 }, { productId: b.id, quantity: 2 }] }, userId);
    expect(doc).toMatchObject({ kind: 'fnsku', status: 'queued', total: 33 });
    await drainLabelDocuments(db);
    const done = await row(doc.id);
    expect(done).toMatchObject({ status: 'done', done: 33, total: 33 });
    const { values, decoded, pages } = await decodeLabelValues(done.pdf!, FNSKU_SHEETS['letter-30'].cells, 'doc-fnsku');
    expect(pages).toBe(2);
    expect(decoded).toBe(33);
    expect(values).toEqual([...Array(31).fill('X00BOTTLE1'), '9780306406157', '9780306406157']);

    const none = await makeProduct(db, { name: 'Unlisted lamp' });
    await expect(queueProductLabels(db, { connectionId: conn.conn.id, format: 'thermal', items: [{ productId: none.id, quantity: 1 }] }, userId)).rejects.toThrow(`${none.sku} (Unlisted lamp) has no FNSKU`);
  });

  it('a failing generation ends failed with a message the screen can show', async () => {
    const doc = await queueLabelDocument(db, { kind: 'fnsku', connectionId: conn.conn.id, format: 'letter-30', request: { items: [{ productId: crypto.randomUUID(), quantity: 1 }] }, requestedBy: userId });
    await drainLabelDocuments(db);
    expect(await getLabelDocument(db, doc.id)).toMatchObject({ status: 'failed', error: 'A product to print was deleted; choose the listings again.' });
    expect(await getLabelPdf(db, doc.id)).toBeNull();
    const bad = await queueLabelDocument(db, { kind: 'box', connectionId: conn.conn.id, format: 'PackageLabel_Nope', amazonShipmentId: null, inboundId: null, requestedBy: null });
    await drainLabelDocuments(db);
    expect(await getLabelDocument(db, bad.id)).toMatchObject({ status: 'failed', error: 'The label document names no shipment.' });
  });

  it('two drains at once never generate one document twice; a claim older than the lease is retaken', async () => {
    const p = await makeProduct(db, { fnsku: 'X00TWICE01' });
    const docs = await Promise.all(Array.from({ length: 4 }, () => queueProductLabels(db, { connectionId: conn.conn.id, format: 'thermal', items: [{ productId: p.id, quantity: 2 }] }, null)));
    const [first, second] = await Promise.all([drainLabelDocuments(db), drainLabelDocuments(db)]);
    expect([...first, ...second].sort()).toEqual(docs.map((d) => d.id).sort());
    expect(first.filter((id) => second.includes(id))).toEqual([]);

    const stuck = await queueProductLabels(db, { connectionId: conn.conn.id, format: 'thermal', items: [{ productId: p.id, quantity: 1 }] }, null);
    await db.update(labelDocuments).set({ status: 'running', claimedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(labelDocuments.id, stuck.id));
    const fresh = await queueProductLabels(db, { connectionId: conn.conn.id, format: 'thermal', items: [{ productId: p.id, quantity: 1 }] }, null);
    await db.update(labelDocuments).set({ status: 'running', claimedAt: new Date() }).where(eq(labelDocuments.id, fresh.id));
    expect(await drainLabelDocuments(db)).toEqual([stuck.id]);
    expect((await row(fresh.id)).status).toBe('running');
  });
});

describe('shipping labels from Amazon (the sandbox)', () => {
  let fs: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
  beforeAll(async () => {
    fs = await startFulfilmentSandbox({ rateScale: 1000 });
  });
  afterAll(() => fs.sandbox.close());

  it("stores Amazon's getLabels PDF as is; Amazon's refusal is stored in its words", async () => {
    const [dbConn] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, conn.conn.id));
    const client = fs.clientFor(dbConn);
    const at = await confirmSandboxShipment(client, (s) => fs.sandbox.advance(s), 2);
    expect(at.confirmationId).toMatch(/^FBA/);
    const { inbound } = await insertConfirmedInbound(db, { connectionId: conn.conn.id, toLocationId: conn.location.id, confirmationId: at.confirmationId, shipmentId: at.shipmentId, boxes: 2, partnered: true });
    const [, shipping] = await queueInboundLabels(db, inbound.id, userId);
    expect(shipping.kind).toBe('shipping');
    await drainLabelDocuments(db, { clientFor: fs.clientFor });
    const done = await row(shipping.id);
    expect(done, done.error ?? '').toMatchObject({ status: 'done', total: 2, fileName: `shipping-labels-${at.confirmationId}.pdf` });
    expect(done.pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fs.count('getLabels')).toBe(1);

    const { inbound: unknown } = await insertConfirmedInbound(db, { connectionId: conn.conn.id, toLocationId: conn.location.id, confirmationId: 'FBA000000000', boxes: 1 });
    const [, refused] = await queueInboundLabels(db, unknown.id, userId);
    await drainLabelDocuments(db, { clientFor: fs.clientFor });
    expect((await row(refused.id)).error).toMatch(/^Amazon said: /);
  });
});
