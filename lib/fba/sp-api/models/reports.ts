import { z } from 'zod';
import { Timestamp } from './common';

/** The inventory reports the product reads (FBA quantities into the Catalog). */
export const INVENTORY_REPORT_TYPES = ['GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'GET_AFN_INVENTORY_DATA'] as const;
export type InventoryReportType = (typeof INVENTORY_REPORT_TYPES)[number];

/** Amazon's FBA customer returns report: returns of Amazon-fulfilled (AFN) orders, by return date. */
export const CUSTOMER_RETURNS_REPORT_TYPE = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';

/** Amazon's column headers of the FBA customer returns report, in Amazon's order. */
export const CUSTOMER_RETURNS_COLUMNS = [
  'return-date', 'order-id', 'sku', 'asin', 'fnsku', 'product-name', 'quantity', 'fulfillment-center-id',
  'detailed-disposition', 'reason', 'status', 'license-plate-number', 'customer-comments',
] as const;

/**
 * Amazon's condition codes of a returned unit (detailed-disposition). SELLABLE goes back to
 * fulfillable stock; DAMAGED and CARRIER_DAMAGED become Amazon's (the seller is reimbursed); the
 * others stay the seller's as unsellable stock. Amazon may add codes: readers keep unknown ones.
 */
export const RETURN_DISPOSITIONS = ['SELLABLE', 'DAMAGED', 'CUSTOMER_DAMAGED', 'DEFECTIVE', 'CARRIER_DAMAGED', 'DISTRIBUTOR_DAMAGED', 'EXPIRED'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

/** A few of the customer's return reasons as Amazon writes them in the report. */
export const RETURN_REASONS = [
  'UNWANTED_ITEM', 'DEFECTIVE', 'NOT_AS_DESCRIBED', 'SWITCHEROO', 'DAMAGED_BY_FC', 'DAMAGED_BY_CARRIER',
  'ORDERED_WRONG_ITEM', 'FOUND_BETTER_PRICE', 'NO_REASON_GIVEN', 'QUALITY_UNACCEPTABLE', 'MISSING_PARTS',
] as const;

/** Every report type the sandbox serves. */
export const SANDBOX_REPORT_TYPES = [...INVENTORY_REPORT_TYPES, CUSTOMER_RETURNS_REPORT_TYPE] as const;

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
