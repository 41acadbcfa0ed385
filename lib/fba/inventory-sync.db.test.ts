import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { fbaConnections, fbaListings, fbaSyncRuns } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { encryptSecret } from '@/lib/crypto/secret-box';
import type { RunningSandbox } from '@/sandbox/index';
import { createTestDb } from '@/test/db';
import { startFastSandbox } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { failStaleRuns, STALE_RUN_MS } from '@/lib/runs/queued-runs';
import { fetchInventoryReport } from './inventory-report';
import { drainQueuedSyncs, getLatestSyncRun, requestInventorySync, runInventorySync, syncAllConnections, type SyncDeps } from './inventory-sync';
import { getListing, listCatalog, mapListing } from './listings';
import { createSpApiClient } from './sp-api';

let db: Db;
let sandbox: RunningSandbox;
let connectionId: string;
// Polls faster than Amazon's schedule: the sandbox clock runs 600× here.
const deps: SyncDeps = { sleep: (ms) => new Promise((r) => setTimeout(r, ms / 20)) };

async function admin(path: string, method: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

async function addConnection(sellerId: string) {
  const location = await makeLocation(db);
  const [conn] = await db
    .insert(fbaConnections)
    .values({ name: `Store ${sellerId}`, sellerId, marketplaceId: 'ATVPDKIKX0DER', refreshTokenEnc: encryptSecret(sellerId === 'ASANDBOXSELLER1' ? 'Atzr|sandbox-demo' : `Atzr|${sellerId}`), endpoint: 'sandbox', locationId: location.id })
    .returning();
  return conn.id;
}

async function forceSync(id = connectionId) {
  const run = await requestInventorySync(db, id, 'force', null);
  await drainQueuedSyncs(db, deps);
  return (await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.id, run.id)))[0];
}

const listing = async (sku: string, conn = connectionId) => (await db.select().from(fbaListings).where(and(eq(fbaListings.connectionId, conn), eq(fbaListings.sellerSku, sku))))[0];

beforeAll(async () => {
  sandbox = await startFastSandbox();
  process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64');
  db = (await createTestDb()).db;
  await ensurePriceTiers(db);
  connectionId = await addConnection('ASANDBOXSELLER1');
  // The app's products use the demo SKUs (one in another case); FBA-ONLY-nn exist only at Amazon.
  for (let n = 1; n <= 26; n += 1) await makeProduct(db, { sku: n === 3 ? 'demo-003' : `DEMO-${String(n).padStart(3, '0')}`, name: `Demo product ${n}` });
});
afterAll(() => sandbox?.close());

describe('FBA inventory sync against the sandbox', () => {
  it('fills the Catalog with the demo seller’s quantities and maps listings by SKU', async () => {
    const run = await forceSync();
    expect(run).toMatchObject({ kind: 'catalog', status: 'done', phase: 'Done', done: 30, total: 30, error: null, summary: "30 listings from Amazon's report." });
    expect(run.reportId).toMatch(/^\d+$/);
    const all = await db.select().from(fbaListings).where(eq(fbaListings.connectionId, connectionId));
    expect(all).toHaveLength(30);
    // DEMO-nnn: fulfillable 10 + (n·37 mod 90); every 5th has 12 inbound shipped, every 7th 2 unsellable.
    expect(await listing('DEMO-001')).toMatchObject({ fulfillable: 47, inboundShipped: 0, unsellable: 0, mappedBy: 'sku' });
    expect(await listing('DEMO-005')).toMatchObject({ fulfillable: 10 + ((5 * 37) % 90), inboundShipped: 12 });
    expect(await listing('DEMO-007')).toMatchObject({ unsellable: 2 });
    for (let n = 20; n <= 26; n += 1) expect((await listing(`DEMO-0${n}`)).fulfillable).toBe(0);
    expect((await listing('DEMO-003')).mappedBy).toBe('sku');
    expect(all.filter((r) => r.productId === null).map((r) => r.sellerSku).sort()).toEqual(['FBA-ONLY-01', 'FBA-ONLY-02', 'FBA-ONLY-03', 'FBA-ONLY-04']);
    expect(await listing('FBA-ONLY-02')).toMatchObject({ fulfillable: 10, productName: 'FBA-only product 02', fnsku: expect.stringMatching(/^X00/), asin: expect.stringMatching(/^B0/) });
    const [conn] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, connectionId));
    expect(conn.lastInventorySyncAt).toEqual(run.finishedAt);
    expect(await getLatestSyncRun(db, connectionId)).toMatchObject({ id: run.id, status: 'done' });

    const unmapped = await listCatalog(db, connectionId, { sort: 'sku', dir: 'asc', after: null, unmappedOnly: true });
    expect(unmapped.rows.map((r) => r.sellerSku)).toEqual(['FBA-ONLY-01', 'FBA-ONLY-02', 'FBA-ONLY-03', 'FBA-ONLY-04']);
  });

  it('keeps manual mappings across syncs and zeroes listings Amazon no longer reports', async () => {
    const target = await makeProduct(db, { sku: 'BUNDLE-1' });
    const only1 = await listing('FBA-ONLY-01');
    const demo2 = await listing('DEMO-002');
    await mapListing(db, { connectionId, listingId: only1.id, intent: 'save', sku: 'bundle-1' });
    await mapListing(db, { connectionId, listingId: demo2.id, intent: 'clear', sku: '' });
    await expect(mapListing(db, { connectionId, listingId: only1.id, intent: 'save', sku: 'NOPE' })).rejects.toThrow('No product has SKU NOPE.');
    await db.insert(fbaListings).values({ connectionId, sellerSku: 'GONE-1', productName: 'Delisted', fulfillable: 9, reserved: 1, total: 10 });

    expect((await forceSync()).status).toBe('done');
    expect(await listing('FBA-ONLY-01')).toMatchObject({ productId: target.id, mappedBy: 'manual', fulfillable: 5 });
    expect(await listing('DEMO-002')).toMatchObject({ productId: null, mappedBy: 'manual' });
    expect(await listing('GONE-1')).toMatchObject({ fulfillable: 0, reserved: 0, total: 0, productName: 'Delisted' });
    expect((await getListing(db, connectionId, only1.id))?.productSku).toBe('BUNDLE-1');
  });

  it('joins a second Force Sync to the run already queued or running', async () => {
    const user = await makeUser(db);
    const first = await requestInventorySync(db, connectionId, 'force', user.id);
    const second = await requestInventorySync(db, connectionId, 'force', null);
    expect(second.id).toBe(first.id);
    const running = runInventorySync(db, first.id, deps);
    // While it runs, another press (or the hourly job) still joins it, and a second runner does nothing.
    await new Promise((r) => setTimeout(r, 20));
    expect((await requestInventorySync(db, connectionId, 'schedule', null)).id).toBe(first.id);
    expect(await runInventorySync(db, first.id, deps)).toBeNull();
    expect((await running)?.status).toBe('done');
    expect((await requestInventorySync(db, connectionId, 'force', null)).id).not.toBe(first.id);
    await drainQueuedSyncs(db, deps);
  });

  it('fails a run whose report has an unreadable row and changes nothing', async () => {
    const before = await db.select().from(fbaListings).where(eq(fbaListings.connectionId, connectionId)).orderBy(fbaListings.sellerSku);
    // A tab inside a product name shifts that row's columns: Amazon's file is then unreadable there.
    await admin('/_sandbox/sellers/ASANDBOXSELLER1/inventory', 'POST', { items: [{ sellerSku: 'DEMO-004', productName: 'Broken\tname', fulfillable: 999 }, { sellerSku: 'NEW-SKU-1', fulfillable: 4 }] });
    try {
      const run = await forceSync();
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/unreadable rows, so nothing was changed\. Line \d+: Has 22 fields but the header has 21\./);
      const after = await db.select().from(fbaListings).where(eq(fbaListings.connectionId, connectionId)).orderBy(fbaListings.sellerSku);
      expect(after).toEqual(before);
    } finally {
      await admin('/_sandbox/sellers/ASANDBOXSELLER1/inventory', 'POST', { items: [{ sellerSku: 'DEMO-004', productName: 'Demo product 004', fulfillable: 10 + ((4 * 37) % 90) }] });
    }
  });

  it('fails a run whose report holds a NUL character, naming the line, and changes nothing (issue 13)', async () => {
    const before = await db.select().from(fbaListings).where(eq(fbaListings.connectionId, connectionId)).orderBy(fbaListings.sellerSku);
    // PostgreSQL text cannot hold U+0000: written, it would fail the whole run with only a log reference.
    await admin('/_sandbox/sellers/ASANDBOXSELLER1/inventory', 'POST', { items: [{ sellerSku: 'DEMO-005', productName: 'Nul\u0000name', fulfillable: 999 }] });
    try {
      const run = await forceSync();
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/unreadable rows, so nothing was changed\. Line \d+: SKU DEMO-005: holds a NUL character \(U\+0000\), which cannot be stored\./);
      const after = await db.select().from(fbaListings).where(eq(fbaListings.connectionId, connectionId)).orderBy(fbaListings.sellerSku);
      expect(after).toEqual(before);
    } finally {
      await admin('/_sandbox/sellers/ASANDBOXSELLER1/inventory', 'POST', { items: [{ sellerSku: 'DEMO-005', productName: 'Demo product 005', fulfillable: 10 + ((5 * 37) % 90) }] });
    }
  });

  it('fails a run with Amazon’s reason when Amazon answers errors', async () => {
    const client = createSpApiClient({
      credentials: { clientId: 'amzn1.application-oa2-client.sandbox-demo', clientSecret: 'sandbox-demo-secret', refreshToken: 'Atzr|sandbox-demo' },
      endpoint: { sandboxUrl: sandbox.url },
      rateScale: 20,
      retry: { maxAttempts: 1 },
    });
    const fetchReport: SyncDeps['fetchReport'] = (conn, options) => fetchInventoryReport(client, { ...options, marketplaceId: conn.marketplaceId });
    await admin('/_sandbox/faults', 'POST', { errorShare: 1 });
    try {
      const run = await requestInventorySync(db, connectionId, 'force', null);
      const done = await runInventorySync(db, run.id, { ...deps, fetchReport });
      expect(done).toMatchObject({ status: 'failed', error: expect.stringMatching(/^The inventory report failed\. Amazon said: /) });
    } finally {
      await admin('/_sandbox/faults', 'DELETE');
    }
  });

  it('maps by FNSKU (product FNSKU or barcode), then by ASIN, only when one product matches', async () => {
    const items = [
      { sellerSku: 'S2-A', fnSku: 'X00AAAAAAA', asin: 'B0AAAAAAAA', fulfillable: 1 },
      { sellerSku: 'S2-B', fnSku: 'X00BBBBBBB', asin: 'B0BBBBBBBB', fulfillable: 2 },
      { sellerSku: 'S2-C', fnSku: 'X00CCCCCCC', asin: 'B0CCCCCCCC', fulfillable: 3 },
      { sellerSku: 'S2-D', fnSku: 'X00DDDDDDD', asin: 'B0DDDDDDDD', fulfillable: 4 },
    ];
    await admin('/_sandbox/sellers', 'POST', { sellerId: 'ASELLERTWO01', storeName: 'Second', clientId: 'amzn1.application-oa2-client.sandbox-demo', clientSecret: 'sandbox-demo-secret', refreshToken: 'Atzr|ASELLERTWO01', items });
    const second = await addConnection('ASELLERTWO01');
    const a = await makeProduct(db, { fnsku: 'X00AAAAAAA', asin: 'B0DDDDDDDD' });
    const b = await makeProduct(db, { barcode: 'X00BBBBBBB' });
    const c = await makeProduct(db, { asin: 'B0CCCCCCCC' });
    await makeProduct(db, { asin: 'B0DDDDDDDD' }); // D's ASIN matches two products: left unmapped

    expect((await forceSync(second)).status).toBe('done');
    expect(await listing('S2-A', second)).toMatchObject({ productId: a.id, mappedBy: 'barcode' });
    expect(await listing('S2-B', second)).toMatchObject({ productId: b.id, mappedBy: 'barcode' });
    expect(await listing('S2-C', second)).toMatchObject({ productId: c.id, mappedBy: 'barcode' });
    expect(await listing('S2-D', second)).toMatchObject({ productId: null, mappedBy: null });
    // The hourly job syncs every active connection.
    expect(await syncAllConnections(db, deps)).toEqual({ connections: 2 });
  });

  it('pages, sorts and searches the Catalog', async () => {
    const p1 = await listCatalog(db, connectionId, { sort: 'fulfillable', dir: 'desc', after: null, limit: 10 });
    const p2 = await listCatalog(db, connectionId, { sort: 'fulfillable', dir: 'desc', after: JSON.parse(Buffer.from(p1.next!, 'base64url').toString()), limit: 10 });
    const values = [...p1.rows, ...p2.rows].map((r) => r.fulfillable);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(20);
    expect((await listCatalog(db, connectionId, { q: 'fba-only', sort: 'name', dir: 'asc', after: null })).rows).toHaveLength(4);
    const demo5 = await listing('DEMO-005');
    const byAsin = await listCatalog(db, connectionId, { q: demo5.asin!.toLowerCase(), sort: 'inbound', dir: 'asc', after: null });
    expect(byAsin.rows).toMatchObject([{ sellerSku: 'DEMO-005', inbound: 12, productSku: 'DEMO-005' }]);
    // A cursor of another sort (an edited URL) restarts at the first page instead of failing.
    const foreign = await listCatalog(db, connectionId, { sort: 'fulfillable', dir: 'asc', after: { v: 'DEMO-010', id: 'not-a-uuid' }, limit: 5 });
    expect(foreign.rows).toHaveLength(5);
  });

  it('fails runs orphaned by a stopped process so a new sync can start', async () => {
    const [old] = await db.insert(fbaSyncRuns).values({ connectionId, trigger: 'force', status: 'running', createdAt: new Date(Date.now() - STALE_RUN_MS - 1000) }).returning();
    await failStaleRuns(db, new Date());
    expect((await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.id, old.id)))[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  });
});
