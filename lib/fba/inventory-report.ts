import { DomainError } from '@/lib/errors';
import type { InventoryReportError, InventoryReportRow } from './inventory-report-types';
import type { SpApiClient } from './sp-api';
import type { SpEndpointName } from '@/db/schema';
import { spClientFor } from './connection-client';
import { downloadReport, unreadableRows, unstorableReportLine, type DownloadReportOptions } from './report-download';
import { stripUnstorable } from '@/lib/validation/text';

export const INVENTORY_REPORT_TYPE = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';

type QuantityField = 'fulfillable' | 'inboundWorking' | 'inboundShipped' | 'inboundReceiving' | 'reserved' | 'unsellable' | 'total';

/** Amazon's column for each quantity; only fulfillable is required (the others default to 0). */
const QUANTITY_COLUMNS: Record<QuantityField, string> = {
  fulfillable: 'afn-fulfillable-quantity',
  inboundWorking: 'afn-inbound-working-quantity',
  inboundShipped: 'afn-inbound-shipped-quantity',
  inboundReceiving: 'afn-inbound-receiving-quantity',
  reserved: 'afn-reserved-quantity',
  unsellable: 'afn-unsellable-quantity',
  total: 'afn-total-quantity',
};
const REQUIRED_COLUMNS = ['sku', QUANTITY_COLUMNS.fulfillable];
/** More errors than this are counted, not listed: a broken 50,000-row file must not flood memory. */
const MAX_LISTED_ERRORS = 100;

/**
 * Reads GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA (tab-separated, header first). Columns are found by
 * header name, so Amazon adding or reordering columns changes nothing. A row that cannot be read
 * is reported with its line number (the header is line 1) and the caller applies nothing: a
 * partly read report would zero the quantities of the rows it skipped.
 */
export function parseInventoryReport(tsv: string): { rows: InventoryReportRow[]; errors: InventoryReportError[] } {
  const lines = tsv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { rows: [], errors: [{ line: 1, message: `The report has no ${missing.map((c) => `"${c}"`).join(' or ')} column.` }] };
  const at = (name: string) => header.indexOf(name);
  const col = { sku: at('sku'), fnsku: at('fnsku'), asin: at('asin'), name: at('product-name'), condition: at('condition'), afn: at('afn-listing-exists') };
  const qty = Object.fromEntries(Object.entries(QUANTITY_COLUMNS).map(([k, c]) => [k, at(c)])) as Record<QuantityField, number>;

  const rows: InventoryReportRow[] = [];
  const errors: InventoryReportError[] = [];
  let errorCount = 0;
  const fail = (line: number, message: string) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ line, message });
  };
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i += 1) {
    const text = lines[i];
    if (text.trim() === '') continue;
    const line = i + 1;
    const cells = text.split('\t');
    // More cells than headers means a value held a tab: every later column would be misread.
    if (cells.length > header.length) {
      fail(line, `Has ${cells.length} fields but the header has ${header.length}.`);
      continue;
    }
    const cell = (index: number) => (index < 0 ? '' : (cells[index] ?? '').trim());
    const sku = cell(col.sku);
    const unstorable = unstorableReportLine(text);
    if (unstorable) {
      fail(line, sku ? `SKU ${stripUnstorable(sku)}: ${unstorable}` : `This row ${unstorable}`);
      continue;
    }
    if (!sku) {
      fail(line, 'Has no SKU.');
      continue;
    }
    // Merchant-fulfilled-only listings are in this report too; they are not FBA listings.
    if (cell(col.afn).toLowerCase() === 'no') continue;
    const first = seen.get(sku);
    if (first !== undefined) {
      fail(line, `SKU ${sku} is also on line ${first}.`);
      continue;
    }
    seen.set(sku, line);
    const bad: string[] = [];
    const read = (field: QuantityField): number => {
      const raw = cell(qty[field]);
      if (raw === '') return 0;
      if (!/^\d{1,9}$/.test(raw)) bad.push(`${QUANTITY_COLUMNS[field]} "${raw}"`);
      return Number(raw);
    };
    if (cell(qty.fulfillable) === '') bad.push(`${QUANTITY_COLUMNS.fulfillable} is empty`);
    const q = {
      fulfillable: read('fulfillable'),
      inboundWorking: read('inboundWorking'),
      inboundShipped: read('inboundShipped'),
      inboundReceiving: read('inboundReceiving'),
      reserved: read('reserved'),
      unsellable: read('unsellable'),
    };
    const total = qty.total >= 0 && cell(qty.total) !== '' ? read('total') : Object.values(q).reduce((a, b) => a + b, 0);
    if (total > 2_147_483_647) bad.push(`total ${total}`); // the listings' integer columns
    if (bad.length > 0) {
      fail(line, `SKU ${sku}: not a whole number of units: ${bad.join(', ')}.`);
      continue;
    }
    rows.push({ sellerSku: sku, fnsku: cell(col.fnsku) || null, asin: cell(col.asin) || null, productName: cell(col.name) || null, condition: cell(col.condition) || null, ...q, total });
  }
  if (errorCount > errors.length) errors.push({ line: 0, message: `…and ${errorCount - errors.length} more unreadable rows.` });
  return { rows, errors };
}

export type FetchInventoryReportOptions = DownloadReportOptions;

/** A report every row of which was read; its rows are applied whole or not at all. */
export type InventoryReport = { rows: InventoryReportRow[]; reportId: string };

/** The connection columns a report needs: whose token, which endpoint, which marketplace. */
export type ReportConnection = { id: string; endpoint: SpEndpointName; refreshTokenEnc: string; marketplaceId: string };

/** Fetches a connection's inventory report; fetchReportFor in the app, a stand-in in tests. */
export type FetchReport = (connection: ReportConnection, options?: FetchInventoryReportOptions) => Promise<InventoryReport>;

/** Why a report with unreadable rows is refused: the first few rows by line, and how many more. */
export function unreadableReport(errors: InventoryReportError[]): DomainError {
  return unreadableRows("Amazon's inventory report has unreadable rows, so nothing was changed.", errors);
}

/**
 * The one way the app gets Amazon's FBA inventory report: request it, wait for Amazon to build it,
 * download and parse it (lib/fba/report-download.ts does the first three). Every failure is a
 * DomainError with one wording whoever asked (the Catalog's sync, a stocktake's Sync, Auto-Sync):
 * Amazon's words when Amazon failed, the lines when rows could not be read (a partly read report
 * would zero the quantities of the rows it skipped, so it is refused whole). Never call it inside
 * a database transaction.
 */
export async function fetchInventoryReport(client: SpApiClient, options: FetchInventoryReportOptions & { marketplaceId: string }): Promise<InventoryReport> {
  const { reportId, text } = await downloadReport(
    client,
    { spec: { reportType: INVENTORY_REPORT_TYPE, marketplaceIds: [options.marketplaceId] }, name: 'inventory report', consequence: 'nothing was changed' },
    options,
  );
  await options.onProgress?.({ phase: 'Parsing' });
  const parsed = parseInventoryReport(text ?? '');
  if (parsed.errors.length > 0) throw unreadableReport(parsed.errors);
  return { rows: parsed.rows, reportId };
}

/** The report of a stored connection, through its process-wide client (which paces its calls). */
export const fetchReportFor: FetchReport = (connection, options) => fetchInventoryReport(spClientFor(connection), { ...options, marketplaceId: connection.marketplaceId });
