import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { amazonAuthorisations, amazonStores, fbaConnections } from '@/db/schema';
import { PERMISSION, type SessionUser } from '@/lib/auth/permissions';
import { hashSecret } from '@/lib/crypto/secret-box';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { authorisationRedirectUri, completeAmazonAuthorisation, getAuthorisationAttempt, startAmazonAuthorisation, type AuthorisationStart } from './amazon-authorisation';
import { AmazonStoreAuthoriseInput, FbaAuthoriseInput } from './authorisation-inputs';
import { ManualConnectInput } from './connection-inputs';
import { connectFba, getConnection } from './connections';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox, US } from './sp-api/testing/harness';

let db: Db;
let sandbox: TestSandbox;
let alice: SessionUser;
let bob: SessionUser;
const REDIRECT = 'http://app.test/integration/amazon/callback';

const sessionUser = (u: { id: string; email: string; name: string }, permissions: string[]): SessionUser => ({ ...u, isAdmin: false, permissions });

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64');
  sandbox = await startTestSandbox({ rateScale: 1000 });
  process.env.SANDBOX_URL = sandbox.url;
  db = (await createTestDb()).db;
  alice = sessionUser(await makeUser(db, [PERMISSION.fba]), [PERMISSION.fba]);
  bob = sessionUser(await makeUser(db, [PERMISSION.fba]), [PERMISSION.fba]);
});
afterAll(() => sandbox?.close());

let sellers = 0;
async function addSeller(storeName: string) {
  sellers += 1;
  const seller = { sellerId: `AOAUTHSELLER${sellers}`, refreshToken: `Atzr|oauth-${sellers}-${Date.now()}` };
  await sandbox.admin('POST', '/_sandbox/sellers', { ...seller, storeName, marketplaceIds: [US], clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret });
  return seller;
}

const fbaStart = (over: Record<string, string> = {}): AuthorisationStart => ({ purpose: 'fba', input: FbaAuthoriseInput.parse({ marketplaceId: US, endpoint: 'sandbox', ...over }) });

/** The browser's trip: the consent page, the seller's choice, and the query Amazon sends back. */
async function visitConsent(consentUrl: string, sellerId: string, decision: 'authorise' | 'cancel' = 'authorise'): Promise<Record<string, string>> {
  const url = new URL(consentUrl);
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const res = await fetch(`${url.origin}${url.pathname}`, { method: 'POST', body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), decision, selling_partner_id: sellerId }), redirect: 'manual' });
  expect(res.status).toBe(302);
  return Object.fromEntries(new URL(res.headers.get('location')!).searchParams);
}

async function startAndAuthorise(user: SessionUser, sellerId: string, start = fbaStart(), decision: 'authorise' | 'cancel' = 'authorise') {
  const consentUrl = await startAmazonAuthorisation(db, start, { userId: user.id, redirectUri: REDIRECT });
  return { consentUrl, answer: await visitConsent(consentUrl, sellerId, decision) };
}

const complete = (user: SessionUser, answer: Record<string, string>, now?: Date) => completeAmazonAuthorisation(db, answer, { user, redirectUri: REDIRECT, now });

async function attemptOf(answer: Record<string, string>) {
  const rows = await db.select().from(amazonAuthorisations);
  const state = answer.state;
  expect(rows.some((r) => r.stateHash === state || JSON.stringify(r).includes(state))).toBe(false);
  return rows.sort((a, b) => +b.createdAt - +a.createdAt)[0];
}

async function connectionCount() {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(fbaConnections);
  return Number(row.n);
}

describe('Connect with Amazon: FBA', () => {
  it('connects the seller Amazon names, with its location, and sends the user to Setup', async () => {
    const s = await addSeller('Aurora Goods');
    const { consentUrl, answer } = await startAndAuthorise(alice, s.sellerId);
    const consent = new URL(consentUrl);
    expect(consent.origin + consent.pathname).toBe(`${sandbox.url}/apps/authorize/consent`);
    expect(Object.fromEntries(consent.searchParams)).toMatchObject({ application_id: 'amzn1.sp.solution.sandbox-demo', redirect_uri: REDIRECT, version: 'beta' });
    expect(answer.selling_partner_id).toBe(s.sellerId);

    const outcome = await complete(alice, answer);
    expect(outcome).toMatchObject({ kind: 'connected', purpose: 'fba' });
    const conn = await getConnection(db, (outcome as { connectionId: string }).connectionId);
    expect(conn).toMatchObject({ name: 'Aurora Goods', sellerId: s.sellerId, marketplaceId: US, locationName: 'Aurora Goods', status: 'Active' });
    const [row] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, conn!.id));
    expect(row.refreshTokenHash).toBe(hashSecret(s.refreshToken));
    expect(await attemptOf(answer)).toMatchObject({ status: 'Connected', sellerId: s.sellerId, resultId: conn!.id, userId: alice.id });
  });

  it('accepts a state once: the same answer again connects nothing more', async () => {
    const s = await addSeller('Single Use Co');
    const { answer } = await startAndAuthorise(alice, s.sellerId);
    const first = await complete(alice, answer);
    const before = await connectionCount();
    expect(await complete(alice, answer)).toEqual(first);
    expect(await connectionCount()).toBe(before);
  });

  it("refuses another user's state, and that attempt cannot be used afterwards", async () => {
    const s = await addSeller('Borrowed Link');
    const { answer } = await startAndAuthorise(alice, s.sellerId);
    const before = await connectionCount();
    expect(await complete(bob, answer)).toEqual({ kind: 'refused', reason: 'other-user' });
    expect(await attemptOf(answer)).toMatchObject({ status: 'Failed', userId: alice.id });
    const again = await complete(alice, answer);
    expect(again).toMatchObject({ kind: 'failed' });
    expect(await connectionCount()).toBe(before);
  });

  it('refuses an expired attempt, an unknown state, a user without the permission and a cancel at Amazon, saying why', async () => {
    const s = await addSeller('Late Comer');
    const late = await startAndAuthorise(alice, s.sellerId);
    const expired = await complete(alice, late.answer, new Date(Date.now() + 11 * 60_000));
    expect(expired).toMatchObject({ kind: 'failed', purpose: 'fba' });
    const shown = await getAuthorisationAttempt(db, (expired as { attemptId: string }).attemptId, alice.id);
    expect(shown).toMatchObject({ status: 'Failed', message: 'This authorisation expired; start again.' });
    expect(await getAuthorisationAttempt(db, (expired as { attemptId: string }).attemptId, bob.id)).toBeNull();

    expect(await complete(alice, { ...late.answer, state: 'made-up-state' })).toEqual({ kind: 'refused', reason: 'unknown' });

    const noPermission = await startAndAuthorise(alice, s.sellerId);
    const outcome = await complete({ ...alice, permissions: [] }, noPermission.answer);
    expect(await getAuthorisationAttempt(db, (outcome as { attemptId: string }).attemptId, alice.id)).toMatchObject({ message: `Not allowed: you need the ${PERMISSION.fba} permission.` });

    const cancelled = await startAndAuthorise(alice, s.sellerId, fbaStart(), 'cancel');
    const cancelOutcome = await complete(alice, cancelled.answer);
    expect(await getAuthorisationAttempt(db, (cancelOutcome as { attemptId: string }).attemptId, alice.id)).toMatchObject({
      message: 'The authorisation was cancelled at Amazon, so nothing was connected. Start again to connect.',
    });
    expect((await db.select().from(fbaConnections).where(eq(fbaConnections.sellerId, s.sellerId))).length).toBe(0);
  });

  it("shows Amazon's reason when the code is refused (expired at Amazon)", async () => {
    const s = await addSeller('Slow Hands');
    const { answer } = await startAndAuthorise(alice, s.sellerId);
    await sandbox.admin('POST', '/_sandbox/tokens/expire');
    const outcome = await complete(alice, answer);
    expect(await getAuthorisationAttempt(db, (outcome as { attemptId: string }).attemptId, alice.id)).toMatchObject({
      status: 'Failed',
      message: 'Amazon refused the authorisation, so nothing was connected. Amazon said: The request has an invalid grant parameter : code (invalid_grant)',
    });
  });

  it('refuses an account already connected (here under a mistyped Seller ID), recording why', async () => {
    const s = await addSeller('Known Account');
    await connectFba(db, ManualConnectInput.parse({ sellerId: 'AWRONGLYTYPED1', marketplaceId: US, refreshToken: s.refreshToken, endpoint: 'sandbox' }), alice.id);
    const { answer } = await startAndAuthorise(alice, s.sellerId);
    const outcome = await complete(alice, answer);
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(await getAuthorisationAttempt(db, (outcome as { attemptId: string }).attemptId, alice.id)).toMatchObject({
      status: 'Failed',
      message: 'This Amazon account is already connected to FBA for Amazon.com (ATVPDKIKX0DER) as seller AWRONGLYTYPED1. Disconnect the connection “Known Account” first.',
    });
  });
});

describe('Connect with Amazon: Amazon store', () => {
  it('saves the store under the seller Amazon names', async () => {
    const s = await addSeller('Birch & Co');
    const input = AmazonStoreAuthoriseInput.parse({ name: 'Birch US', marketplaceIds: [US], endpoint: 'sandbox' });
    const { answer } = await startAndAuthorise(alice, s.sellerId, { purpose: 'store', input });
    const outcome = await complete(alice, answer);
    expect(outcome).toMatchObject({ kind: 'connected', purpose: 'store' });
    const [store] = await db.select().from(amazonStores).where(eq(amazonStores.sellerId, s.sellerId));
    expect(store).toMatchObject({ name: 'Birch US', marketplaceIds: [US], amazonStoreName: 'Birch & Co', refreshTokenHash: hashSecret(s.refreshToken) });
    expect(await getAuthorisationAttempt(db, (outcome as { attemptId: string }).attemptId, alice.id)).toMatchObject({ status: 'Connected', storeName: 'Birch US', amazonStoreName: 'Birch & Co' });
  });
});

describe('starting', () => {
  it("refuses Amazon's real endpoints until the app is configured, writing nothing", async () => {
    vi.stubEnv('SP_API_APP_ID', '');
    const before = (await db.select().from(amazonAuthorisations)).length;
    const start = fbaStart({ endpoint: 'EU', marketplaceId: 'A1F83G8C2ARO7P' });
    await expect(startAmazonAuthorisation(db, start, { userId: alice.id, redirectUri: REDIRECT })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: { endpoint: [expect.stringContaining('set SP_API_APP_ID, SP_API_CLIENT_ID, SP_API_CLIENT_SECRET on the server')] },
    });
    expect((await db.select().from(amazonAuthorisations)).length).toBe(before);
    vi.unstubAllEnvs();
  });

  it("sends the seller to the marketplace's Seller Central with the app's id once it is configured", async () => {
    vi.stubEnv('SP_API_APP_ID', 'amzn1.sp.solution.11111111-2222-3333-4444-555555555555');
    vi.stubEnv('SP_API_CLIENT_ID', 'amzn1.application-oa2-client.x');
    vi.stubEnv('SP_API_CLIENT_SECRET', 'secret');
    const url = new URL(await startAmazonAuthorisation(db, fbaStart({ endpoint: 'EU', marketplaceId: 'A1PA6795UKMFR9' }), { userId: alice.id, redirectUri: REDIRECT }));
    expect(url.origin + url.pathname).toBe('https://sellercentral.amazon.de/apps/authorize/consent');
    expect(url.searchParams.get('application_id')).toBe('amzn1.sp.solution.11111111-2222-3333-4444-555555555555');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.has('version')).toBe(false);
    vi.unstubAllEnvs();
  });

  it('refuses a marketplace of another region, and builds the redirect URI from NEXTAUTH_URL first', () => {
    const parsed = FbaAuthoriseInput.safeParse({ marketplaceId: 'A1F83G8C2ARO7P', endpoint: 'NA' });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['marketplaceId'], message: "Amazon.co.uk is served by Amazon's Europe (EU) endpoint, not North America (NA)." });
    vi.stubEnv('NEXTAUTH_URL', 'https://inventory.example.com/');
    expect(authorisationRedirectUri('http://10.0.0.5:3000')).toBe('https://inventory.example.com/integration/amazon/callback');
    vi.stubEnv('NEXTAUTH_URL', '');
    expect(authorisationRedirectUri('http://localhost:3000')).toBe('http://localhost:3000/integration/amazon/callback');
    vi.unstubAllEnvs();
  });
});
