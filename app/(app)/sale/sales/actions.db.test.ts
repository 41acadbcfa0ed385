import { beforeAll, describe, expect, it, vi } from 'vitest';
import { customers } from '@/db/schema';
import { PERMISSION } from '@/lib/auth/permissions';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { getSale } from '@/lib/sale/queries';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { redirectTarget } from '@/test/next';
import { signInAs, testSession } from '@/test/session';
import { onHand } from '@/test/stock';
import { createSaleAction, invoiceAction, orderAction, packAction, paymentAction, pickAction, shipAction, undoStageAction } from './actions';

// The sale actions as the browser calls them: FormData in, ActionState (or a redirect) out.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

let userId: string;
beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  userId = (await makeUser(testSession.db)).id;
  await ensurePriceTiers(testSession.db);
});

const idle = { status: 'idle' } as const;
const address = { shipToName: 'Ann', shipToLine1: '2 High St', shipToLine2: '', shipToCity: 'Leeds', shipToState: '', shipToPostalCode: 'LS1 1AA', shipToCountry: 'gb', shipToPhone: '', customerReference: '', comment: '' };

describe('sale actions', () => {
  it('refuse users without the Sale permission', async () => {
    signInAs([PERMISSION.customers], userId);
    const not = { status: 'error', message: 'Not allowed: you need the Sale permission.' };
    expect(await createSaleAction(idle, formOf({}))).toMatchObject(not);
    expect(await orderAction(idle, formOf({ saleId: '00000000-0000-4000-8000-000000000000', move: 'Authorise' }))).toMatchObject(not);
  });

  it('take a sale from the form through Pick, Pack, Ship and Invoice with a payment, refusing an unknown SKU, a bad box and an over-ship by their fields', async () => {
    const db = testSession.db!;
    signInAs([PERMISSION.sale], userId);
    const loc = await makeLocation(db);
    const p = await makeProduct(db, { sku: 'ACT-SALE', defaultLocationId: loc.id });
    await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: loc.id, binId: null, quantity: 5, unitCost: 10_000 }] }, userId);
    const [c] = await db.insert(customers).values({ name: 'Action Buyer', priceTier: 1 }).returning();

    expect(await createSaleAction(idle, formOf({ customerId: c.id, priceTier: '1', ...address, 'sku.0': 'NOPE', 'quantity.0': '1', 'price.0': '', 'location.0': '' }))).toMatchObject({
      fieldErrors: { 'sku.0': ['No product has this SKU.'] },
    });
    const url = await redirectTarget(createSaleAction(idle, formOf({ customerId: c.id, priceTier: '1', ...address, 'sku.0': 'act-sale', 'quantity.0': '2', 'price.0': '7.50', 'location.0': '' })));
    const saleId = url.split('/').pop()!.split('?')[0];
    expect((await getSale(db, saleId))!.shipToCountry).toBe('GB');

    expect(await redirectTarget(orderAction(idle, formOf({ saleId, move: 'Authorise' })))).toContain('tab=Order');
    await redirectTarget(pickAction(idle, formOf({ saleId, 'place.1': loc.id })));
    expect(await onHand(db, p.id, loc.id)).toBe(3);
    expect(await packAction(idle, formOf({ saleId, 'box.1': '0' }))).toMatchObject({ fieldErrors: { 'box.1': ['Enter a box number from 1 to 999.'] } });
    await redirectTarget(packAction(idle, formOf({ saleId, 'box.1': '1' })));
    expect(await shipAction(idle, formOf({ saleId, shippingOption: 'Standard', carrier: '', trackingNumber: '', 'quantity.1': '3' }))).toMatchObject({ fieldErrors: { 'quantity.1': ['At most 2 (picked).'] } });
    await redirectTarget(shipAction(idle, formOf({ saleId, shippingOption: 'Standard', carrier: 'DHL', trackingNumber: 'JD01', 'quantity.1': '2' })));
    await redirectTarget(invoiceAction(idle, formOf({ saleId, dueDate: '2031-02-01' })));
    await redirectTarget(paymentAction(idle, formOf({ saleId, amount: '10.00', paidOn: '2031-01-15', method: 'Card', reference: '' })));
    const s = (await getSale(db, saleId))!;
    expect([s.orderStatus, s.pickStatus, s.packStatus, s.shipStatus, s.invoiceStatus]).toEqual(['Authorised', 'Authorised', 'Authorised', 'Authorised', 'Authorised']);
    expect([s.invoiceTotal, s.paidTotal]).toEqual([1_500, 1_000]);
    expect(await undoStageAction(idle, formOf({ saleId, stage: 'Pick' }))).toMatchObject({ status: 'error', message: 'Undo Pack and Ship first: Pick cannot be undone while they are authorised.' });
  });
});
