import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { drainLabelDocuments, queueBinLabels, queueProductLabels, queueStockProductLabels } from '@/lib/labels/documents';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeBin, makeLocation, makeProduct } from '@/test/fixtures';
import { signInAs, testSession } from '@/test/session';
import { GET as download } from './route';
import { GET as status } from './status/route';

// The label download and its progress as the browser gets them.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

const call = (handler: typeof download, id: string) => handler(new NextRequest(`http://localhost/api/labels/${id}`), { params: Promise.resolve({ id }) });
let docId: string;

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  const { conn } = await makeFbaConnection(testSession.db);
  const p = await makeProduct(testSession.db, { fnsku: 'X00ROUTE01' });
  docId = (await queueProductLabels(testSession.db, { connectionId: conn.id, format: 'thermal', items: [{ productId: p.id, quantity: 2 }] }, null)).id;
});

describe('GET /api/labels/[id] and /status', () => {
  it('401 signed out, 403 without the FBA permission', async () => {
    testSession.user = null;
    expect((await call(download, docId)).status).toBe(401);
    expect((await call(status, docId)).status).toBe(401);
    signInAs([PERMISSION.products]);
    expect((await call(download, docId)).status).toBe(403);
    expect((await call(status, docId)).status).toBe(403);
  });

  it('404 while queued or unknown; then the progress and the PDF as an attachment', async () => {
    signInAs([PERMISSION.fba]);
    expect((await call(download, docId)).status).toBe(404);
    expect((await call(download, 'not-an-id')).status).toBe(404);
    expect((await call(status, crypto.randomUUID())).status).toBe(404);
    expect(await (await call(status, docId)).json()).toMatchObject({ document: { id: docId, status: 'queued', total: 2, done: 0 } });
    await drainLabelDocuments(testSession.db!);
    expect(await (await call(status, docId)).json()).toMatchObject({ document: { status: 'done', done: 2, total: 2 } });
    const res = await call(download, docId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="product-labels-thermal-\d{8}-\d{4}\.pdf"$/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('bin labels need Reference Books and warehouse product labels Products; FBA labels still need the FBA permission', async () => {
    const db = testSession.db!;
    const loc = await makeLocation(db);
    await makeBin(db, loc.id, 'A-01');
    const bin = (await queueBinLabels(db, { locationId: loc.id, format: 'thermal' }, null)).id;
    const product = (await queueStockProductLabels(db, { format: 'thermal', items: [{ productId: (await makeProduct(db)).id, quantity: 1 }] }, null)).id;
    await drainLabelDocuments(db);
    signInAs([PERMISSION.fba]);
    expect((await call(download, bin)).status).toBe(403);
    expect(await (await call(status, product)).json()).toEqual({ error: 'Not allowed: you need the Products permission.' });
    signInAs([PERMISSION.referenceBooks]);
    expect((await call(download, bin)).status).toBe(200);
    expect(await (await call(status, bin)).json()).toMatchObject({ document: { kind: 'bin', status: 'done', total: 1 } });
    expect((await call(download, product)).status).toBe(403);
    expect((await call(download, docId)).status).toBe(403);
    signInAs([PERMISSION.products]);
    const res = await call(download, product);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="product-labels-thermal-\d{8}-\d{4}\.pdf"$/);
    expect((await call(status, bin)).status).toBe(403);
  });
});
