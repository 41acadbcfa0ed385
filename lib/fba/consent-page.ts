import type { SpEndpointName } from '@/db/schema';
import { AMAZON_MARKETPLACES, findMarketplace, REGION_SELLER_CENTRAL } from './marketplaces';

/** Where the browser reaches the FBA sandbox (it may differ from SANDBOX_URL, the server's address). */
export function sandboxPublicUrl(): string {
  return (process.env.SANDBOX_PUBLIC_URL || process.env.SANDBOX_URL || 'http://127.0.0.1:4010').replace(/\/+$/, '');
}

/** The site whose consent page "Connect with Amazon" opens: the sandbox, or the marketplace's Seller Central. */
export function consentPageBase(endpoint: SpEndpointName, marketplaceId: string): string {
  if (endpoint === 'sandbox') return sandboxPublicUrl();
  return `https://${findMarketplace(marketplaceId)?.sellerCentral ?? REGION_SELLER_CENTRAL[endpoint]}`;
}

/**
 * Every origin a Connect with Amazon form may send the browser to. The CSP's form-action must allow
 * them: browsers apply it to the redirect that follows a form post too (the form posts natively
 * before the page's scripts have loaded).
 */
export function consentPageOrigins(): string[] {
  const hosts = [...AMAZON_MARKETPLACES.map((m) => m.sellerCentral), ...Object.values(REGION_SELLER_CENTRAL)];
  return [...new Set([new URL(sandboxPublicUrl()).origin, ...hosts.map((h) => `https://${h}`)])];
}
