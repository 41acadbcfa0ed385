import type { SpEndpointName } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { amazonReason, createClientFor } from './connection-client';
import { describeMarketplace } from './marketplaces';
import { isSpApiError } from './sp-api';

export type VerifiedSeller = { storeName: string; participating: string[] };

/**
 * Asks Amazon (Sellers getMarketplaceParticipations) whether the typed credentials work and cover
 * every chosen marketplace. Runs before any transaction opens: a slow Amazon must never hold row
 * locks. Amazon's refusal reaches the form in Amazon's words, as a field error on the token.
 */
export async function verifySellerCredentials(input: { endpoint: SpEndpointName; refreshToken: string; marketplaceIds: string[] }): Promise<VerifiedSeller> {
  let payload;
  try {
    payload = await createClientFor(input.endpoint, input.refreshToken).getMarketplaceParticipations();
  } catch (e) {
    if (!isSpApiError(e)) throw e;
    const reason = amazonReason(e);
    throw new DomainError('AMAZON_ERROR', `Amazon refused these credentials. ${reason}`, { refreshToken: [reason] });
  }
  const participating = payload.filter((p) => p.participation.isParticipating);
  const ids = participating.map((p) => p.marketplace.id);
  const missing = input.marketplaceIds.filter((id) => !ids.includes(id));
  if (missing.length > 0) {
    const has = ids.length ? ids.map(describeMarketplace).join(', ') : 'none';
    const message = `Amazon says this seller does not participate in ${missing.map(describeMarketplace).join(', ')}. It participates in: ${has}.`;
    throw new DomainError('INVALID_INPUT', message, { marketplaceIds: [message], marketplaceId: [message] });
  }
  // The store name of the first chosen marketplace names the FBA account (Amazon gives one per marketplace).
  const first = participating.find((p) => p.marketplace.id === input.marketplaceIds[0]) ?? participating[0];
  const storeName = first?.storeName.trim();
  if (!storeName) throw new DomainError('AMAZON_ERROR', 'Amazon returned no store name for these credentials, so the FBA account cannot be named.');
  return { storeName, participating: ids };
}
