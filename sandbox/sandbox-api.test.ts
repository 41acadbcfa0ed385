import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, DEMO_SELLER, type RunningSandbox } from './index';

// The sandbox over raw HTTP, as any SP-API client would see it.

let sandbox: RunningSandbox;
let token: string;

async function exchange(form: Record<string, string>) {
  return fetch(`${sandbox.url}/auth/o2/token`, { method: 'POST', body: new URLSearchParams(form) });
}

function api(path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== null) headers['x-amz-access-token'] = init.token ?? token;
  return fetch(sandbox.url + path, { ...init, headers });
}

async function admin(path: string, body?: unknown, method = 'POST') {
  const res = await fetch(sandbox.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const SUMMARIES = '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER';

beforeAll(async () => {
  // A high rate scale keeps functional tests clear of throttling; the throttle tests start their own.
  sandbox = await startSandbox({ port: 0, dataDir: null, rateScale: 1000 });
  const res = await exchange({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(() => sandbox.close());

describe('Login with Amazon', () => {
  it('exchanges a refresh token from a form or a JSON body', async () => {
    const form = await exchange({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret });
    expect(form.status).toBe(200);
    const body = (await form.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600, refresh_token: DEMO_SELLER.refreshToken });
    expect(body.access_token).toMatch(/^Atza\|/);
    const json = await fetch(`${sandbox.url}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret }),
    });
    expect(json.status).toBe(200);
  });

  it('refuses a bad client or a bad refresh token with an LWA error body', async () => {
    const badClient = await exchange({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: 'wrong' });
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    const badGrant = await exchange({ grant_type: 'refresh_token', refresh_token: 'Atzr|nope', client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret });
    expect(badGrant.status).toBe(400);
    expect(await badGrant.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('every SP-API answer', () => {
  it('refuses a missing or unknown access token with 403 Unauthorized in Amazon error body', async () => {
    for (const t of [null, 'Atza|forged']) {
      const res = await api('/sellers/v1/marketplaceParticipations', { token: t });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
      const body = (await res.json()) as { errors: { code: string; message: string }[] };
      expect(body.errors[0]).toMatchObject({ code: 'Unauthorized', message: 'Access to requested resource is denied.' });
    }
  });

  it('carries x-amzn-RequestId and x-amzn-RateLimit-Limit', async () => {
    const res = await api('/sellers/v1/marketplaceParticipations');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-RateLimit-Limit')).toBe('16'); // 0.016/s × rate scale 1000
    const a = res.headers.get('x-amzn-RequestId');
    const b = (await api('/sellers/v1/marketplaceParticipations')).headers.get('x-amzn-RequestId');
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('answers 404 NotFound for an unknown path and 400 InvalidInput for bad parameters', async () => {
    const unknown = await api('/nothing/here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: { code: string }[] }).errors[0].code).toBe('NotFound');
    const bad = await api('/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=A1PA6795UKMFR9');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { code: string }[] }).errors[0].code).toBe('InvalidInput');
  });
});

describe('sellers and inventory', () => {
  it('names the store of the credentials', async () => {
    const body = (await (await api('/sellers/v1/marketplaceParticipations')).json()) as { payload: { storeName: string; marketplace: { id: string } }[] };
    expect(body.payload).toHaveLength(1);
    expect(body.payload[0]).toMatchObject({ storeName: 'Sandbox Demo Store', marketplace: { id: 'ATVPDKIKX0DER' } });
  });

  it('pages 30 demo SKUs 50 at a time and filters by SKU with details', async () => {
    const body = (await (await api(SUMMARIES)).json()) as { payload: { inventorySummaries: { sellerSku: string; asin: string; fnSku: string; productName: string }[] }; pagination?: unknown };
    const skus = body.payload.inventorySummaries.map((s) => s.sellerSku);
    expect(skus).toHaveLength(30);
    expect(skus).toContain('DEMO-001');
    expect(skus).toContain('FBA-ONLY-04');
    expect(body.pagination).toBeUndefined();
    const demo1 = body.payload.inventorySummaries.find((s) => s.sellerSku === 'DEMO-001');
    expect(demo1).toMatchObject({ productName: 'Demo product 001' });
    expect(demo1?.asin).toMatch(/^B0[0-9A-Z]{8}$/);
    expect(demo1?.fnSku).toMatch(/^X00[0-9A-Z]{7}$/);

    const detail = (await (await api(`${SUMMARIES}&details=true&sellerSkus=DEMO-020,DEMO-021`)).json()) as { payload: { inventorySummaries: { inventoryDetails: { fulfillableQuantity: number } }[] } };
    expect(detail.payload.inventorySummaries).toHaveLength(2);
    for (const s of detail.payload.inventorySummaries) expect(s.inventoryDetails.fulfillableQuantity).toBe(0);
  });

  it('follows nextToken when there are more than 50 SKUs', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ sellerSku: `PAGE-${String(i).padStart(3, '0')}`, fulfillable: 1 }));
    expect((await admin('/_sandbox/sellers', { sellerId: 'APAGESELLER', storeName: 'Pager', clientId: 'pager-app', clientSecret: 's', refreshToken: 'Atzr|pager', items })).status).toBe(201);
    const res = await exchange({ grant_type: 'refresh_token', refresh_token: 'Atzr|pager', client_id: 'pager-app', client_secret: 's' });
    const pagerToken = ((await res.json()) as { access_token: string }).access_token;
    const first = (await (await api(SUMMARIES, { token: pagerToken })).json()) as { payload: { inventorySummaries: unknown[] }; pagination?: { nextToken: string } };
    expect(first.payload.inventorySummaries).toHaveLength(50);
    const next = first.pagination?.nextToken ?? '';
    const second = (await (await api(`${SUMMARIES}&nextToken=${encodeURIComponent(next)}`, { token: pagerToken })).json()) as { payload: { inventorySummaries: unknown[] }; pagination?: unknown };
    expect(second.payload.inventorySummaries).toHaveLength(10);
    expect(second.pagination).toBeUndefined();
  });
});

describe('throttling at the published rate', () => {
  let strict: RunningSandbox;
  let strictToken: string;
  beforeAll(async () => {
    strict = await startSandbox({ port: 0, dataDir: null });
    const res = await fetch(`${strict.url}/auth/o2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret }),
    });
    strictToken = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => strict.close());
  const call = (path: string) => fetch(strict.url + path, { headers: { 'x-amz-access-token': strictToken } });

  it('answers 429 QuotaExceeded once the burst is spent', async () => {
    // getInventorySummaries: rate 2/s, burst 2 → a burst of 6 leaves at least 3 throttled.
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(`${SUMMARIES}&sellerSku=DEMO-002`).then(async (r) => ({ status: r.status, limit: r.headers.get('x-amzn-RateLimit-Limit'), body: await r.json() }))));
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(3);
    expect(throttled[0].limit).toBe('2');
    expect(throttled[0].body).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] });
    // Buckets are per operation: another operation is not affected.
    expect((await call('/sellers/v1/marketplaceParticipations')).status).toBe(200);
  });

  it('throttles everything during an injected storm', async () => {
    await fetch(`${strict.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ throttleStormSeconds: 30 }) });
    expect((await call('/sellers/v1/marketplaceParticipations')).status).toBe(429);
    await fetch(`${strict.url}/_sandbox/faults`, { method: 'DELETE' });
    expect((await call('/fba/outbound/2020-07-01/fulfillmentOrders')).status).toBe(200);
  });
});
