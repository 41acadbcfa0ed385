import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inboundBoxItems, inboundBoxes, inboundShipments, outbox } from '@/db/schema';
import { PERMISSION } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeInboundSetup, settleInbound } from '@/test/inbound-wizard-fixtures';
import { signInAs, testSession } from '@/test/session';
import { startInboundAction } from '../new/actions';
import { choosePackingAction, saveBoxesAction } from './actions';

// The wizard's forms as the browser posts them: FormData in, ActionState (or a redirect) out.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

let userId: string;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
const idle = { status: 'idle' } as const;
const clock = { offsetMs: 0 };

beforeAll(async () => {
  env = await startFulfilmentSandbox({ rateScale: 1000 });
  testSession.db = (await createTestDb()).db;
  userId = (await makeUser(testSession.db)).id;
});
afterAll(() => env?.sandbox.close());

const db = () => testSession.db!;

describe('inbound shipment wizard actions', () => {
  it('refuse users without the FBA permission, writing nothing', async () => {
    const { conn, source, products } = await makeInboundSetup(db());
    signInAs([PERMISSION.stockTransfer], userId);
    const r = await startInboundAction(idle, formOf({ connectionId: conn.id, from: source.id, 'sku.0': products[0].sku, 'quantity.0': '1', 'labelOwner.0': 'SELLER', 'prepOwner.0': 'NONE' }));
    expect(r).toMatchObject({ status: 'error', message: `Not allowed: you need the ${PERMISSION.fba} permission.` });
    expect(await db().select().from(inboundShipments).where(eq(inboundShipments.connectionId, conn.id))).toEqual([]);
  });

  it('take the goods form and the box matrix, putting each message beside its cell', async () => {
    const { conn, source, products } = await makeInboundSetup(db(), { stock: 50 });
    signInAs([PERMISSION.fba], userId);
    const bad = await startInboundAction(
      idle,
      formOf({ connectionId: conn.id, from: source.id, 'sku.0': products[0].sku, 'quantity.0': '2.5', 'labelOwner.0': 'SELLER', 'prepOwner.0': 'NONE', 'sku.4': products[1].sku, 'quantity.4': '3', 'labelOwner.4': 'ROBOT', 'prepOwner.4': 'NONE' }),
    );
    expect(bad).toMatchObject({ status: 'error', fieldErrors: { 'quantity.0': ['Enter a whole number above 0.'], 'labelOwner.4': ['Choose who labels the units.'] } });

    // A good form redirects to the new shipment's page.
    const go = startInboundAction(idle, formOf({ connectionId: conn.id, from: source.id, 'sku.0': products[0].sku, 'quantity.0': '4', 'labelOwner.0': 'SELLER', 'prepOwner.0': 'NONE', 'sku.1': products[1].sku, 'quantity.1': '2', 'labelOwner.1': 'AMAZON', 'prepOwner.1': 'NONE' }));
    await expect(go).rejects.toThrow(/NEXT_REDIRECT/);
    const [inbound] = await db().select().from(inboundShipments).where(eq(inboundShipments.connectionId, conn.id));
    expect(inbound).toMatchObject({ step: 'items', status: 'Draft' });
    await settleInbound(db(), inbound.id, env, clock);
    const [fresh] = await db().select().from(inboundShipments).where(eq(inboundShipments.id, inbound.id));
    expect(await choosePackingAction(idle, formOf({ id: inbound.id, packingOptionId: String(fresh.packingOptions[0].id) }))).toMatchObject({ status: 'ok' });
    await settleInbound(db(), inbound.id, env, clock);

    const cells = (box: number, l: string, w: string, h: string, kg: string, q1: string, q2: string) => ({ [`length.${box}`]: l, [`width.${box}`]: w, [`height.${box}`]: h, [`weight.${box}`]: kg, [`qty.${box}.1`]: q1, [`qty.${box}.2`]: q2 });
    const refused = await saveBoxesAction(idle, formOf({ id: inbound.id, dimensionUnit: 'CM', weightUnit: 'KG', ...cells(0, '40', '0', '30', '5.125', '4', ''), ...cells(3, '40', '30', '30', '2', 'x', '1') }));
    expect(refused).toMatchObject({
      status: 'error',
      fieldErrors: { 'width.0': ['Enter a size above 0, like 16 or 16.5.'], 'weight.0': ['Enter a weight above 0, like 14 or 14.25.'], 'qty.3.1': ['Enter a whole number (0 or more).'] },
    });
    // Units not all boxed: the message names the product (no cell to put it beside).
    const short = await saveBoxesAction(idle, formOf({ id: inbound.id, dimensionUnit: 'CM', weightUnit: 'KG', ...cells(0, '40', '30', '30', '5', '4', ''), ...cells(3, '40', '30', '30', '2', '', '1') }));
    expect(short).toMatchObject({ status: 'error', message: expect.stringMatching(/1 of 2 units are in boxes/) });
    const ok = await saveBoxesAction(idle, formOf({ id: inbound.id, dimensionUnit: 'CM', weightUnit: 'KG', ...cells(0, '40', '30', '30.5', '5', '4', ''), ...cells(3, '40', '30', '30', '2', '', '2') }));
    expect(ok).toMatchObject({ status: 'ok' });
    const boxes = await db().select().from(inboundBoxes).where(eq(inboundBoxes.inboundId, inbound.id)).orderBy(asc(inboundBoxes.boxNo));
    expect(boxes.map((b) => [b.boxNo, b.length, b.width, b.height, b.dimensionUnit, b.weight, b.weightUnit])).toEqual([
      [1, '40.00', '30.00', '30.50', 'CM', '5.00', 'KG'],
      [2, '40.00', '30.00', '30.00', 'CM', '2.00', 'KG'],
    ]);
    const items = await db().select().from(inboundBoxItems).orderBy(asc(inboundBoxItems.lineNo));
    expect(items.filter((i) => boxes.some((b) => b.id === i.boxId)).map((i) => [i.lineNo, i.quantity])).toEqual([
      [1, 4],
      [2, 2],
    ]);
    expect((await db().select().from(outbox).where(eq(outbox.subjectId, inbound.id))).at(-1)).toMatchObject({ kind: 'inbound.boxes', status: 'pending' });
  });
});
