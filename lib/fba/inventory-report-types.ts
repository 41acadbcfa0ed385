/**
 * One row of Amazon's FBA inventory report, as the product uses it (Catalog quantities by
 * disposition, stocktake Sync). lib/fba/inventory-report.ts fetches and parses the report into these.
 */
export type InventoryReportRow = {
  sellerSku: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  condition: string | null;
  fulfillable: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  reserved: number;
  unsellable: number;
  total: number;
};

/** A row the parser could not read: reported to the user, and the whole report is not applied. */
export type InventoryReportError = { line: number; message: string };

/** Where a report download is (every report the app reads goes through the same phases). */
export type ReportProgress = { phase: 'Requesting report' | 'Waiting for Amazon' | 'Downloading' | 'Parsing'; detail?: string };
export type InventoryReportProgress = ReportProgress;
