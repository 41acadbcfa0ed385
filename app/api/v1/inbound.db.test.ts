import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/api/keys';
import { PERMISSION } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeUser } from '@/test/fixtures';
import { startFulfilmentSandbox } from '@/test/fulfilment-sandbox';
import { makeConfirmedInbound } from '@/test/inbound-fixtures';
import { testSession } from '@/test/session';
import { GET as getInbound } from './inbound-shipments/[id]/route';
import { GET as listInbound } from './inbound-shipments/route';

// Inbound shipments read through the API, as another system would follow them.
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

let env: Awaited<ReturnType<typeof startFulfilmentSandbox>>;
let key: string;
let connectionId: string;
let confirmed: Awaited<ReturnType<typeof makeConfirmedInbound>>;

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 4).toString('base64');
  const db = (await createTestDb()).db;
  testSession.db = db;
  env = await startFulfilmentSandbox({ rateScale: 1000 });
  const admin = await makeUser(db, [], true);
  key = (await createApiKey(db, admin.id, { name: 'Inbound reader', ownerId: admin.id, permissions: [PERMISSION.fba] })).key;
  const connection = await makeFbaConnection(db, { sellerId: 'AINBOUNDAPI1' });
  connectionId = connection.conn.id;
  confirmed = await makeConfirmedInbound(db, env, { connection, lines: [{ quantity: 6 }, { quantity: 4 }], partnered: true });
}, 120_000);
afterAll(() => env?.sandbox.close());

const get = (path: string) => new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${key}` } });

describe('/api/v1/inbound-shipments', () => {
  it('lists a connection’s shipments and gives one with its lines, Amazon’s shipments and the estimated charges', async () => {
    const list = await listInbound(get(`/api/v1/inbound-shipments?connectionId=${connectionId}`));
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { id: string; status: string; amazonShipmentIds: string[]; estimatedCharges: string | null; transferNumber: string }[] };
    expect(body.data).toEqual([expect.objectContaining({ id: confirmed.inbound.id, transferNumber: confirmed.transfer.number, status: 'Ready to Ship' })]);
    expect(body.data[0]!.amazonShipmentIds).toHaveLength(1);
    expect(body.data[0]!.estimatedCharges).toMatch(/^\d+\.\d{2}$/);

    const one = await getInbound(get(`/api/v1/inbound-shipments/${confirmed.inbound.id}`), { params: Promise.resolve({ id: confirmed.inbound.id }) });
    const shipment = (await one.json()) as { lines: { quantity: number }[]; shipments: { shipmentId: string }[]; connection: { id: string } };
    expect(shipment.connection.id).toBe(connectionId);
    expect(shipment.lines.map((l) => l.quantity)).toEqual([6, 4]);
    expect(shipment.shipments).toHaveLength(1);

    const missingConnection = await listInbound(get('/api/v1/inbound-shipments'));
    expect(missingConnection.status).toBe(400);
    expect(((await missingConnection.json()) as { errors: { parameter: string }[] }).errors.map((e) => e.parameter)).toEqual(['connectionId']);
  });
});
