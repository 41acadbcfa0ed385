import { z } from 'zod';
import type { SpApiClient } from './sp-api';
import { CUSTOMER_RETURNS_REPORT_TYPE } from './sp-api/models/reports';
import type { InventoryReportError } from './inventory-report-types';
import { downloadReport, unreadableRows, unstorableReportLine, type DownloadReportOptions } from './report-download';

/**
 * One row of Amazon's FBA customer returns report (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA): units
 * of an Amazon-fulfilled order the customer sent back, with Amazon's condition code (disposition:
 * SELLABLE, DAMAGED, CUSTOMER_DAMAGED, DEFECTIVE, CARRIER_DAMAGED…, kept as Amazon wrote it) and
 * the customer's reason. Empty optional cells are null.
 */
export type CustomerReturnRow = {
  returnDate: Date;
  orderId: string;
  sellerSku: string;
  asin: string | null;
  fnsku: string | null;
  productName: string | null;
  quantity: number;
  fulfillmentCenterId: string | null;
  disposition: string;
  reason: string | null;
  status: string | null;
  licensePlateNumber: string | null;
  comment: string | null;
};

const REQUIRED_COLUMNS = ['return-date', 'order-id', 'sku', 'quantity', 'detailed-disposition'] as const;
/** More errors than this are counted, not listed (as for the inventory report). */
const MAX_LISTED_ERRORS = 100;

const optional = z.string().transform((v) => v || null);
const required = (what: string) => z.string().min(1, { error: `has no ${what}` });

/** A row as cells keyed by Amazon's (lower-cased) header names. */
const CustomerReturnCells = z.object({
  'return-date': z.iso.datetime({ offset: true, error: (i) => `return-date "${String(i.input)}" is not an ISO date-time` }).transform((v) => new Date(v)),
  'order-id': required('order-id'),
  sku: required('sku'),
  asin: optional,
  fnsku: optional,
  'product-name': optional,
  quantity: z
    .string()
    .regex(/^\d{1,9}$/, { error: (i) => `quantity "${String(i.input)}" is not a whole number of units` })
    .transform(Number)
    .refine((n) => n > 0, { error: 'quantity is 0' }),
  'fulfillment-center-id': optional,
  'detailed-disposition': required('detailed-disposition'),
  reason: optional,
  status: optional,
  'license-plate-number': optional,
  'customer-comments': optional,
});

/**
 * Reads the returns report (tab-separated, header first; columns found by name, so Amazon adding or
 * reordering columns changes nothing). Every row is parsed; a row that cannot be read is reported
 * with its line number (the header is line 1) and the caller records nothing: a return skipped
 * now would be missed for good, as later reports cover later dates.
 */
export function parseCustomerReturnsReport(tsv: string): { rows: CustomerReturnRow[]; errors: InventoryReportError[] } {
  const lines = tsv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { rows: [], errors: [{ line: 1, message: `The report has no ${missing.map((c) => `"${c}"`).join(' or ')} column.` }] };

  const rows: CustomerReturnRow[] = [];
  const errors: InventoryReportError[] = [];
  let errorCount = 0;
  for (let i = 1; i < lines.length; i += 1) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    const cells = lines[i].split('\t');
    const fail = (message: string) => {
      errorCount += 1;
      if (errors.length < MAX_LISTED_ERRORS) errors.push({ line, message });
    };
    // More cells than headers means a value held a tab: every later column would be misread.
    if (cells.length > header.length) {
      fail(`Has ${cells.length} fields but the header has ${header.length}.`);
      continue;
    }
    const unstorable = unstorableReportLine(lines[i]);
    if (unstorable) {
      fail(`This row ${unstorable}`);
      continue;
    }
    const record = Object.fromEntries(Object.keys(CustomerReturnCells.shape).map((name) => {
      const at = header.indexOf(name);
      return [name, at < 0 ? '' : (cells[at] ?? '').trim()];
    }));
    const parsed = CustomerReturnCells.safeParse(record);
    if (!parsed.success) {
      const who = record['order-id'] ? `Order ${record['order-id']}${record.sku ? ` SKU ${record.sku}` : ''}: ` : '';
      fail(`${who}${parsed.error.issues.map((issue) => issue.message).join(', ')}.`);
      continue;
    }
    const r = parsed.data;
    rows.push({
      returnDate: r['return-date'],
      orderId: r['order-id'],
      sellerSku: r.sku,
      asin: r.asin,
      fnsku: r.fnsku,
      productName: r['product-name'],
      quantity: r.quantity,
      fulfillmentCenterId: r['fulfillment-center-id'],
      disposition: r['detailed-disposition'],
      reason: r.reason,
      status: r.status,
      licensePlateNumber: r['license-plate-number'],
      comment: r['customer-comments'],
    });
  }
  if (errorCount > errors.length) errors.push({ line: 0, message: `…and ${errorCount - errors.length} more unreadable rows.` });
  return { rows, errors };
}

export type FetchCustomerReturnsOptions = DownloadReportOptions & {
  marketplaceId: string;
  /** Returns processed from this moment (the report's dataStartTime)… */
  since: Date;
  /** …up to this one (dataEndTime; default now at Amazon). */
  until?: Date;
};

/** Every return of the range, read whole (no rows when Amazon cancelled the report for having none). */
export type CustomerReturnsReport = { rows: CustomerReturnRow[]; reportId: string };

/**
 * The customer returns of Amazon-fulfilled orders processed between `since` and `until`: request →
 * poll → download (lib/fba/report-download.ts) → parse. A report Amazon cancels has no returns in
 * the range, so it gives no rows; a report with an unreadable row is refused whole, naming the
 * lines. Never call it inside a database transaction.
 */
export async function fetchCustomerReturnsReport(client: SpApiClient, options: FetchCustomerReturnsOptions): Promise<CustomerReturnsReport> {
  const { reportId, text } = await downloadReport(
    client,
    {
      spec: {
        reportType: CUSTOMER_RETURNS_REPORT_TYPE,
        marketplaceIds: [options.marketplaceId],
        dataStartTime: options.since.toISOString(),
        ...(options.until ? { dataEndTime: options.until.toISOString() } : {}),
      },
      name: 'customer returns report',
      consequence: 'no return was recorded',
      cancelledMeansEmpty: true,
    },
    options,
  );
  if (text === null) return { rows: [], reportId };
  await options.onProgress?.({ phase: 'Parsing' });
  const parsed = parseCustomerReturnsReport(text);
  if (parsed.errors.length > 0) throw unreadableRows("Amazon's customer returns report has unreadable rows, so no return was recorded.", parsed.errors);
  return { rows: parsed.rows, reportId };
}
