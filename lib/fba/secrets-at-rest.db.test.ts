import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { customers } from '@/db/schema';
import { PERMISSION, type SessionUser } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { completeAmazonAuthorisation, startAmazonAuthorisation } from './amazon-authorisation';
import { FbaAuthoriseInput } from './authorisation-inputs';
import { connectAmazonStore } from './amazon-stores';
import { AmazonStoreInput, ManualConnectInput } from './connection-inputs';
import { connectFba } from './connections';
import { drainQueuedSyncs, requestInventorySync } from './inventory-sync';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox, US } from './sp-api/testing/harness';

/**
 * Amazon tokens and the app's client secret stay encrypted at rest: after connecting FBA by hand,
 * an Amazon store by hand, FBA with Amazon (the code exchange) and a Force Sync that spends access
 * tokens, the whole database dumped as text (every column of every table of every schema) holds
 * none of them, in clear, base64, base64url, hex or URL-encoded.
 */

let db: Db;
let sandbox: TestSandbox;
let user: SessionUser;
const REDIRECT = 'http://app.test/integration/amazon/callback';
/** Every token Amazon (the sandbox) handed out during the test, read off the wire. */
const seen = new Set<string>();
const realFetch = globalThis.fetch;

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
  sandbox = await startTestSandbox({ rateScale: 1000, clockSpeed: 600 });
  process.env.SANDBOX_URL = sandbox.url;
  db = (await createTestDb()).db;
  const u = await makeUser(db, [PERMISSION.fba]);
  user = { ...u, isAdmin: false, permissions: [PERMISSION.fba] };
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (...args: Parameters<typeof fetch>) => {
    const res = await realFetch(...args);
    const body = await res.clone().text();
    for (const m of body.matchAll(/"(?:access_token|refresh_token)"\s*:\s*"([^"]+)"/g)) seen.add(m[1]!);
    return res;
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sandbox?.close();
});

let sellers = 0;
async function addSeller(storeName: string) {
  sellers += 1;
  const seller = { sellerId: `ASECRETSELLER${sellers}`, refreshToken: `Atzr|at-rest-${sellers}-${crypto.randomUUID()}` };
  await sandbox.admin('POST', '/_sandbox/sellers', { ...seller, storeName, marketplaceIds: [US], clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret });
  return seller;
}

/** Every row of every table outside PostgreSQL's own schemas, as JSON text. */
async function dumpDatabase(): Promise<string> {
  const tables = rowsOf<{ s: string; t: string }>(
    await db.execute(sql`SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`),
  );
  expect(tables.length).toBeGreaterThan(20);
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const rows = rowsOf<{ j: string }>(await db.execute(sql`SELECT row_to_json(x)::text AS j FROM ${sql.identifier(s)}.${sql.identifier(t)} x`));
    parts.push(`-- ${s}.${t}`, ...rows.map((r) => r.j));
  }
  return parts.join('\n');
}

/** The forms a secret could be stored in without being encrypted. */
function encodings(secret: string): string[] {
  const b = Buffer.from(secret, 'utf8');
  return [secret, b.toString('base64'), b.toString('base64url'), b.toString('hex'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

function leaks(dump: string, secrets: Iterable<string>): string[] {
  return [...secrets].flatMap((s) => encodings(s).filter((e) => dump.includes(e)).map((e) => `${s} as ${e}`));
}

describe('Amazon secrets at rest', () => {
  it('no token or client secret appears anywhere in a dump of the database', async () => {
    const manual = await addSeller('Manual Goods');
    await connectFba(db, ManualConnectInput.parse({ sellerId: manual.sellerId, marketplaceId: US, refreshToken: manual.refreshToken, endpoint: 'sandbox' }), user.id);

    const store = await addSeller('Store Goods');
    await connectAmazonStore(db, AmazonStoreInput.parse({ name: 'Store', sellerId: store.sellerId, marketplaceIds: [US], refreshToken: store.refreshToken }), user.id);

    const oauth = await addSeller('OAuth Goods');
    const consentUrl = new URL(await startAmazonAuthorisation(db, { purpose: 'fba', input: FbaAuthoriseInput.parse({ marketplaceId: US, endpoint: 'sandbox' }) }, { userId: user.id, redirectUri: REDIRECT }));
    const consent = await realFetch(`${consentUrl.origin}${consentUrl.pathname}`, {
      method: 'POST',
      body: new URLSearchParams({ ...Object.fromEntries(consentUrl.searchParams), decision: 'authorise', selling_partner_id: oauth.sellerId }),
      redirect: 'manual',
    });
    const answer = Object.fromEntries(new URL(consent.headers.get('location')!).searchParams);
    const outcome = await completeAmazonAuthorisation(db, answer, { user, redirectUri: REDIRECT });
    expect(outcome).toMatchObject({ kind: 'connected', purpose: 'fba' });

    // A Force Sync spends access tokens (and writes its run).
    const connectionId = (outcome as { connectionId: string }).connectionId;
    await requestInventorySync(db, connectionId, 'force', user.id);
    await drainQueuedSyncs(db);

    const secrets = new Set([manual.refreshToken, store.refreshToken, oauth.refreshToken, DEMO_CREDENTIALS.clientSecret, answer.spapi_oauth_code!, ...seen]);
    // Amazon did hand out access tokens and the code exchange's refresh token (else this proves little).
    expect([...seen].some((t) => t.startsWith('Atza|'))).toBe(true);
    expect(seen.has(oauth.refreshToken)).toBe(true);

    const dump = await dumpDatabase();
    // The dump is the whole database: the sellers are in it, in clear.
    for (const s of [manual, store, oauth]) expect(dump).toContain(s.sellerId);
    expect(leaks(dump, secrets)).toEqual([]);
  });

  it('the check finds a token stored in clear or merely encoded', async () => {
    const token = 'Atzr|leaked-on-purpose';
    const base64 = Buffer.from(token).toString('base64');
    await db.insert(customers).values({ name: base64 });
    expect(leaks(await dumpDatabase(), [token])).toContain(`${token} as ${base64}`);
    await db.delete(customers);
    await db.insert(customers).values({ name: `note: ${token}` });
    expect(leaks(await dumpDatabase(), [token])).toContain(`${token} as ${token}`);
    await db.delete(customers);
  });
});
