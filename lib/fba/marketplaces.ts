import type { SpEndpointName } from '@/db/schema';

/**
 * Amazon's marketplaces and their IDs (Selling Partner API "Marketplace IDs"), grouped by the
 * region endpoint that serves them. The forms offer these and also accept an ID typed by hand,
 * because Amazon adds marketplaces faster than this list is updated.
 */
export type AmazonMarketplace = {
  id: string;
  name: string;
  country: string;
  region: Exclude<SpEndpointName, 'sandbox'>;
  /** Where the marketplace's sellers sign in, and so where they authorise an app (Connect with Amazon). */
  sellerCentral: string;
};

export const AMAZON_MARKETPLACES: readonly AmazonMarketplace[] = [
  { id: 'ATVPDKIKX0DER', name: 'Amazon.com', country: 'US', region: 'NA', sellerCentral: 'sellercentral.amazon.com' },
  { id: 'A2EUQ1WTGCTBG2', name: 'Amazon.ca', country: 'CA', region: 'NA', sellerCentral: 'sellercentral.amazon.ca' },
  { id: 'A1AM78C64UM0Y8', name: 'Amazon.com.mx', country: 'MX', region: 'NA', sellerCentral: 'sellercentral.amazon.com.mx' },
  { id: 'A2Q3Y263D00KWC', name: 'Amazon.com.br', country: 'BR', region: 'NA', sellerCentral: 'sellercentral.amazon.com.br' },
  { id: 'A1F83G8C2ARO7P', name: 'Amazon.co.uk', country: 'GB', region: 'EU', sellerCentral: 'sellercentral.amazon.co.uk' },
  { id: 'A1PA6795UKMFR9', name: 'Amazon.de', country: 'DE', region: 'EU', sellerCentral: 'sellercentral.amazon.de' },
  { id: 'A13V1IB3VIYZZH', name: 'Amazon.fr', country: 'FR', region: 'EU', sellerCentral: 'sellercentral.amazon.fr' },
  { id: 'APJ6JRA9NG5V4', name: 'Amazon.it', country: 'IT', region: 'EU', sellerCentral: 'sellercentral.amazon.it' },
  { id: 'A1RKKUPIHCS9HS', name: 'Amazon.es', country: 'ES', region: 'EU', sellerCentral: 'sellercentral.amazon.es' },
  { id: 'A1805IZSGTT6HS', name: 'Amazon.nl', country: 'NL', region: 'EU', sellerCentral: 'sellercentral.amazon.nl' },
  { id: 'A2NODRKZP88ZB9', name: 'Amazon.se', country: 'SE', region: 'EU', sellerCentral: 'sellercentral.amazon.se' },
  { id: 'A1C3SOZRARQ6R3', name: 'Amazon.pl', country: 'PL', region: 'EU', sellerCentral: 'sellercentral.amazon.pl' },
  { id: 'AMEN7PMS3EDWL', name: 'Amazon.com.be', country: 'BE', region: 'EU', sellerCentral: 'sellercentral.amazon.com.be' },
  { id: 'A33AVAJ2PDY3EV', name: 'Amazon.com.tr', country: 'TR', region: 'EU', sellerCentral: 'sellercentral.amazon.com.tr' },
  { id: 'A2VIGQ35RCS4UG', name: 'Amazon.ae', country: 'AE', region: 'EU', sellerCentral: 'sellercentral.amazon.ae' },
  { id: 'A17E79C6D8DWNP', name: 'Amazon.sa', country: 'SA', region: 'EU', sellerCentral: 'sellercentral.amazon.sa' },
  { id: 'ARBP9OOSHTCHU', name: 'Amazon.eg', country: 'EG', region: 'EU', sellerCentral: 'sellercentral.amazon.eg' },
  { id: 'A21TJRUUN4KGV', name: 'Amazon.in', country: 'IN', region: 'EU', sellerCentral: 'sellercentral.amazon.in' },
  { id: 'A1VC38T7YXB528', name: 'Amazon.co.jp', country: 'JP', region: 'FE', sellerCentral: 'sellercentral.amazon.co.jp' },
  { id: 'A39IBJ37TRP1C6', name: 'Amazon.com.au', country: 'AU', region: 'FE', sellerCentral: 'sellercentral.amazon.com.au' },
  { id: 'A19VAU5U5O7RUS', name: 'Amazon.sg', country: 'SG', region: 'FE', sellerCentral: 'sellercentral.amazon.sg' },
];

const byId = new Map(AMAZON_MARKETPLACES.map((m) => [m.id, m]));

/** "Amazon.com (ATVPDKIKX0DER)" for a known ID, the bare ID for one typed by hand. */
export function describeMarketplace(id: string): string {
  const m = byId.get(id);
  return m ? `${m.name} (${m.id})` : id;
}

/** Marketplace IDs are upper-case letters and digits; Amazon's are 10–14 characters long. */
export const MARKETPLACE_ID_PATTERN = /^[A-Z0-9]{8,20}$/;

export function findMarketplace(id: string): AmazonMarketplace | undefined {
  return byId.get(id);
}

/** Seller Central of a marketplace typed by hand (not in the list): the region's main one. */
export const REGION_SELLER_CENTRAL: Record<AmazonMarketplace['region'], string> = {
  NA: 'sellercentral.amazon.com',
  EU: 'sellercentral-europe.amazon.com',
  FE: 'sellercentral.amazon.co.jp',
};
