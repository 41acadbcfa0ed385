import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import type { SessionUser } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { formOf } from '@/test/forms';
import { ensurePriceTiers, listPriceTiers } from './price-tiers';
import { listProducts } from './products';

// The server actions, run as the browser would call them: FormData in, ActionState out.
const state = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock('@/db', () => ({ getDb: async () => state.db }));
vi.mock('@/lib/auth/session', () => ({ requireUser: async () => state.user, getSessionUser: async () => state.user }));
vi.mock('next/server', () => ({ connection: async () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  // With Next's digest, so the action wrapper lets it through as it does the real redirect().
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to, digest: `NEXT_REDIRECT;replace;${to};307;` });
  },
}));

const { saveProductAction, importProductsAction } = await import('@/app/(app)/inventory/products/actions');
const { saveCustomerAction } = await import('@/app/(app)/sale/customers/actions');
const { savePriceTiersAction } = await import('@/app/(app)/settings/reference-books/price-tiers/actions');
const exportRoute = await import('@/app/api/products/export/route');

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  state.db = db;
  await ensurePriceTiers(db);
});

const as = (permissions: string[]) => {
  state.user = { id: '00000000-0000-4000-8000-000000000001', email: 'u@example.com', name: 'U', isAdmin: false, permissions } satisfies SessionUser;
};
const productForm = (over: Record<string, string>) =>
  formOf({ sku: '', name: '', barcode: '', barcodeType: '', fnsku: '', asin: '', unitCost: '', defaultLocationId: '', ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`price${i + 1}`, ''])), ...over });
const idle = { status: 'idle' } as const;

describe('catalog server actions', () => {
  it('refuse users without the permission, before touching anything', async () => {
    as(['Customers']);
    expect(await saveProductAction(idle, productForm({ sku: 'NOPE-1', name: 'X' }))).toMatchObject({ status: 'error', message: 'Not allowed: you need the Products permission.' });
    expect(await importProductsAction(idle, formOf({ file: new File(['SKU,Name\nNOPE-2,X'], 'p.csv') }))).toMatchObject({ status: 'error' });
    expect(await savePriceTiersAction(idle, formOf({ tier1: 'Hacked' }))).toMatchObject({ status: 'error', message: expect.stringContaining('Reference Books') });
    as(['Products']);
    expect(await saveCustomerAction(idle, formOf({ name: 'Nope' }))).toMatchObject({ status: 'error', message: expect.stringContaining('Customers') });
    expect((await listProducts(db, { q: 'NOPE', sort: 'sku', dir: 'asc', after: null })).rows).toEqual([]);
  });

  it('create a product (redirecting to it), then report a duplicate SKU next to the field, keeping what was typed', async () => {
    as(['Products']);
    await expect(saveProductAction(idle, productForm({ sku: 'ACT-1', name: 'Lamp', price1: '12.50' }))).rejects.toMatchObject({ to: expect.stringMatching(/^\/inventory\/products\/[0-9a-f-]{36}\?created=1$/) });
    const dup = await saveProductAction(idle, productForm({ sku: 'act-1', name: 'Other lamp', barcode: '123' }));
    expect(dup).toMatchObject({ status: 'error', message: 'Check the highlighted fields.', fieldErrors: { barcodeType: [expect.any(String)] } });
    const taken = await saveProductAction(idle, productForm({ sku: 'act-1', name: 'Other lamp' }));
    expect(taken).toMatchObject({ status: 'error', message: 'A product with SKU act-1 already exists.', fieldErrors: { sku: [expect.any(String)] }, values: { name: 'Other lamp' } });
  });

  it('import a CSV upload and say how many were created and updated', async () => {
    as(['Products']);
    const file = new File(['SKU,Name\r\nACT-1,Lamp v2\r\nACT-2,Shade\r\n'], 'products.csv', { type: 'text/csv' });
    expect(await importProductsAction(idle, formOf({ file }))).toEqual({ status: 'ok', data: { created: 1, updated: 1 } });
    expect(await importProductsAction(idle, formOf({ file: new File([''], 'empty.csv') }))).toMatchObject({ status: 'error', fieldErrors: { file: [expect.stringContaining('empty')] } });
    // A Latin-1 file (é is byte E9) is refused, not imported with U+FFFD in place of each accent.
    const latin1 = new File([new Uint8Array([...new TextEncoder().encode('SKU,Name\r\nACT-3,Caf'), 0xe9, 0x0d, 0x0a])], 'latin1.csv');
    expect(await importProductsAction(idle, formOf({ file: latin1 }))).toMatchObject({ status: 'error', fieldErrors: { file: [expect.stringMatching(/^Line 2: the file is not UTF-8 text/)] } });
    const nul = new File(['SKU,Name\r\nACT-3,Ca\0fe\r\n'], 'nul.csv');
    expect(await importProductsAction(idle, formOf({ file: nul }))).toMatchObject({ status: 'error', fieldErrors: { file: [expect.stringMatching(/^Line 2: the file contains a NUL character/)] } });
    expect((await listProducts(db, { q: 'ACT-3', sort: 'sku', dir: 'asc', after: null })).rows).toEqual([]);
  });

  it('save tier names and customers', async () => {
    as(['Reference Books', 'Customers']);
    const names = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`tier${i + 1}`, i === 0 ? 'Retail' : `Tier ${i + 1}`]));
    expect(await savePriceTiersAction(idle, formOf(names))).toMatchObject({ status: 'ok' });
    expect((await listPriceTiers(db))[0].name).toBe('Retail');
    await expect(saveCustomerAction(idle, formOf({ name: 'Act Co', contactName: '', email: '', phone: '', billingAddress: '', shippingLine1: '', shippingLine2: '', shippingCity: '', shippingState: '', shippingPostalCode: '', shippingCountry: 'US', priceTier: '1' }))).rejects.toMatchObject({ message: 'NEXT_REDIRECT' });
  });

  it('export: 401 signed out, 403 without Products, otherwise the CSV', async () => {
    state.user = null;
    expect((await exportRoute.GET()).status).toBe(401);
    as(['Customers']);
    expect((await exportRoute.GET()).status).toBe(403);
    as(['Products']);
    const res = await exportRoute.GET();
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await res.text()).split('\r\n').slice(0, 2)).toEqual([expect.stringMatching(/^SKU,Name,Barcode,BarcodeType,FNSKU,ASIN,UnitCost,DefaultLocation,Price Tier 1,/), 'ACT-1,Lamp v2,,,,,,,12.50,,,,,,,,,']);
  });
});
