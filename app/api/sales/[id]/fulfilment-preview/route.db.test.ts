import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import type { LocationPreview } from '@/lib/fulfilment/preview';
import type { TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, startFastSandbox } from '@/test/fba-fixtures';
import { makeProduct } from '@/test/fixtures';
import { makeSaleWithLines, stockAtAmazon } from '@/test/fulfilment-fixtures';
import { signInAs, testSession } from '@/test/session';
import { GET } from './route';

// The Ship tab's preview as the browser reads it.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

let sandbox: TestSandbox;
let saleId: string;

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  sandbox = await startFastSandbox();
  await stockAtAmazon(sandbox, [{ sellerSku: 'RT-MUG', fulfillable: 5 }]);
  const fba = await makeFbaConnection(testSession.db);
  const mug = await makeProduct(testSession.db);
  saleId = (
    await makeSaleWithLines(testSession.db, {
      lines: [{ productId: mug.id, locationId: fba.location.id, quantity: 1 }],
      listings: [{ connectionId: fba.conn.id, productId: mug.id, sellerSku: 'RT-MUG' }],
    })
  ).id;
});
afterAll(() => sandbox?.close());

const call = (id: string) => GET(new NextRequest(`http://localhost/api/sales/${id}/fulfilment-preview`), { params: Promise.resolve({ id }) });

describe('GET /api/sales/[id]/fulfilment-preview', () => {
  it('needs the Sale permission, answers 404 for an unknown sale, and gives each FBA location’s preview', async () => {
    signInAs([PERMISSION.fba]);
    expect((await call(saleId)).status).toBe(403);
    signInAs([PERMISSION.sale]);
    expect((await call('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const res = await call(saleId);
    expect(res.status).toBe(200);
    const { locations } = (await res.json()) as { locations: LocationPreview[] };
    expect(locations).toHaveLength(1);
    expect(locations[0]).toMatchObject({ lines: [{ sellerSku: 'RT-MUG', quantity: 1 }], outcome: { kind: 'fulfillable', totalFee: { currency: 'USD', amount: expect.stringMatching(/^\d+\.\d\d$/) } } });
  });
});
