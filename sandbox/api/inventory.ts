import { totalQuantity } from '../catalog';
import { toIso } from '../clock';
import { ok, type ApiHandler } from '../context';
import { invalidInput } from '../http';
import type { InventoryItem } from '../state';
import { assertSellerMarketplace, decodePageToken, encodePageToken, parseDateParam, readList, requireParam } from './query';

const PAGE_SIZE = 50;

export const getInventorySummaries: ApiHandler = ({ seller, query }) => {
  if (requireParam(query, 'granularityType') !== 'Marketplace') throw invalidInput("granularityType must be 'Marketplace'.");
  const marketplaceId = requireParam(query, 'granularityId');
  const marketplaceIds = readList(query, 'marketplaceIds');
  if (marketplaceIds.length !== 1) throw invalidInput('marketplaceIds must hold exactly one marketplace id.');
  assertSellerMarketplace(seller, marketplaceIds[0]);
  assertSellerMarketplace(seller, marketplaceId);
  const skus = readList(query, 'sellerSkus');
  if (skus.length > 50) throw invalidInput('sellerSkus accepts at most 50 SKUs.');
  const single = query.get('sellerSku');
  const since = parseDateParam(query, 'startDateTime');
  const details = query.get('details') === 'true';

  const matching = Object.values(seller.inventory)
    .filter((item) => (skus.length === 0 || skus.includes(item.sellerSku)) && (!single || item.sellerSku === single))
    .filter((item) => since === null || item.lastUpdatedMs >= since)
    .sort((a, b) => a.sellerSku.localeCompare(b.sellerSku));
  const scope = [marketplaceId, skus.join(','), single ?? '', since ?? '', details].join('|');
  const offset = decodePageToken(query.get('nextToken'), scope);
  const page = matching.slice(offset, offset + PAGE_SIZE);
  const more = offset + PAGE_SIZE < matching.length;

  return ok({
    payload: {
      granularity: { granularityType: 'Marketplace', granularityId: marketplaceId },
      inventorySummaries: page.map((item) => toSummary(item, details)),
    },
    ...(more ? { pagination: { nextToken: encodePageToken(offset + PAGE_SIZE, scope) } } : {}),
  });
};

function toSummary(item: InventoryItem, details: boolean) {
  return {
    asin: item.asin,
    fnSku: item.fnSku,
    sellerSku: item.sellerSku,
    condition: 'NewItem',
    ...(details ? { inventoryDetails: toDetails(item) } : {}),
    lastUpdatedTime: toIso(item.lastUpdatedMs),
    productName: item.productName,
    totalQuantity: totalQuantity(item),
  };
}

function toDetails(item: InventoryItem) {
  return {
    fulfillableQuantity: item.fulfillable,
    inboundWorkingQuantity: item.inboundWorking,
    inboundShippedQuantity: item.inboundShipped,
    inboundReceivingQuantity: item.inboundReceiving,
    reservedQuantity: {
      totalReservedQuantity: item.pendingCustomerOrder + item.fcProcessing,
      pendingCustomerOrderQuantity: item.pendingCustomerOrder,
      pendingTransshipmentQuantity: 0,
      fcProcessingQuantity: item.fcProcessing,
    },
    researchingQuantity: {
      totalResearchingQuantity: item.researching,
      researchingQuantityBreakdown: [
        { name: 'researchingQuantityInShortTerm', quantity: item.researching },
        { name: 'researchingQuantityInMidTerm', quantity: 0 },
        { name: 'researchingQuantityInLongTerm', quantity: 0 },
      ],
    },
    unfulfillableQuantity: {
      totalUnfulfillableQuantity: item.unfulfillable,
      customerDamagedQuantity: 0,
      warehouseDamagedQuantity: item.unfulfillable,
      distributorDamagedQuantity: 0,
      carrierDamagedQuantity: 0,
      defectiveQuantity: 0,
      expiredQuantity: 0,
    },
  };
}
