import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ApiError, sendJson } from './http';
import type { SandboxState, SellerState } from './state';

const TOKEN_LIFETIME_S = 3600;
const AUTHORIZATION_CODE_LIFETIME_S = 300;

function sendLwaError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

/** Login with Amazon's answer to a wrong, used or expired grant. */
function invalidGrant(res: ServerResponse, parameter: 'refresh_token' | 'code' | 'redirect_uri'): void {
  sendLwaError(res, 400, 'invalid_grant', `The request has an invalid grant parameter : ${parameter}`);
}

/**
 * Login with Amazon, POST /auth/o2/token: grant_type=refresh_token (every SP-API call's access
 * token) or authorization_code (the end of the website authorisation workflow: the code the
 * consent page sent to the app's redirect_uri, for the seller's refresh token). Errors use LWA's
 * own body ({error, error_description}), not the SP-API one. Returns true when state changed.
 */
export function exchangeToken(state: SandboxState, body: unknown, res: ServerResponse): boolean {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
  const grantType = str('grant_type');
  if (grantType !== 'refresh_token' && grantType !== 'authorization_code') {
    sendLwaError(res, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
    return false;
  }
  const clientId = str('client_id');
  if (!clientId || state.apps[clientId] === undefined || state.apps[clientId] !== str('client_secret')) {
    sendLwaError(res, 401, 'invalid_client', 'Client authentication failed');
    return false;
  }
  let seller: SellerState | undefined;
  if (grantType === 'refresh_token') {
    seller = Object.values(state.sellers).find((s) => s.refreshToken === str('refresh_token') && s.clientId === clientId);
    if (!seller) {
      invalidGrant(res, 'refresh_token');
      return false;
    }
  } else {
    if (!str('code')) {
      sendLwaError(res, 400, 'invalid_request', 'The request is missing a required parameter : code');
      return false;
    }
    const code = str('code');
    const grant = Object.hasOwn(state.authorizationCodes, code) ? state.authorizationCodes[code] : undefined;
    // Presented once, gone: a second exchange of the same code fails whatever the first did.
    if (grant) delete state.authorizationCodes[code];
    const wrong = !grant || grant.clientId !== clientId || grant.expiresAt <= Date.now() ? 'code' : grant.redirectUri !== str('redirect_uri') ? 'redirect_uri' : null;
    seller = grant && !wrong ? state.sellers[grant.sellerId] : undefined;
    if (!seller) {
      invalidGrant(res, wrong ?? 'code');
      return grant !== undefined;
    }
  }
  pruneExpiredTokens(state);
  const accessToken = `Atza|${randomBytes(24).toString('base64url')}`;
  state.accessTokens[accessToken] = { sellerId: seller.sellerId, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 };
  // The sandbox keeps one refresh token per seller, so authorising again returns the same token
  // (Amazon issues a new one per authorisation; the app must not rely on either).
  sendJson(res, 200, { access_token: accessToken, refresh_token: seller.refreshToken, token_type: 'bearer', expires_in: TOKEN_LIFETIME_S });
  return true;
}

/**
 * The consent page's Authorise: a code for the app, valid five minutes like Amazon's
 * spapi_oauth_code, bound to the client and the redirect_uri it is sent to.
 */
export function issueAuthorizationCode(state: SandboxState, grant: { sellerId: string; clientId: string; redirectUri: string }): string {
  const now = Date.now();
  for (const [code, entry] of Object.entries(state.authorizationCodes)) if (entry.expiresAt <= now) delete state.authorizationCodes[code];
  const code = `AN${randomBytes(15).toString('base64url')}`;
  state.authorizationCodes[code] = { ...grant, expiresAt: now + AUTHORIZATION_CODE_LIFETIME_S * 1000 };
  return code;
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

/** Admin: make every issued access token and authorisation code expired (tests of refresh and of a late exchange). */
export function expireAllTokens(state: SandboxState): void {
  for (const entry of Object.values(state.accessTokens)) entry.expiresAt = 0;
  for (const entry of Object.values(state.authorizationCodes)) entry.expiresAt = 0;
}

function pruneExpiredTokens(state: SandboxState): void {
  const now = Date.now();
  for (const [token, entry] of Object.entries(state.accessTokens)) if (entry.expiresAt <= now - 3_600_000) delete state.accessTokens[token];
}
