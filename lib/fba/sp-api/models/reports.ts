import { z } from 'zod';
import { Timestamp } from './common';

/** The inventory reports the product reads (FBA quantities into the Catalog). */
export const INVENTORY_REPORT_TYPES = ['GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'GET_AFN_INVENTORY_DATA'] as const;
export type InventoryReportType = (typeof INVENTORY_REPORT_TYPES)[number];

export const PROCESSING_STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'] as const;
export const ProcessingStatus = z.enum(PROCESSING_STATUSES);
export type ProcessingStatus = z.infer<typeof ProcessingStatus>;

export const CreateReportSpecification = z.object({
  reportType: z.string(),
  marketplaceIds: z.array(z.string()).min(1).max(25),
  reportOptions: z.record(z.string(), z.string()).optional(),
  dataStartTime: Timestamp.optional(),
  dataEndTime: Timestamp.optional(),
});
export type CreateReportSpecification = z.infer<typeof CreateReportSpecification>;

export const CreateReportResponse = z.object({ reportId: z.string() });

export const Report = z.object({
  reportId: z.string(),
  reportType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: Timestamp.optional(),
  dataEndTime: Timestamp.optional(),
  reportScheduleId: z.string().optional(),
  createdTime: Timestamp,
  processingStatus: ProcessingStatus,
  processingStartTime: Timestamp.optional(),
  processingEndTime: Timestamp.optional(),
  reportDocumentId: z.string().optional(),
});
export type Report = z.infer<typeof Report>;

export const ReportDocument = z.object({
  reportDocumentId: z.string(),
  url: z.string(),
  compressionAlgorithm: z.enum(['GZIP']).optional(),
});
export type ReportDocument = z.infer<typeof ReportDocument>;

/** Amazon's column headers of the two inventory reports, in Amazon's order. */
export const REPORT_COLUMNS: Record<InventoryReportType, readonly string[]> = {
  GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: [
    'sku', 'fnsku', 'asin', 'product-name', 'condition', 'your-price', 'mfn-listing-exists',
    'mfn-fulfillable-quantity', 'afn-listing-exists', 'afn-warehouse-quantity', 'afn-fulfillable-quantity',
    'afn-unsellable-quantity', 'afn-reserved-quantity', 'afn-total-quantity', 'per-unit-volume',
    'afn-inbound-working-quantity', 'afn-inbound-shipped-quantity', 'afn-inbound-receiving-quantity',
    'afn-researching-quantity', 'afn-reserved-future-supply', 'afn-future-supply-buyable',
  ],
  GET_AFN_INVENTORY_DATA: [
    'seller-sku', 'fulfillment-channel-sku', 'asin', 'condition-type', 'Warehouse-Condition-code', 'Quantity Available',
  ],
};
