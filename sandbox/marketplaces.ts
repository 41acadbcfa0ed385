// The marketplaces a sandbox seller can participate in (subset of Amazon's published ids).
export const MARKETPLACES: Record<string, { name: string; countryCode: string; currency: string; language: string; domain: string }> = {
  ATVPDKIKX0DER: { name: 'Amazon.com', countryCode: 'US', currency: 'USD', language: 'en_US', domain: 'www.amazon.com' },
  A2EUQ1WTGCTBG2: { name: 'Amazon.ca', countryCode: 'CA', currency: 'CAD', language: 'en_CA', domain: 'www.amazon.ca' },
  A1AM78C64UM0Y8: { name: 'Amazon.com.mx', countryCode: 'MX', currency: 'MXN', language: 'es_MX', domain: 'www.amazon.com.mx' },
  A1F83G8C2ARO7P: { name: 'Amazon.co.uk', countryCode: 'GB', currency: 'GBP', language: 'en_GB', domain: 'www.amazon.co.uk' },
  A1PA6795UKMFR9: { name: 'Amazon.de', countryCode: 'DE', currency: 'EUR', language: 'de_DE', domain: 'www.amazon.de' },
};

export function currencyOf(marketplaceId: string): string {
  return MARKETPLACES[marketplaceId]?.currency ?? 'USD';
}
