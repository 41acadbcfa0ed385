// Our side of the SP-API, per connection: which app credentials an endpoint uses (the sandbox's
// demo app, or the merchant's registered app from the environment), Connect with Amazon's consent
// page and code exchange, and one long-lived client per stored connection. The client itself
// (LWA tokens, pacing, retries, Amazon's operations) is lib/fba/sp-api/client.ts, which knows
// nothing of connections, the environment or the database.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonStores, type SpEndpointName } from '@/db/schema';
import { reportAmazonCall } from '@/lib/audit/audit-log';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { DomainError } from '@/lib/errors';
import { consentPageBase } from './consent-page';
import { createSpApiClient, exchangeAuthorizationCode, isSpApiError, type SpApiClient, type SpApiEndpoint } from './sp-api';

/** The sandbox's demo app; any other endpoint needs the merchant's own registered SP-API app. */
const SANDBOX_APP = { clientId: 'amzn1.application-oa2-client.sandbox-demo', clientSecret: 'sandbox-demo-secret', applicationId: 'amzn1.sp.solution.sandbox-demo' };

function appFor(endpoint: SpEndpointName): { endpoint: SpApiEndpoint; clientId: string; clientSecret: string; rateScale: number } {
  if (endpoint === 'sandbox')
    return {
      endpoint: { sandboxUrl: process.env.SANDBOX_URL || 'http://127.0.0.1:4010' },
      clientId: process.env.SANDBOX_CLIENT_ID || SANDBOX_APP.clientId,
      clientSecret: process.env.SANDBOX_CLIENT_SECRET || SANDBOX_APP.clientSecret,
      rateScale: Number(process.env.SANDBOX_RATE_SCALE || 1),
    };
  const clientId = process.env.SP_API_CLIENT_ID;
  const clientSecret = process.env.SP_API_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new DomainError('INVALID_INPUT', 'Connecting to Amazon needs the SP-API app credentials: set SP_API_CLIENT_ID and SP_API_CLIENT_SECRET on the server.');
  return { endpoint: { region: endpoint }, clientId, clientSecret, rateScale: 1 };
}

const missingAppSettings = () => ['SP_API_APP_ID', 'SP_API_CLIENT_ID', 'SP_API_CLIENT_SECRET'].filter((name) => !process.env[name]);

/**
 * Why "Connect with Amazon" cannot reach this endpoint (the app is not configured on the server),
 * or null. Amazon's consent page needs the app's application id, and the code exchange its LWA
 * client.
 */
export function authorisationUnavailable(endpoint: SpEndpointName): string | null {
  if (endpoint === 'sandbox') return null;
  const missing = missingAppSettings();
  return missing.length ? `Connect with Amazon to Amazon's ${endpoint} endpoint needs your registered SP-API app: set ${missing.join(', ')} on the server.` : null;
}

/** What the Connect with Amazon forms say under Endpoint: which endpoints work on this server. */
export function connectWithAmazonEndpointHint(): string {
  const missing = missingAppSettings();
  if (missing.length === 0) return 'The FBA sandbox signs you in as one of its demo sellers; NA, EU and FE open Seller Central.';
  return `The FBA sandbox signs you in as one of its demo sellers. NA, EU and FE need your registered SP-API app: set ${missing.join(', ')} on the server.`;
}

/**
 * Seller Central's consent page for this app (the sandbox's when the endpoint is the sandbox:
 * SANDBOX_PUBLIC_URL, the address the browser reaches it at, else SANDBOX_URL). version=beta marks
 * an app still in draft status, which the sandbox's demo app is.
 */
export function consentUrlFor(endpoint: SpEndpointName, marketplaceId: string, params: { state: string; redirectUri: string }): string {
  const unavailable = authorisationUnavailable(endpoint);
  if (unavailable) throw new DomainError('INVALID_INPUT', unavailable, { endpoint: [unavailable] });
  const sandbox = endpoint === 'sandbox';
  const url = new URL(`${consentPageBase(endpoint, marketplaceId)}/apps/authorize/consent`);
  url.searchParams.set('application_id', sandbox ? process.env.SANDBOX_APP_ID || SANDBOX_APP.applicationId : process.env.SP_API_APP_ID!);
  url.searchParams.set('state', params.state);
  url.searchParams.set('redirect_uri', params.redirectUri);
  if (sandbox || process.env.SP_API_APP_DRAFT === '1') url.searchParams.set('version', 'beta');
  return url.toString();
}

/** The end of Connect with Amazon: the seller's refresh token for the code Amazon sent back. */
export async function exchangeCodeFor(endpoint: SpEndpointName, code: string, redirectUri: string): Promise<string> {
  const app = appFor(endpoint);
  const tokens = await exchangeAuthorizationCode({ endpoint: app.endpoint, grant: { clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri } });
  return tokens.refreshToken;
}

/** A client for credentials the user just typed (not stored yet). */
export function createClientFor(endpoint: SpEndpointName, refreshToken: string): SpApiClient {
  const app = appFor(endpoint);
  return createSpApiClient({
    credentials: { clientId: app.clientId, clientSecret: app.clientSecret, refreshToken },
    endpoint: app.endpoint,
    rateScale: app.rateScale,
    // Every exchange goes to Settings → Audit Log (operation, status, request id, duration; never a token).
    onExchange: (e) => reportAmazonCall({ endpoint, operation: e.operation, method: e.method, url: e.url, status: e.status, requestId: e.requestId, attempt: e.attempt, durationMs: e.durationMs }),
  });
}

const g = globalThis as unknown as { __spClients?: Map<string, SpApiClient> };

/**
 * One client per stored connection for the life of the process, so its token buckets pace every
 * call the connection makes (a client per call would let bursts through and earn 429s).
 */
export function spClientFor(conn: { id: string; endpoint: SpEndpointName; refreshTokenEnc: string }): SpApiClient {
  g.__spClients ??= new Map();
  const key = `${conn.id}:${crypto.createHash('sha256').update(conn.refreshTokenEnc).digest('hex').slice(0, 16)}`;
  let client = g.__spClients.get(key);
  if (!client) {
    client = createClientFor(conn.endpoint, decryptSecret(conn.refreshTokenEnc));
    g.__spClients.set(key, client);
  }
  return client;
}

/** The long-lived client of a stored Amazon store (Integration → Amazon), as `spClientFor` gives a connection's. */
export async function clientForStore(db: Db | Tx, storeId: string): Promise<SpApiClient> {
  const [store] = await db
    .select({ id: amazonStores.id, endpoint: amazonStores.endpoint, refreshTokenEnc: amazonStores.refreshTokenEnc })
    .from(amazonStores)
    .where(eq(amazonStores.id, storeId));
  if (!store) throw new DomainError('NOT_FOUND', 'That Amazon store no longer exists.');
  return spClientFor(store);
}

/** Amazon's own words for a failed call, for a form or a log (never the token). */
export function amazonReason(e: unknown): string {
  if (isSpApiError(e)) return `Amazon said: ${e.message}${e.code ? ` (${e.code})` : ''}${e.requestId ? ` — request ${e.requestId}` : ''}`;
  return 'Amazon could not be reached.';
}
