import { z } from 'zod';
import { Timestamp } from './common';

const int = z.number().int();

export const InventoryDetails = z.object({
  fulfillableQuantity: int.optional(),
  inboundWorkingQuantity: int.optional(),
  inboundShippedQuantity: int.optional(),
  inboundReceivingQuantity: int.optional(),
  reservedQuantity: z
    .object({
      totalReservedQuantity: int.optional(),
      pendingCustomerOrderQuantity: int.optional(),
      pendingTransshipmentQuantity: int.optional(),
      fcProcessingQuantity: int.optional(),
    })
    .optional(),
  researchingQuantity: z
    .object({
      totalResearchingQuantity: int.optional(),
      researchingQuantityBreakdown: z
        .array(z.object({ name: z.enum(['researchingQuantityInShortTerm', 'researchingQuantityInMidTerm', 'researchingQuantityInLongTerm']), quantity: int }))
        .optional(),
    })
    .optional(),
  unfulfillableQuantity: z
    .object({
      totalUnfulfillableQuantity: int.optional(),
      customerDamagedQuantity: int.optional(),
      warehouseDamagedQuantity: int.optional(),
      distributorDamagedQuantity: int.optional(),
      carrierDamagedQuantity: int.optional(),
      defectiveQuantity: int.optional(),
      expiredQuantity: int.optional(),
    })
    .optional(),
});
export type InventoryDetails = z.infer<typeof InventoryDetails>;

export const InventorySummary = z.object({
  asin: z.string().optional(),
  fnSku: z.string().optional(),
  sellerSku: z.string().optional(),
  condition: z.string().optional(),
  inventoryDetails: InventoryDetails.optional(),
  lastUpdatedTime: Timestamp.optional(),
  productName: z.string().optional(),
  totalQuantity: int.optional(),
  stores: z.array(z.string()).optional(),
});
export type InventorySummary = z.infer<typeof InventorySummary>;

export const GetInventorySummariesResponse = z.object({
  payload: z.object({
    granularity: z.object({ granularityType: z.string().optional(), granularityId: z.string().optional() }),
    inventorySummaries: z.array(InventorySummary),
  }),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
});
export type GetInventorySummariesResponse = z.infer<typeof GetInventorySummariesResponse>;
