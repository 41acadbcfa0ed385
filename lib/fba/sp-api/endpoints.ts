// Where the client talks to. Amazon's regional hosts and the single LWA token endpoint, or a sandbox
// (which serves both the API and the token endpoint at one base URL).

export type SpApiRegion = 'NA' | 'EU' | 'FE';

export const REGION_BASE_URLS: Record<SpApiRegion, string> = {
  NA: 'https://sellingpartnerapi-na.amazon.com',
  EU: 'https://sellingpartnerapi-eu.amazon.com',
  FE: 'https://sellingpartnerapi-fe.amazon.com',
};

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export type SpApiEndpoint = { region: SpApiRegion } | { sandboxUrl: string };

export function resolveEndpoint(endpoint: SpApiEndpoint): { baseUrl: string; tokenUrl: string } {
  if ('sandboxUrl' in endpoint) {
    const baseUrl = endpoint.sandboxUrl.replace(/\/+$/, '');
    return { baseUrl, tokenUrl: `${baseUrl}/auth/o2/token` };
  }
  return { baseUrl: REGION_BASE_URLS[endpoint.region], tokenUrl: LWA_TOKEN_URL };
}
