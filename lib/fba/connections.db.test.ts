import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { amazonStores, fbaConnections, fbaSettingsLog, locations } from '@/db/schema';
import { addBin, createLocation, listLocations } from '@/lib/reference/locations';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { connectAmazonStore, listAmazonStores } from './amazon-stores';
import { AmazonStoreInput, ManualConnectInput, StoreConnectInput } from './connection-inputs';
import { connectFba, disconnectFba, getConnection, listConnections } from './connections';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox, US } from './sp-api/testing/harness';

let db: Db;
let sandbox: TestSandbox;
let actorId: string;
const DEMO = { sellerId: 'ASANDBOXSELLER1', refreshToken: DEMO_CREDENTIALS.refreshToken };

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64');
  sandbox = await startTestSandbox({ rateScale: 1000 });
  process.env.SANDBOX_URL = sandbox.url;
  db = (await createTestDb()).db;
  actorId = (await makeUser(db)).id;
});
afterAll(() => sandbox?.close());

let sellers = 0;
/** A seller of its own at the sandbox, so each case starts from a free store name. */
async function addSeller(storeName: string, marketplaceIds = [US]) {
  sellers += 1;
  const seller = { sellerId: `ATESTSELLER${sellers}`, refreshToken: `Atzr|test-${sellers}-${Date.now()}` };
  await sandbox.admin('POST', '/_sandbox/sellers', { ...seller, storeName, marketplaceIds, clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret });
  return seller;
}

const manual = (s: { sellerId: string; refreshToken: string }, extra: Record<string, string> = {}) =>
  ManualConnectInput.parse({ sellerId: s.sellerId, marketplaceId: US, refreshToken: s.refreshToken, endpoint: 'sandbox', ...extra });

async function counts() {
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(fbaConnections);
  const [l] = await db.select({ n: sql<number>`count(*)::int` }).from(locations);
  return { connections: Number(c.n), locations: Number(l.n) };
}

describe('connect manually', () => {
  it('names the account and a new location after the store name Amazon returns', async () => {
    const conn = await connectFba(db, manual(DEMO), actorId);
    expect(conn).toMatchObject({ name: 'Sandbox Demo Store', locationName: 'Sandbox Demo Store' });
    const row = await getConnection(db, conn.id);
    expect(row).toMatchObject({ status: 'Active', sellerId: 'ASANDBOXSELLER1', marketplaceId: US, locationName: 'Sandbox Demo Store' });
    expect((await listLocations(db)).find((l) => l.id === row!.locationId)?.externalConnectionId).toBe(conn.id);
    expect((await listConnections(db)).map((c) => c.id)).toContain(conn.id);
  });

  it('stores the token encrypted: the column never contains it', async () => {
    const [row] = await db.select().from(fbaConnections).where(eq(fbaConnections.sellerId, 'ASANDBOXSELLER1'));
    expect(row.refreshTokenEnc).not.toContain(DEMO.refreshToken);
    expect(row.refreshTokenEnc).not.toContain('sandbox-demo');
    expect(row.refreshTokenEnc.startsWith('v1.')).toBe(true);
    expect(Object.keys((await listConnections(db))[0])).not.toContain('refreshTokenEnc');
  });

  it('refuses a second active connection of the same seller and marketplace', async () => {
    const before = await counts();
    await expect(connectFba(db, manual(DEMO), actorId)).rejects.toThrow('already connected to FBA for Amazon.com (ATVPDKIKX0DER)');
    expect(await counts()).toEqual(before);
  });

  it("shows Amazon's message for a wrong token and writes nothing", async () => {
    const before = await counts();
    const error = await connectFba(db, manual({ sellerId: 'ANOBODY12345', refreshToken: 'Atzr|wrong' }), actorId).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AMAZON_ERROR', message: expect.stringContaining('Amazon said: The request has an invalid grant parameter') });
    expect((error as { fieldErrors: Record<string, string[]> }).fieldErrors.refreshToken[0]).toContain('invalid grant');
    expect(await counts()).toEqual(before);
  });

  it('refuses a marketplace the seller does not participate in, quoting Amazon', async () => {
    const s = await addSeller('Maple Goods', [US]);
    const before = await counts();
    await expect(connectFba(db, manual(s, { marketplaceId: 'A1F83G8C2ARO7P' }), actorId)).rejects.toThrow(
      'Amazon says this seller does not participate in Amazon.co.uk (A1F83G8C2ARO7P). It participates in: Amazon.com (ATVPDKIKX0DER).',
    );
    expect(await counts()).toEqual(before);
  });
});

describe('external location naming', () => {
  it('reuses a location of the same name without bins', async () => {
    const loc = await createLocation(db, { name: 'Harbour Traders' });
    const conn = await connectFba(db, manual(await addSeller('Harbour Traders')), actorId);
    expect((await getConnection(db, conn.id))!.locationId).toBe(loc!.id);
  });

  it('creates "name 1" when the same-named location has bins, then "name 2" when "name 1" is taken', async () => {
    const loc = await createLocation(db, { name: 'Binned Store' });
    await addBin(db, { locationId: loc!.id, name: 'A-01' });
    const first = await connectFba(db, manual(await addSeller('Binned Store')), actorId);
    expect(first.locationName).toBe('Binned Store 1');
    const second = await connectFba(db, manual(await addSeller('Binned Store')), actorId);
    expect(second.locationName).toBe('Binned Store 2');
  });

  it('uses a picked location without bins, and never one with bins', async () => {
    const free = await createLocation(db, { name: 'Picked Warehouse' });
    const conn = await connectFba(db, manual(await addSeller('Picked Co'), { locationId: free!.id }), actorId);
    expect(conn.locationName).toBe('Picked Warehouse');
    const binned = await createLocation(db, { name: 'Shelved Warehouse' });
    await addBin(db, { locationId: binned!.id, name: 'S-1' });
    const other = await connectFba(db, manual(await addSeller('Shelf Co'), { locationId: binned!.id }), actorId);
    expect(other.locationName).toBe('Shelf Co 1');
  });
});

describe('Amazon stores and "Use an existing Amazon connection"', () => {
  it('saves a store only after Amazon accepts it, then connects FBA from it', async () => {
    const s = await addSeller('Willow Supply', [US, 'A2EUQ1WTGCTBG2']);
    const input = AmazonStoreInput.parse({ name: 'Willow', sellerId: s.sellerId, marketplaceIds: [US], otherMarketplaceIds: 'a2euq1wtgctbg2', refreshToken: s.refreshToken });
    const store = await connectAmazonStore(db, input, actorId);
    expect(store).toMatchObject({ amazonStoreName: 'Willow Supply', marketplaceIds: [US, 'A2EUQ1WTGCTBG2'] });
    expect(store).not.toHaveProperty('refreshTokenEnc');
    const [stored] = await db.select().from(amazonStores).where(eq(amazonStores.id, store.id));
    expect(stored.refreshTokenEnc).not.toContain(s.refreshToken);
    await expect(connectAmazonStore(db, input, actorId)).rejects.toThrow(`Seller ${s.sellerId} is already connected`);

    const conn = await connectFba(db, StoreConnectInput.parse({ store: `${store.id}|A2EUQ1WTGCTBG2` }), actorId);
    expect(conn).toMatchObject({ name: 'Willow Supply', locationName: 'Willow Supply' });
    expect((await getConnection(db, conn.id))!.amazonStoreId).toBe(store.id);
  });

  it('refuses a store whose token Amazon rejects, or a marketplace outside its participations', async () => {
    const bad = AmazonStoreInput.parse({ name: 'Bad', sellerId: 'ABADSELLER01', marketplaceIds: [US], refreshToken: 'Atzr|nope' });
    await expect(connectAmazonStore(db, bad, actorId)).rejects.toThrow('Amazon said:');
    const s = await addSeller('Only US');
    const wrongMarket = AmazonStoreInput.parse({ name: 'Only US', sellerId: s.sellerId, marketplaceIds: [US, 'A1PA6795UKMFR9'], refreshToken: s.refreshToken });
    await expect(connectAmazonStore(db, wrongMarket, actorId)).rejects.toThrow('does not participate in Amazon.de (A1PA6795UKMFR9)');
    expect((await listAmazonStores(db)).map((x) => x.name)).not.toContain('Bad');
  });
});

describe('disconnect', () => {
  it('keeps the location as an ordinary one, logs it, and lets the seller connect again', async () => {
    const s = await addSeller('Cedar Outlet');
    const conn = await connectFba(db, manual(s), actorId);
    const { locationId } = (await getConnection(db, conn.id))!;
    await disconnectFba(db, conn.id, actorId);
    expect(await getConnection(db, conn.id)).toMatchObject({ status: 'Disconnected', disconnectedAt: expect.any(Date) });
    const loc = (await listLocations(db)).find((l) => l.id === locationId)!;
    expect(loc).toMatchObject({ name: 'Cedar Outlet', externalConnectionId: null });
    const log = await db.select().from(fbaSettingsLog).where(eq(fbaSettingsLog.connectionId, conn.id));
    expect(log.map((r) => r.changes)).toEqual([{ status: ['Active', 'Disconnected'] }]);
    await expect(disconnectFba(db, conn.id, actorId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: `The connection ${conn.name} is already Disconnected.` });

    const again = await connectFba(db, manual(s), actorId);
    expect(again.id).not.toBe(conn.id);
    expect((await getConnection(db, again.id))!.locationId).toBe(locationId);
  });
});
