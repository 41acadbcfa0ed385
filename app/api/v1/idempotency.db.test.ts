import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/driver';
import { customers } from '@/db/schema';
import { createApiKey } from '@/lib/api/keys';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { PERMISSION } from '@/lib/auth/permissions';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { authoriseOrder } from '@/lib/sale/order';
import { authorisePack } from '@/lib/sale/pack';
import { authorisePick } from '@/lib/sale/pick';
import { createSale } from '@/lib/sale/sales';
import { createAdjustment } from '@/lib/stock/adjustments';
import { inProcessFetch } from '@/test/api-fetch';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { testSession } from '@/test/session';

// Every POST of /api/v1 (read from OPERATIONS, so a new one fails here until it has a request)
// sent twice with one Idempotency-Key: the second answer is the first, replayed, and no table of
// the database gains a row.
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

const BASE = 'http://inventory.test';
let key: string;
/** A valid request per POST operation, made from what beforeAll prepared. */
let requests: Record<string, { path: string; body?: unknown }>;

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 4).toString('base64');
  const db = (await createTestDb()).db;
  testSession.db = db;
  await ensurePriceTiers(db);
  const admin = await makeUser(db, [], true);
  const perms = [PERMISSION.products, PERMISSION.sale, PERMISSION.stockAdjustment, PERMISSION.stockTransfer];
  const owner = await makeUser(db, perms);
  key = (await createApiKey(db, admin.id, { name: 'Everything', ownerId: owner.id, permissions: perms })).key;
  const [shelf, store] = [await makeLocation(db, 'Idem shelf'), await makeLocation(db, 'Idem store')];
  const cup = await makeProduct(db, { sku: 'IDEM-CUP', name: 'Cup', defaultLocationId: shelf.id });
  await createAdjustment(db, { reason: 'Opening', lines: [{ sku: cup.sku, locationId: shelf.id, binId: null, quantity: 100, unitCost: 10_000 }] }, owner.id);
  const [c] = await db.insert(customers).values({ name: 'Idem Cafe', shippingLine1: '1 Main St', shippingCity: 'Auckland', shippingPostalCode: '1010', shippingCountry: 'NZ' }).returning();
  const shipTo = { shipToName: 'Idem Cafe', shipToLine1: '1 Main St', shipToLine2: null, shipToCity: 'Auckland', shipToState: null, shipToPostalCode: '1010', shipToCountry: 'NZ', shipToPhone: null };
  /** A sale with one line, taken through `through` stages already. */
  const sale = async (through: ('order' | 'pick' | 'pack' | 'ship')[]) => {
    const s = await createSale(db, { customerId: c.id, priceTier: 1, ...shipTo, customerReference: null, comment: null, lines: [{ index: 0, sku: cup.sku, quantity: 1, price: 2500, locationId: shelf.id }] }, owner.id);
    if (through.includes('order')) await authoriseOrder(db, s.id, owner.id);
    if (through.includes('pick')) await authorisePick(db, s.id, {}, owner.id);
    if (through.includes('pack')) await authorisePack(db, s.id, {}, owner.id);
    if (through.includes('ship')) {
      const shipped = await inProcessFetch()(`${BASE}/api/v1/sales/${s.id}/ship`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
      expect(shipped.status).toBe(200);
    }
    return s.id;
  };
  requests = {
    'POST /products': { path: '/api/v1/products', body: { sku: 'IDEM-NEW', name: 'Made once' } },
    'POST /stock-adjustments': { path: '/api/v1/stock-adjustments', body: { reason: 'Found', lines: [{ sku: cup.sku, locationId: shelf.id, quantity: 2, unitCost: '1.5' }] } },
    'POST /stock-transfers': { path: '/api/v1/stock-transfers', body: { from: { locationId: shelf.id }, to: { locationId: store.id }, lines: [{ sku: cup.sku, quantity: 3 }] } },
    'POST /sales': { path: '/api/v1/sales', body: { customerId: c.id, lines: [{ productId: cup.id, quantity: 1 }] } },
    'POST /sales/{id}/order': { path: `/api/v1/sales/${await sale([])}/order` },
    'POST /sales/{id}/pick': { path: `/api/v1/sales/${await sale(['order'])}/pick` },
    'POST /sales/{id}/pack': { path: `/api/v1/sales/${await sale(['order', 'pick'])}/pack` },
    'POST /sales/{id}/ship': { path: `/api/v1/sales/${await sale(['order', 'pick', 'pack'])}/ship`, body: { carrier: 'Acme', trackingNumber: 'IDEM-TRACK-1' } },
    'POST /sales/{id}/invoice': { path: `/api/v1/sales/${await sale(['order', 'pick', 'pack', 'ship'])}/invoice` },
  };
});

/** Rows in every table of the database, by table. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = testSession.db!;
  const tables = rowsOf<{ name: string }>(await db.execute(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).map((t) => t.name);
  const union = tables.map((t) => `SELECT '${t}' AS name, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
  return Object.fromEntries(rowsOf<{ name: string; n: number }>(await db.execute(sql.raw(union))).map((r) => [r.name, r.n]));
}

const posts = Object.keys(OPERATIONS).filter((op) => op.startsWith('POST '));

describe('Idempotency-Key on every POST of /api/v1', () => {
  it('has a request for every POST operation', () => {
    expect(posts.filter((op) => !(op in requests)), 'add a valid request for these operations above').toEqual([]);
    expect(posts.length).toBeGreaterThanOrEqual(9);
  });

  it.each(posts)('%s: a repeat with the same key answers the first answer and writes nothing', async (op) => {
    const { path, body } = requests[op]!;
    const fetchFn = inProcessFetch();
    const send = () =>
      fetchFn(`${BASE}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': `idem-${op.replace(/[^a-z]+/gi, '-')}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const first = await send();
    const firstBody = await first.json();
    expect(first.status, JSON.stringify(firstBody)).toBe(OPERATIONS[op as keyof typeof OPERATIONS].status);
    const before = await rowCounts();
    const again = await send();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect({ status: again.status, body: await again.json() }).toEqual({ status: first.status, body: firstBody });
    expect(await rowCounts()).toEqual(before);
  });
});
