import type { z } from 'zod';
import { resolveEndpoint, type SpApiEndpoint } from './endpoints';
import { SpApiError } from './errors';
import { LwaAuthorizationCodeResponse, LwaErrorResponse, LwaTokenResponse } from './models/common';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

// Refresh a minute before Amazon's expiry so a token never expires in flight.
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Caches the LWA access token of one set of credentials and refreshes it when it is about to
 * expire. Concurrent callers share one refresh. Tokens never leave this object except as the
 * header value of a request; errors carry LWA's error code, never a token.
 */
export class LwaTokenCache {
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly credentials: LwaCredentials,
    private readonly tokenUrl: string,
    private readonly fetchFn: typeof fetch,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async getAccessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - EXPIRY_MARGIN_MS > this.now()) return this.token.value;
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Amazon said the token expired or was revoked: forget it so the next call exchanges again. */
  invalidate(): void {
    this.token = null;
  }

  private async refresh(): Promise<string> {
    const form = {
      grant_type: 'refresh_token',
      refresh_token: this.credentials.refreshToken,
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    };
    const token = await postLwaForm(this.tokenUrl, form, this.fetchFn, this.timeoutMs, LwaTokenResponse);
    this.token = { value: token.access_token, expiresAt: this.now() + token.expires_in * 1000 };
    return token.access_token;
  }
}

/**
 * One POST to Login with Amazon's token endpoint. Failures become SpApiError with LWA's own code
 * and description; neither the form (secrets, codes, tokens) nor the answer is ever logged.
 */
async function postLwaForm<S extends z.ZodType>(tokenUrl: string, form: Record<string, string>, fetchFn: typeof fetch, timeoutMs: number, schema: S): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetchFn(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new SpApiError({
      kind: timeout ? 'timeout' : 'network',
      operation: 'lwa',
      message: timeout ? 'Login with Amazon did not answer in time' : 'Login with Amazon is unreachable',
    });
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = LwaErrorResponse.safeParse(json);
    throw new SpApiError({
      // LWA's own throttling and outages are worth retrying; a refused credential is not.
      kind: res.status >= 500 || res.status === 429 ? 'http' : 'auth',
      operation: 'lwa',
      status: res.status,
      code: parsed.success ? parsed.data.error : null,
      message: parsed.success ? (parsed.data.error_description ?? parsed.data.error) : `Login with Amazon answered ${res.status}`,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SpApiError({ kind: 'invalid-response', operation: 'lwa', status: res.status, message: 'Unexpected Login with Amazon response' });
  return parsed.data;
}

export interface AuthorizationCodeGrant {
  clientId: string;
  clientSecret: string;
  /** The spapi_oauth_code Amazon sent to the redirect URI (single use, valid 5 minutes). */
  code: string;
  /** Exactly the redirect_uri the consent page was opened with. */
  redirectUri: string;
}

/**
 * The end of Amazon's website authorisation workflow: exchanges the authorisation code for the
 * seller's refresh token (the grant_type=authorization_code of Login with Amazon). Not retried:
 * a code is spent when presented, so a second attempt could only fail.
 */
export async function exchangeAuthorizationCode(options: { endpoint: SpApiEndpoint; grant: AuthorizationCodeGrant; fetch?: typeof fetch; timeoutMs?: number }) {
  const { tokenUrl } = resolveEndpoint(options.endpoint);
  const form = {
    grant_type: 'authorization_code',
    code: options.grant.code,
    redirect_uri: options.grant.redirectUri,
    client_id: options.grant.clientId,
    client_secret: options.grant.clientSecret,
  };
  const token = await postLwaForm(tokenUrl, form, options.fetch ?? globalThis.fetch, options.timeoutMs ?? 30_000, LwaAuthorizationCodeResponse);
  return { refreshToken: token.refresh_token, accessToken: token.access_token, expiresIn: token.expires_in };
}
