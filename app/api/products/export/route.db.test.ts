import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { ProductInput } from '@/lib/catalog/product-inputs';
import { saveProduct } from '@/lib/catalog/products';
import { createTestDb } from '@/test/db';
import { productFields } from '@/test/forms';
import { signInAs, testSession } from '@/test/session';
import { GET } from './route';

// The products CSV download as the browser gets it.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  await ensurePriceTiers(testSession.db);
  await saveProduct(testSession.db, ProductInput.parse(productFields({ sku: 'EXP-1', name: 'Lamp', price1: '12.50' })));
});

describe('GET /api/products/export', () => {
  it('401 signed out, 403 without Products, otherwise the CSV named by today’s UTC date', async () => {
    testSession.user = null;
    expect((await GET()).status).toBe(401);
    signInAs([PERMISSION.customers]);
    expect((await GET()).status).toBe(403);
    signInAs([PERMISSION.products]);
    const res = await GET();
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect((await res.text()).split('\r\n').slice(0, 2)).toEqual([expect.stringMatching(/^SKU,Name,Barcode,BarcodeType,FNSKU,ASIN,UnitCost,DefaultLocation,Price Tier 1,/), 'EXP-1,Lamp,,,,,,,12.50,,,,,,,,,']);
  });
});
