import { z } from 'zod';

export const Marketplace = z.object({
  id: z.string(),
  name: z.string(),
  countryCode: z.string(),
  defaultCurrencyCode: z.string(),
  defaultLanguageCode: z.string(),
  domainName: z.string(),
});
export type Marketplace = z.infer<typeof Marketplace>;

export const MarketplaceParticipation = z.object({
  marketplace: Marketplace,
  participation: z.object({ isParticipating: z.boolean(), hasSuspendedListings: z.boolean() }),
  storeName: z.string(),
});
export type MarketplaceParticipation = z.infer<typeof MarketplaceParticipation>;

export const GetMarketplaceParticipationsResponse = z.object({ payload: z.array(MarketplaceParticipation) });
