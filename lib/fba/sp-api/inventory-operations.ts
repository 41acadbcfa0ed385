import { GetMarketplaceParticipationsResponse, type MarketplaceParticipation } from './models/sellers';
import { GetInventorySummariesResponse, type InventorySummary } from './models/inventory';
import type { SpApiTransport } from './transport';

export interface InventorySummariesQuery {
  marketplaceId: string;
  details?: boolean;
  sellerSkus?: readonly string[];
  startDateTime?: string;
  nextToken?: string;
}

export function createInventoryOperations(transport: SpApiTransport) {
  async function getInventorySummaries(query: InventorySummariesQuery) {
    const res = await transport.call(
      'getInventorySummaries',
      {
        query: {
          details: query.details,
          granularityType: 'Marketplace',
          granularityId: query.marketplaceId,
          marketplaceIds: [query.marketplaceId],
          sellerSkus: query.sellerSkus,
          startDateTime: query.startDateTime,
          nextToken: query.nextToken,
        },
      },
      GetInventorySummariesResponse,
    );
    return { summaries: res.payload.inventorySummaries, nextToken: res.pagination?.nextToken ?? null };
  }

  return {
    /** Verifies credentials and names the FBA account (store name per marketplace). */
    async getMarketplaceParticipations(): Promise<MarketplaceParticipation[]> {
      const res = await transport.call('getMarketplaceParticipations', {}, GetMarketplaceParticipationsResponse);
      return res.payload;
    },

    getInventorySummaries,

    /** Follows nextToken to the end; each page is paced by the operation's bucket. */
    async listAllInventorySummaries(query: Omit<InventorySummariesQuery, 'nextToken'>): Promise<InventorySummary[]> {
      const all: InventorySummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await getInventorySummaries({ ...query, nextToken });
        all.push(...page.summaries);
        nextToken = page.nextToken ?? undefined;
      } while (nextToken);
      return all;
    },
  };
}
