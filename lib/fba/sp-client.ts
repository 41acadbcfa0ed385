import crypto from 'node:crypto';
import type { SpEndpointName } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { DomainError } from '@/lib/errors';
import { createSpApiClient, isSpApiError, type SpApiClient, type SpApiEndpoint } from './sp-api';

/** The sandbox's demo app; any other endpoint needs the merchant's own registered SP-API app. */
const SANDBOX_APP = { clientId: 'amzn1.application-oa2-client.sandbox-demo', clientSecret: 'sandbox-demo-secret' };

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

/** A client for credentials the user just typed (not stored yet). */
export function createClientFor(endpoint: SpEndpointName, refreshToken: string): SpApiClient {
  const app = appFor(endpoint);
  return createSpApiClient({ credentials: { clientId: app.clientId, clientSecret: app.clientSecret, refreshToken }, endpoint: app.endpoint, rateScale: app.rateScale });
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

/** Amazon's own words for a failed call, for a form or a log (never the token). */
export function amazonReason(e: unknown): string {
  if (isSpApiError(e)) return `Amazon said: ${e.message}${e.code ? ` (${e.code})` : ''}${e.requestId ? ` — request ${e.requestId}` : ''}`;
  return 'Amazon could not be reached.';
}
