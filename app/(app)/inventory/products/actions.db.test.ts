import { beforeAll, describe, expect, it, vi } from 'vitest';
import { listProducts } from '@/lib/catalog/products';
import { PERMISSION } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { formOf, productFields } from '@/test/forms';
import { redirectTarget } from '@/test/next';
import { signInAs, testSession } from '@/test/session';
import { importProductsAction, saveProductAction } from './actions';

// The product actions as the browser calls them: FormData in, ActionState (or a redirect) out.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
});

const idle = { status: 'idle' } as const;
const productForm = (over: Record<string, string>) => formOf(productFields(over));
const bySku = async (q: string) => (await listProducts(testSession.db!, { q, sort: 'sku', dir: 'asc', after: null })).rows;

describe('product actions', () => {
  it('refuse users without the Products permission, before touching anything', async () => {
    signInAs([PERMISSION.customers]);
    expect(await saveProductAction(idle, productForm({ sku: 'NOPE-1', name: 'X' }))).toMatchObject({ status: 'error', message: 'Not allowed: you need the Products permission.' });
    expect(await importProductsAction(idle, formOf({ file: new File(['SKU,Name\nNOPE-2,X'], 'p.csv') }))).toMatchObject({ status: 'error' });
    expect(await bySku('NOPE')).toEqual([]);
  });

  it('create a product (redirecting to it), then report a duplicate SKU next to the field, keeping what was typed', async () => {
    signInAs([PERMISSION.products]);
    expect(await redirectTarget(saveProductAction(idle, productForm({ sku: 'ACT-1', name: 'Lamp', price1: '12.50' })))).toMatch(/^\/inventory\/products\/[0-9a-f-]{36}\?created=1$/);
    const dup = await saveProductAction(idle, productForm({ sku: 'act-1', name: 'Other lamp', barcode: '123' }));
    expect(dup).toMatchObject({ status: 'error', message: 'Check the highlighted fields.', fieldErrors: { barcodeType: [expect.any(String)] } });
    const taken = await saveProductAction(idle, productForm({ sku: 'act-1', name: 'Other lamp' }));
    expect(taken).toMatchObject({ status: 'error', message: 'A product with SKU act-1 already exists.', fieldErrors: { sku: [expect.any(String)] }, values: { name: 'Other lamp' } });
  });

  it('import a CSV upload and say how many were created and updated', async () => {
    signInAs([PERMISSION.products]);
    const file = new File(['SKU,Name\r\nACT-1,Lamp v2\r\nACT-2,Shade\r\n'], 'products.csv', { type: 'text/csv' });
    expect(await importProductsAction(idle, formOf({ file }))).toEqual({ status: 'ok', data: { created: 1, updated: 1 } });
    expect(await importProductsAction(idle, formOf({ file: new File([''], 'empty.csv') }))).toMatchObject({ status: 'error', fieldErrors: { file: [expect.stringContaining('empty')] } });
    // A Latin-1 file (é is byte E9) is refused, not imported with U+FFFD in place of each accent.
    const latin1 = new File([new Uint8Array([...new TextEncoder().encode('SKU,Name\r\nACT-3,Caf'), 0xe9, 0x0d, 0x0a])], 'latin1.csv');
    expect(await importProductsAction(idle, formOf({ file: latin1 }))).toMatchObject({ status: 'error', fieldErrors: { file: [expect.stringMatching(/^Line 2: the file is not UTF-8 text/)] } });
    const nul = new File(['SKU,Name\r\nACT-3,Ca\0fe\r\n'], 'nul.csv');
    expect(await importProductsAction(idle, formOf({ file: nul }))).toMatchObject({ status: 'error', fieldErrors: { file: [expect.stringMatching(/^Line 2: the file contains a NUL character/)] } });
    expect(await bySku('ACT-3')).toEqual([]);
  });
});
