// Test support: a sandbox in-process on a free port and a client pointed at it. Only tests import
// this file (the product never imports sandbox/).
import { DEMO_SELLER, startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../../sandbox/index';
import { createSpApiClient, type SpApiClientOptions } from '../client';

export const DEMO_CREDENTIALS = {
  clientId: DEMO_SELLER.clientId,
  clientSecret: DEMO_SELLER.clientSecret,
  refreshToken: DEMO_SELLER.refreshToken,
};
export const US = 'ATVPDKIKX0DER';

export interface TestSandbox extends RunningSandbox {
  admin<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  advance(seconds: number): Promise<void>;
  token(): Promise<string>;
}

export async function startTestSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, dataDir: null, ...options });
  async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`admin ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  return {
    ...sandbox,
    admin,
    async advance(seconds) {
      await admin('POST', '/_sandbox/clock', { advanceSeconds: seconds });
    },
    async token() {
      const res = await fetch(`${sandbox.url}/auth/o2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DEMO_CREDENTIALS.refreshToken, client_id: DEMO_CREDENTIALS.clientId, client_secret: DEMO_CREDENTIALS.clientSecret }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    },
  };
}

/** A client for the demo seller, retrying fast (tests must not sleep for real backoff). */
export function createDemoClient(url: string, options: Partial<SpApiClientOptions> = {}) {
  return createSpApiClient({
    credentials: DEMO_CREDENTIALS,
    endpoint: { sandboxUrl: url },
    ...options,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 5_000, ...options.retry },
  });
}

export const TEST_ADDRESS = {
  name: 'Jane Doe',
  addressLine1: '410 Terry Ave N',
  city: 'Seattle',
  stateOrRegion: 'WA',
  postalCode: '98109',
  countryCode: 'US',
};
