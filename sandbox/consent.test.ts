import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP } from './apps';
import { DEMO_SELLER, startSandbox, type RunningSandbox } from './index';

// Amazon's website authorisation workflow as the sandbox plays it: consent page → redirect with a
// code → the code exchanged at Login with Amazon for the seller's refresh token.

let sandbox: RunningSandbox;
const APP_URL = 'http://app.example:3000/integration/amazon/callback';
const OTHER_APP = { clientId: 'amzn1.application-oa2-client.other', clientSecret: 'other-secret', applicationId: 'amzn1.sp.solution.other-app', appName: 'Other <App>' };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dataDir: null, rateScale: 1000 });
  const res = await fetch(`${sandbox.url}/_sandbox/sellers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sellerId: 'AOTHERAPPSELLER', storeName: 'Other & Sons', refreshToken: 'Atzr|other', ...OTHER_APP }),
  });
  expect(res.status).toBe(201);
});
afterAll(() => sandbox.close());

function consentQuery(over: Record<string, string> = {}) {
  return new URLSearchParams({ application_id: DEMO_APP.applicationId, state: 'st-123', redirect_uri: APP_URL, version: 'beta', ...over });
}

/** The consent form as the browser posts it; redirects are not followed so the test sees them. */
function decide(fields: Record<string, string>) {
  return fetch(`${sandbox.url}/apps/authorize/consent`, { method: 'POST', body: new URLSearchParams({ ...Object.fromEntries(consentQuery()), ...fields }), redirect: 'manual' });
}

async function authorise(sellerId: string = DEMO_SELLER.sellerId) {
  const res = await decide({ decision: 'authorise', selling_partner_id: sellerId });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

function exchange(fields: Record<string, string>) {
  return fetch(`${sandbox.url}/auth/o2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: APP_URL, client_id: DEMO_APP.clientId, client_secret: DEMO_APP.clientSecret, ...fields }),
  });
}

describe('consent page', () => {
  it("names the app, offers only the app's sellers, says what is granted, with real form buttons", async () => {
    const res = await fetch(`${sandbox.url}/apps/authorize/consent?${consentQuery()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain(`Authorise ${DEMO_APP.name}`);
    expect(html).toContain('Sandbox Demo Store');
    expect(html).toContain(`value="${DEMO_SELLER.sellerId}"`);
    expect(html).not.toContain('AOTHERAPPSELLER');
    expect(html).toContain('Fulfilment by Amazon inventory');
    expect(html).toMatch(/<form method="post" action="\/apps\/authorize\/consent">/);
    expect(html).toContain('<button type="submit" name="decision" value="authorise" class="primary">Authorise</button>');
    expect(html).toContain('<button type="submit" name="decision" value="cancel">Cancel</button>');
    expect(html).toContain(`<input type="hidden" name="redirect_uri" value="${APP_URL}">`);
  });

  it('escapes everything it shows', async () => {
    const res = await fetch(`${sandbox.url}/apps/authorize/consent?${consentQuery({ application_id: OTHER_APP.applicationId, state: '"><script>x</script>' })}`);
    const html = await res.text();
    expect(html).toContain('Authorise Other &lt;App&gt;');
    expect(html).toContain('Other &amp; Sons');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('refuses an unknown app, a missing state or an unusable redirect_uri with a page, never a redirect', async () => {
    const unknown = await fetch(`${sandbox.url}/apps/authorize/consent?${consentQuery({ application_id: 'amzn1.sp.solution.nope' })}`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Application not found');
    const noState = await fetch(`${sandbox.url}/apps/authorize/consent?${consentQuery({ state: '' })}`, { redirect: 'manual' });
    expect(noState.status).toBe(400);
    for (const redirect_uri of ['javascript:alert(1)', '/relative', 'http://app.example/cb#frag']) {
      const res = await decide({ redirect_uri, decision: 'authorise', selling_partner_id: DEMO_SELLER.sellerId });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('Invalid redirect_uri');
    }
  });

  it("refuses a seller that is not the app's", async () => {
    const res = await decide({ decision: 'authorise', selling_partner_id: 'AOTHERAPPSELLER' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Choose one of the sellers below');
  });

  it('Cancel returns to the app with state and error=access_denied', async () => {
    const res = await decide({ decision: 'cancel' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(APP_URL);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ state: 'st-123', error: 'access_denied' });
    expect(back.searchParams.has('spapi_oauth_code')).toBe(false);
  });
});

describe('authorisation code', () => {
  it("Authorise returns state, selling_partner_id and a code that LWA exchanges once for the seller's refresh token", async () => {
    const back = await authorise();
    expect(back.origin + back.pathname).toBe(APP_URL);
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.get('selling_partner_id')).toBe(DEMO_SELLER.sellerId);
    const code = back.searchParams.get('spapi_oauth_code')!;
    expect(code).toMatch(/^AN[\w-]{20}$/);

    const res = await exchange({ code });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ refresh_token: DEMO_SELLER.refreshToken, token_type: 'bearer', expires_in: 3600 });
    const api = await fetch(`${sandbox.url}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': String(tokens.access_token) } });
    expect(api.status).toBe(200);

    const again = await exchange({ code });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : code' });
  });

  it('refuses a wrong code, another redirect_uri, another client, an expired code; and a refused code is spent', async () => {
    expect(await (await exchange({ code: 'ANnot-a-code' })).json()).toMatchObject({ error: 'invalid_grant' });

    const code = (await authorise()).searchParams.get('spapi_oauth_code')!;
    const moved = await exchange({ code, redirect_uri: 'http://evil.example/callback' });
    expect(await moved.json()).toEqual({ error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : redirect_uri' });
    expect((await exchange({ code })).status).toBe(400);

    const other = (await authorise()).searchParams.get('spapi_oauth_code')!;
    const wrongClient = await exchange({ code: other, client_id: OTHER_APP.clientId, client_secret: OTHER_APP.clientSecret });
    expect(await wrongClient.json()).toMatchObject({ error: 'invalid_grant' });

    const late = (await authorise()).searchParams.get('spapi_oauth_code')!;
    await fetch(`${sandbox.url}/_sandbox/tokens/expire`, { method: 'POST' });
    expect(await (await exchange({ code: late })).json()).toMatchObject({ error: 'invalid_grant' });

    const badSecret = await exchange({ code: 'x', client_secret: 'wrong' });
    expect(badSecret.status).toBe(401);
    expect(await (await exchange({ code: '' })).json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('stores from before applications existed', () => {
  it('load with an application per LWA client (the demo app keeps its published id)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-consent-'));
    try {
      const first = await startSandbox({ port: 0, dataDir, rateScale: 1000 });
      await first.close();
      const file = path.join(dataDir, 'state.json');
      const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      delete snapshot.applications;
      delete snapshot.authorizationCodes;
      writeFileSync(file, JSON.stringify(snapshot));

      const second = await startSandbox({ port: 0, dataDir, rateScale: 1000 });
      try {
        const state = (await (await fetch(`${second.url}/_sandbox/state`)).json()) as { applications: { applicationId: string; clientId: string }[] };
        expect(state.applications).toEqual([expect.objectContaining({ applicationId: DEMO_APP.applicationId, clientId: DEMO_APP.clientId })]);
        const page = await fetch(`${second.url}/apps/authorize/consent?${consentQuery()}`);
        expect(page.status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
