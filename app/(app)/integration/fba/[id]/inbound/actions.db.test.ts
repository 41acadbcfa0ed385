import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fbaSyncRuns, stockTransfers } from '@/db/schema';
import { PERMISSION } from '@/lib/auth/permissions';
import { AMAZON_NOT_DELETED } from '@/lib/inbound/delete';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { formOf } from '@/test/forms';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeConfirmedInbound } from '@/test/inbound-fixtures';
import { signInAs, testSession } from '@/test/session';
import { deleteInboundAction, downloadInboundAction } from './actions';

// The tab's actions as the browser calls them: FormData in, ActionState out.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

let userId: string;
let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  userId = (await makeUser(testSession.db)).id;
  env = await startFulfilmentSandbox({ rateScale: 1000 });
});
afterAll(() => env.sandbox.close());

const idle = { status: 'idle' } as const;

describe('Inbound Shipments tab actions', () => {
  it('refuse users without the FBA permission', async () => {
    signInAs([PERMISSION.stockTransfer], userId);
    const id = '00000000-0000-4000-8000-000000000000';
    expect(await downloadInboundAction(idle, formOf({ connectionId: id }))).toMatchObject({ status: 'error', message: expect.stringContaining('Not allowed') });
    expect(await deleteInboundAction(idle, formOf({ connectionId: id, inboundId: id }))).toMatchObject({ status: 'error', message: expect.stringContaining('Not allowed') });
  });

  it('Download queues one inbound run (a second press joins it); X deletes, voids the transfer and says Amazon is not touched', async () => {
    const db = testSession.db!;
    signInAs([PERMISSION.fba], userId);
    const f = await makeConfirmedInbound(db, env, { userId });
    const connectionId = f.connection.conn.id;
    const first = await downloadInboundAction(idle, formOf({ connectionId }));
    const second = await downloadInboundAction(idle, formOf({ connectionId }));
    expect(first).toMatchObject({ status: 'ok' });
    expect(second).toEqual(first);
    const runs = await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.connectionId, connectionId));
    expect(runs).toMatchObject([{ kind: 'inbound', trigger: 'force', status: 'queued', requestedBy: userId }]);

    expect(await deleteInboundAction(idle, formOf({ connectionId, inboundId: 'nope' }))).toMatchObject({ status: 'error', fieldErrors: { inboundId: ['Unknown inbound shipment.'] } });
    const done = await deleteInboundAction(idle, formOf({ connectionId, inboundId: f.inbound.id }));
    expect(done).toMatchObject({ status: 'ok', data: { message: expect.stringContaining(AMAZON_NOT_DELETED) } });
    expect((await db.select().from(stockTransfers).where(eq(stockTransfers.id, f.transfer.id)))[0].status).toBe('Voided');
    expect(await deleteInboundAction(idle, formOf({ connectionId, inboundId: f.inbound.id }))).toMatchObject({ status: 'error', message: expect.stringContaining('already deleted') });
  });
});
