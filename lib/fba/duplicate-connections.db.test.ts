import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { amazonStores, fbaConnections, locations } from '@/db/schema';
import { encryptSecret, hashSecret } from '@/lib/crypto/secret-box';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeUser } from '@/test/fixtures';
import { connectAmazonStore } from './amazon-stores';
import { AmazonStoreInput, ManualConnectInput, StoreConnectInput } from './connection-inputs';
import { connectFba, disconnectFba } from './connections';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox, US } from './sp-api/testing/harness';

// Issue 7 item 10: Amazon has no call that names the seller of a token, so a mistyped Merchant ID
// with a token already connected must be recognised by the token itself (a keyed hash of it).

let db: Db;
let sandbox: TestSandbox;
let actorId: string;

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64');
  sandbox = await startTestSandbox({ rateScale: 1000 });
  process.env.SANDBOX_URL = sandbox.url;
  db = (await createTestDb()).db;
  actorId = (await makeUser(db)).id;
});
afterAll(() => sandbox?.close());

let sellers = 0;
async function addSeller(storeName: string) {
  sellers += 1;
  const seller = { sellerId: `ADUPSELLER${sellers}X`, refreshToken: `Atzr|dup-${sellers}-${Date.now()}` };
  await sandbox.admin('POST', '/_sandbox/sellers', { ...seller, storeName, marketplaceIds: [US], clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret });
  return seller;
}

const manual = (sellerId: string, refreshToken: string) => ManualConnectInput.parse({ sellerId, marketplaceId: US, refreshToken, endpoint: 'sandbox' });

async function counts() {
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(fbaConnections);
  const [l] = await db.select({ n: sql<number>`count(*)::int` }).from(locations);
  return { connections: Number(c.n), locations: Number(l.n) };
}

describe('one FBA connection per Amazon account and marketplace', () => {
  it('refuses Merchant ID ANOSUCHSELLER9 with the demo token once the demo seller is connected, naming the connection and the seller', async () => {
    await connectFba(db, manual('ASANDBOXSELLER1', DEMO_CREDENTIALS.refreshToken), actorId);
    const before = await counts();
    const error = await connectFba(db, manual('ANOSUCHSELLER9', DEMO_CREDENTIALS.refreshToken), actorId).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'DUPLICATE',
      message:
        'This MWS Auth Token belongs to seller ASANDBOXSELLER1, not ANOSUCHSELLER9, and that Amazon account is already connected to FBA for Amazon.com (ATVPDKIKX0DER). Disconnect the connection “Sandbox Demo Store” first.',
      fieldErrors: { sellerId: ['This token belongs to seller ASANDBOXSELLER1.'], refreshToken: ['Already connected as “Sandbox Demo Store”.'] },
    });
    expect(await counts()).toEqual(before);
  });

  it('writes a keyed hash of the token on every connection and store, never the token', async () => {
    const s = await addSeller('Hash Goods');
    const conn = await connectFba(db, manual(s.sellerId, s.refreshToken), actorId);
    const [row] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, conn.id));
    expect(row.refreshTokenHash).toBe(hashSecret(s.refreshToken));
    expect(row.refreshTokenHash).not.toContain('Atzr');
    const store = await connectAmazonStore(db, AmazonStoreInput.parse({ name: 'Hash Goods', sellerId: s.sellerId, marketplaceIds: [US], refreshToken: s.refreshToken }), actorId);
    const [stored] = await db.select().from(amazonStores).where(eq(amazonStores.id, store.id));
    expect(stored.refreshTokenHash).toBe(hashSecret(s.refreshToken));
  });

  it('recognises a connection saved before token hashes existed, and hashes it', async () => {
    const s = await addSeller('Legacy Traders');
    const { conn } = await makeFbaConnection(db, { name: 'Legacy Traders', sellerId: s.sellerId, refreshTokenEnc: encryptSecret(s.refreshToken) });
    expect(conn.refreshTokenHash).toBeNull();
    await expect(connectFba(db, manual('ATYPO12345678', s.refreshToken), actorId)).rejects.toThrow(
      `This MWS Auth Token belongs to seller ${s.sellerId}, not ATYPO12345678, and that Amazon account is already connected to FBA for Amazon.com (ATVPDKIKX0DER). Disconnect the connection “Legacy Traders” first.`,
    );
    const [row] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, conn.id));
    expect(row.refreshTokenHash).toBe(hashSecret(s.refreshToken));
  });

  it('hashes old duplicates of one token without tripping the unique index, and still connects other sellers', async () => {
    const shared = `Atzr|legacy-shared-${Date.now()}`;
    const a = await makeFbaConnection(db, { sellerId: 'ALEGACYONE123', refreshTokenEnc: encryptSecret(shared) });
    const b = await makeFbaConnection(db, { sellerId: 'ALEGACYTWO123', refreshTokenEnc: encryptSecret(shared) });
    const s = await addSeller('Fresh Start');
    await expect(connectFba(db, manual(s.sellerId, s.refreshToken), actorId)).resolves.toMatchObject({ name: 'Fresh Start' });
    const rows = await db.select().from(fbaConnections).where(inArray(fbaConnections.id, [a.conn.id, b.conn.id]));
    expect(rows.map((r) => r.refreshTokenHash).sort()).toEqual([hashSecret(shared), null].sort());
  });

  it('lets the account connect again once its connection is disconnected', async () => {
    const s = await addSeller('Phoenix Supply');
    const first = await connectFba(db, manual(s.sellerId, s.refreshToken), actorId);
    await disconnectFba(db, first.id, actorId);
    await expect(connectFba(db, manual(s.sellerId, s.refreshToken), actorId)).resolves.toMatchObject({ name: 'Phoenix Supply' });
  });

  it('refuses "Use an existing Amazon connection" when the store\'s account is already connected under another Seller ID', async () => {
    const s = await addSeller('Twice Told');
    await connectFba(db, manual('AMISTYPED12345', s.refreshToken), actorId);
    const store = await connectAmazonStore(db, AmazonStoreInput.parse({ name: 'Twice Told', sellerId: s.sellerId, marketplaceIds: [US], refreshToken: s.refreshToken }), actorId);
    await expect(connectFba(db, StoreConnectInput.parse({ store: `${store.id}|${US}` }), actorId)).rejects.toThrow(
      'This Amazon account is already connected to FBA for Amazon.com (ATVPDKIKX0DER) as seller AMISTYPED12345. Disconnect the connection “Twice Told” first.',
    );
  });

  it('settles two simultaneous connects of one token on a single connection', async () => {
    const s = await addSeller('Race Day');
    const results = await Promise.allSettled([connectFba(db, manual(s.sellerId, s.refreshToken), actorId), connectFba(db, manual('ARACEDTYPO1234', s.refreshToken), actorId)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining('Disconnect the connection “Race Day” first.') });
    const rows = await db.select().from(fbaConnections).where(eq(fbaConnections.refreshTokenHash, hashSecret(s.refreshToken)));
    expect(rows).toHaveLength(1);
  });
});

describe('one Amazon store per account', () => {
  it('recognises a store saved before token hashes existed, and hashes it', async () => {
    const s = await addSeller('Old Store');
    const [old] = await db
      .insert(amazonStores)
      .values({ name: 'Old Store', sellerId: s.sellerId, marketplaceIds: [US], refreshTokenEnc: encryptSecret(s.refreshToken), endpoint: 'sandbox' })
      .returning();
    expect(old.refreshTokenHash).toBeNull();
    await expect(
      connectAmazonStore(db, AmazonStoreInput.parse({ name: 'Old Store again', sellerId: 'ATYPO12345678', marketplaceIds: [US], refreshToken: s.refreshToken }), actorId),
    ).rejects.toThrow(`This MWS Auth Token belongs to seller ${s.sellerId}, not ATYPO12345678: it is already connected as the Amazon store “Old Store”.`);
    const [row] = await db.select().from(amazonStores).where(eq(amazonStores.id, old.id));
    expect(row.refreshTokenHash).toBe(hashSecret(s.refreshToken));
  });

  it('refuses a second store with the same token under another Seller ID, naming the store and the seller', async () => {
    const s = await addSeller('Store Once');
    await connectAmazonStore(db, AmazonStoreInput.parse({ name: 'Store Once', sellerId: s.sellerId, marketplaceIds: [US], refreshToken: s.refreshToken }), actorId);
    const error = await connectAmazonStore(db, AmazonStoreInput.parse({ name: 'Store Twice', sellerId: 'ANOSUCHSELLER9', marketplaceIds: [US], refreshToken: s.refreshToken }), actorId).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'DUPLICATE',
      message: `This MWS Auth Token belongs to seller ${s.sellerId}, not ANOSUCHSELLER9: it is already connected as the Amazon store “Store Once”.`,
      fieldErrors: { sellerId: [`This token belongs to seller ${s.sellerId}.`] },
    });
  });
});
