import { LwaErrorResponse, LwaTokenResponse } from './models/common';
import { SpApiError } from './errors';

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
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: this.credentials.refreshToken,
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    let res: Response;
    try {
      res = await this.fetchFn(this.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: body.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
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
    const parsed = LwaTokenResponse.safeParse(json);
    if (!parsed.success) {
      throw new SpApiError({ kind: 'invalid-response', operation: 'lwa', status: res.status, message: 'Unexpected Login with Amazon response' });
    }
    this.token = { value: parsed.data.access_token, expiresAt: this.now() + parsed.data.expires_in * 1000 };
    return parsed.data.access_token;
  }
}
