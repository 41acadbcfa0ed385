import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ApiError, sendJson } from './http';
import type { SandboxState, SellerState } from './state';

const TOKEN_LIFETIME_S = 3600;

function sendLwaError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

/**
 * Login with Amazon, POST /auth/o2/token, grant_type=refresh_token. Errors use LWA's own body
 * ({error, error_description}), not the SP-API one. Returns true when state changed.
 */
export function exchangeToken(state: SandboxState, body: unknown, res: ServerResponse): boolean {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
  if (str('grant_type') !== 'refresh_token') {
    sendLwaError(res, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
    return false;
  }
  const clientId = str('client_id');
  if (!clientId || state.apps[clientId] === undefined || state.apps[clientId] !== str('client_secret')) {
    sendLwaError(res, 401, 'invalid_client', 'Client authentication failed');
    return false;
  }
  const seller = Object.values(state.sellers).find((s) => s.refreshToken === str('refresh_token') && s.clientId === clientId);
  if (!seller) {
    sendLwaError(res, 400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    return false;
  }
  pruneExpiredTokens(state);
  const accessToken = `Atza|${randomBytes(24).toString('base64url')}`;
  state.accessTokens[accessToken] = { sellerId: seller.sellerId, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 };
  sendJson(res, 200, { access_token: accessToken, refresh_token: seller.refreshToken, token_type: 'bearer', expires_in: TOKEN_LIFETIME_S });
  return true;
}

/** The x-amz-access-token check every SP-API call goes through (403 Unauthorized like Amazon). */
export function authenticate(state: SandboxState, header: string | string[] | undefined): SellerState {
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The request is missing the x-amz-access-token header.');
  const entry = state.accessTokens[token];
  if (!entry) throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token is invalid or was revoked.');
  if (entry.expiresAt <= Date.now()) throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.');
  const seller = state.sellers[entry.sellerId];
  if (!seller) throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The selling partner no longer exists.');
  return seller;
}

/** Admin: make every issued access token expired (tests of the client's refresh). */
export function expireAllTokens(state: SandboxState): void {
  for (const entry of Object.values(state.accessTokens)) entry.expiresAt = 0;
}

function pruneExpiredTokens(state: SandboxState): void {
  const now = Date.now();
  for (const [token, entry] of Object.entries(state.accessTokens)) if (entry.expiresAt <= now - 3_600_000) delete state.accessTokens[token];
}
