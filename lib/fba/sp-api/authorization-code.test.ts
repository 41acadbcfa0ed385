import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpApiError } from './errors';
import { exchangeAuthorizationCode } from './lwa';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox } from './testing/harness';

let sandbox: TestSandbox;
const REDIRECT = 'http://127.0.0.1:3999/integration/amazon/callback';

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000 });
});
afterAll(() => sandbox.close());
afterEach(() => vi.restoreAllMocks());

/** The seller clicks Authorise on the sandbox's consent page: the code is in the redirect. */
async function authorise(): Promise<string> {
  const res = await fetch(`${sandbox.url}/apps/authorize/consent`, {
    method: 'POST',
    body: new URLSearchParams({ application_id: 'amzn1.sp.solution.sandbox-demo', state: 's', redirect_uri: REDIRECT, decision: 'authorise', selling_partner_id: 'ASANDBOXSELLER1' }),
    redirect: 'manual',
  });
  return new URL(res.headers.get('location')!).searchParams.get('spapi_oauth_code')!;
}

const grant = (code: string) => ({ clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret, code, redirectUri: REDIRECT });

describe('exchangeAuthorizationCode', () => {
  it("returns the seller's refresh token, and logs nothing", async () => {
    const logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
    const tokens = await exchangeAuthorizationCode({ endpoint: { sandboxUrl: sandbox.url }, grant: grant(await authorise()) });
    expect(tokens).toMatchObject({ refreshToken: DEMO_CREDENTIALS.refreshToken, accessToken: expect.stringMatching(/^Atza\|/), expiresIn: 3600 });
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });

  it("fails with LWA's invalid_grant for a spent code, never quoting the code", async () => {
    const code = await authorise();
    await exchangeAuthorizationCode({ endpoint: { sandboxUrl: sandbox.url }, grant: grant(code) });
    const error = await exchangeAuthorizationCode({ endpoint: { sandboxUrl: sandbox.url }, grant: grant(code) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({ kind: 'auth', operation: 'lwa', status: 400, code: 'invalid_grant', message: 'The request has an invalid grant parameter : code' });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(code);
  });

  it('refuses an answer without a refresh token, and reports an unreachable LWA', async () => {
    const noRefresh: typeof fetch = async () => Response.json({ access_token: 'Atza|x', token_type: 'bearer', expires_in: 3600 });
    await expect(exchangeAuthorizationCode({ endpoint: { sandboxUrl: sandbox.url }, grant: grant('AN1'), fetch: noRefresh })).rejects.toMatchObject({ kind: 'invalid-response' });
    await expect(exchangeAuthorizationCode({ endpoint: { sandboxUrl: 'http://127.0.0.1:1' }, grant: grant('AN1') })).rejects.toMatchObject({ kind: 'network', operation: 'lwa' });
  });
});
