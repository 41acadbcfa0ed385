import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fulfilmentOrders, outbox } from '@/db/schema';
import { PERMISSION } from '@/lib/auth/permissions';
import { FO_STATUSES } from '@/db/schema';
import { canDo, type FoAction, type FoStatus } from '@/lib/fulfilment/fo-status';
import { getFoView } from '@/lib/fulfilment/fo-view';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { makeFulfilmentOrder, type FixtureConnection } from '@/test/fulfilment-fixtures';
import { signInAs, testSession } from '@/test/session';
import { cancelFoAction, editFoAction, processFoAction, refreshFoAction, shipFoAction, voidFoAction } from './actions';

// The order page's buttons as the browser calls them: FormData in, ActionState out.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

let userId: string;
let conn: FixtureConnection;
const idle = { status: 'idle' } as const;

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  userId = (await makeUser(testSession.db)).id;
  conn = await makeFbaConnection(testSession.db, { foCreateStatus: 'On Hold' });
});

const db = () => testSession.db!;
const make = async (status: FoStatus) => (await makeFulfilmentOrder(db(), { connection: conn, status })).fo;
const calls = async (id: string) => db().select({ kind: outbox.kind, payload: outbox.payload }).from(outbox).where(eq(outbox.subjectId, id)).orderBy(outbox.id);
const statusOf = async (id: string) => (await db().select({ s: fulfilmentOrders.status }).from(fulfilmentOrders).where(eq(fulfilmentOrders.id, id)))[0].s;

const EDIT = {
  shipToName: 'John Smith',
  shipToLine1: '2 Pike St',
  shipToLine2: '',
  shipToCity: 'Portland',
  shipToState: 'OR',
  shipToPostalCode: '97201',
  shipToCountry: 'us',
  shipToPhone: '',
  comment: 'Thank you for your order',
  shippingSpeed: 'Expedited',
};

const ACTIONS: Record<Exclude<FoAction, 'Edit'>, typeof processFoAction> = { Process: processFoAction, Void: voidFoAction, Ship: shipFoAction, Cancel: cancelFoAction };

describe('fulfilment order actions', () => {
  it('refuse users without the FBA permission', async () => {
    signInAs([PERMISSION.sale], userId);
    const fo = await make('Queued');
    for (const a of [processFoAction, voidFoAction, shipFoAction, cancelFoAction, refreshFoAction, editFoAction])
      expect(await a(idle, formOf({ id: fo.id, ...EDIT }))).toMatchObject({ status: 'error', message: `Not allowed: you need the ${PERMISSION.fba} permission.` });
    expect(await statusOf(fo.id)).toBe('Queued');
    expect(await calls(fo.id)).toEqual([]);
  });

  it('refuse every action the status does not allow, changing nothing (the page hides those buttons)', async () => {
    signInAs([PERMISSION.fba], userId);
    for (const status of FO_STATUSES) {
      const fo = await make(status);
      for (const [name, act] of Object.entries(ACTIONS) as [Exclude<FoAction, 'Edit'>, typeof processFoAction][]) {
        if (canDo(status, name)) continue;
        expect(await act(idle, formOf({ id: fo.id })), `${name} on ${status}`).toMatchObject({ status: 'error', message: `Fulfilment order ${fo.number} is ${status}: ${name} does not apply.` });
      }
      if (!canDo(status, 'Edit')) expect(await editFoAction(idle, formOf({ id: fo.id, ...EDIT }))).toMatchObject({ status: 'error', message: expect.stringContaining('Edit does not apply') });
      expect(await statusOf(fo.id)).toBe(status);
      expect(await calls(fo.id)).toEqual([]);
    }
  });

  it('Process queues the send (held, per the Setup), and a second press waits for Amazon', async () => {
    signInAs([PERMISSION.fba], userId);
    const fo = await make('Queued');
    expect(await processFoAction(idle, formOf({ id: fo.id }))).toMatchObject({ status: 'ok' });
    expect(await calls(fo.id)).toEqual([{ kind: 'fo.create', payload: { fulfillmentAction: 'Hold', version: 1, sellerFulfillmentOrderId: fo.number } }]);
    expect(await processFoAction(idle, formOf({ id: fo.id }))).toMatchObject({ status: 'error', message: expect.stringContaining("waiting for Amazon's answer") });
    const view = (await getFoView(db(), fo.id))!;
    expect(view.pending).toEqual([expect.objectContaining({ kind: 'fo.create' })]);
    expect(view.log.at(-1)!.message).toContain('Process: sending to Amazon');
  });

  it('Process of a Failed order brings it back to Queued and clears the error', async () => {
    signInAs([PERMISSION.fba], userId);
    const fo = (await makeFulfilmentOrder(db(), { connection: conn, status: 'Failed', lastError: 'InvalidInput: the address is invalid' })).fo;
    expect(await processFoAction(idle, formOf({ id: fo.id }))).toMatchObject({ status: 'ok' });
    const view = (await getFoView(db(), fo.id))!;
    expect(view).toMatchObject({ status: 'Queued', lastError: null });
  });

  it('Void cancels a Queued order without calling Amazon', async () => {
    signInAs([PERMISSION.fba], userId);
    const fo = await make('Queued');
    expect(await voidFoAction(idle, formOf({ id: fo.id }))).toMatchObject({ status: 'ok' });
    expect(await statusOf(fo.id)).toBe('Cancelled');
    expect(await calls(fo.id)).toEqual([]);
    expect((await getFoView(db(), fo.id))!.stages.cancelled).not.toBeNull();
  });

  it('Edit/Save checks the fields, saves a Queued order here, and sends an On Hold one to Amazon', async () => {
    signInAs([PERMISSION.fba], userId);
    const queued = await make('Queued');
    const bad = await editFoAction(idle, formOf({ id: queued.id, ...EDIT, shipToCountry: 'XX', shipToName: '', shippingSpeed: 'Overnight' }));
    expect(bad).toMatchObject({ status: 'error', fieldErrors: { shipToCountry: [expect.stringContaining('ISO 3166')], shipToName: ['Name is required.'], shippingSpeed: [expect.any(String)] } });
    expect(await editFoAction(idle, formOf({ id: queued.id, ...EDIT }))).toMatchObject({ status: 'ok' });
    const v = (await getFoView(db(), queued.id))!;
    expect(v).toMatchObject({ shippingSpeed: 'Expedited', comment: 'Thank you for your order', version: 2, address: { shipToName: 'John Smith', shipToCountry: 'US', shipToLine2: null } });
    expect(await calls(queued.id)).toEqual([]);

    const held = await make('On Hold');
    expect(await editFoAction(idle, formOf({ id: held.id, ...EDIT }))).toMatchObject({ status: 'ok' });
    expect(await calls(held.id)).toEqual([{ kind: 'fo.update', payload: { version: 2 } }]);
  });

  it('Ship releases an On Hold order; Cancel asks Amazon for a Shipped one', async () => {
    signInAs([PERMISSION.fba], userId);
    const held = await make('On Hold');
    expect(await shipFoAction(idle, formOf({ id: held.id }))).toMatchObject({ status: 'ok' });
    expect(await calls(held.id)).toEqual([{ kind: 'fo.update', payload: { fulfillmentAction: 'Ship' } }]);
    const shipped = await make('Shipped');
    expect(await cancelFoAction(idle, formOf({ id: shipped.id }))).toMatchObject({ status: 'ok' });
    expect(await calls(shipped.id)).toEqual([{ kind: 'fo.cancel', payload: {} }]);
    expect(await statusOf(shipped.id)).toBe('Shipped');
  });

  it('Refresh status reads a sent order once, and refuses one never sent', async () => {
    signInAs([PERMISSION.fba], userId);
    const shipped = await make('Shipped');
    expect(await refreshFoAction(idle, formOf({ id: shipped.id }))).toMatchObject({ status: 'ok' });
    expect(await refreshFoAction(idle, formOf({ id: shipped.id }))).toMatchObject({ status: 'ok' });
    expect((await calls(shipped.id)).map((c) => c.kind)).toEqual(['fo.refresh']);
    const queued = await make('Queued');
    expect(await refreshFoAction(idle, formOf({ id: queued.id }))).toMatchObject({ status: 'error', message: expect.stringContaining('has not been sent to Amazon') });
  });

  it('refuse an unknown order and a malformed id', async () => {
    signInAs([PERMISSION.fba], userId);
    expect(await voidFoAction(idle, formOf({ id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status: 'error', message: 'That fulfilment order no longer exists.' });
    expect(await voidFoAction(idle, formOf({ id: 'nope' }))).toMatchObject({ status: 'error', fieldErrors: { id: [expect.any(String)] } });
  });
});
