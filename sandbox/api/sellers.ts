import { ok, type ApiHandler } from '../context';
import { MARKETPLACES } from '../marketplaces';

export const getMarketplaceParticipations: ApiHandler = ({ seller }) =>
  ok({
    payload: seller.marketplaceIds.map((id) => {
      const m = MARKETPLACES[id] ?? { name: id, countryCode: 'US', currency: 'USD', language: 'en_US', domain: 'www.amazon.com' };
      return {
        marketplace: { id, name: m.name, countryCode: m.countryCode, defaultCurrencyCode: m.currency, defaultLanguageCode: m.language, domainName: m.domain },
        participation: { isParticipating: true, hasSuspendedListings: false },
        storeName: seller.storeName,
      };
    }),
  });
