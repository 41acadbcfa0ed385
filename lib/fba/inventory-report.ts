import { DomainError } from '@/lib/errors';
import type { InventoryReportError, InventoryReportRow } from './inventory-report-types';
import type { SpApiClient } from './sp-api';
import type { SpEndpointName } from '@/db/schema';
import { spClientFor } from './connection-client';
import { downloadReport, openReport, unreadableRows, unstorableReportLine, type DownloadReportOptions } from './report-download';
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

// The parser reads tens of thousands of rows per Sync, so its per-cell steps avoid work that
// almost never finds anything: a trim only when an end of the cell could be whitespace, one
// character-class test before the exact (slower) unstorable-text check, digits read by hand.

/** Every character String.prototype.trim removes is at most U+0020 or past U+007E. */
const mayBeSpace = (code: number) => code <= 0x20 || code >= 0x7f;
/** `value.trim()`, without a new string when no end can be whitespace. */
function trimmed(value: string): string {
  return value.length > 0 && !mayBeSpace(value.charCodeAt(0)) && !mayBeSpace(value.charCodeAt(value.length - 1)) ? value : value.trim();
}
const isBlank = (text: string) => text.length === 0 || (mayBeSpace(text.charCodeAt(0)) && text.trim() === '');
/** A NUL or any surrogate: only then can a line hold what unstorableReportLine refuses. */
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;
/** 1 to 9 ASCII digits as a number (what /^\d{1,9}$/ accepts), else -1. */
function wholeUnits(raw: string): number {
  if (raw.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

type RowReader = {
  /** The row on this line, or null when the line is blank, skipped (merchant-fulfilled only) or unreadable. */
  read: (text: string, line: number) => InventoryReportRow | null;
  /** What could not be read so far: at most MAX_LISTED_ERRORS lines, then how many more. */
  errors: () => InventoryReportError[];
};

/**
 * The reader of GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA's rows under this header line (tab-separated,
 * header first). Columns are found by header name, so Amazon adding or reordering columns changes
 * nothing. A row that cannot be read is recorded with its line number (the header is line 1).
 */
function rowReader(headerLine: string): RowReader {
  const header = headerLine.replace(/^\uFEFF/, '').split('\t').map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const errors = [{ line: 1, message: `The report has no ${missing.map((c) => `"${c}"`).join(' or ')} column.` }];
    return { read: () => null, errors: () => errors };
  }
  const at = (name: string) => header.indexOf(name);
  const col = { sku: at('sku'), fnsku: at('fnsku'), asin: at('asin'), name: at('product-name'), condition: at('condition'), afn: at('afn-listing-exists') };
  const qty = Object.fromEntries(Object.entries(QUANTITY_COLUMNS).map(([k, c]) => [k, at(c)])) as Record<QuantityField, number>;

  const listed: InventoryReportError[] = [];
  let errorCount = 0;
  const fail = (line: number, message: string) => {
    errorCount += 1;
    if (listed.length < MAX_LISTED_ERRORS) listed.push({ line, message });
    return null;
  };
  const seen = new Map<string, number>();
  const read = (text: string, line: number): InventoryReportRow | null => {
    if (isBlank(text)) return null;
    const cells = text.split('\t');
    // More cells than headers means a value held a tab: every later column would be misread.
    if (cells.length > header.length) return fail(line, `Has ${cells.length} fields but the header has ${header.length}.`);
    const cell = (index: number) => (index < 0 ? '' : trimmed(cells[index] ?? ''));
    const sku = cell(col.sku);
    // PostgreSQL cannot store a NUL or half a surrogate pair: no such SKU or name can be matched or kept.
    const unstorable = MAYBE_UNSTORABLE.test(text) ? unstorableReportLine(text) : null;
    if (unstorable) return fail(line, sku ? `SKU ${stripUnstorable(sku)}: ${unstorable}` : `This row ${unstorable}`);
    if (!sku) return fail(line, 'Has no SKU.');
    // Merchant-fulfilled-only listings are in this report too; they are not FBA listings.
    const afn = cell(col.afn);
    if (afn.length === 2 && afn.toLowerCase() === 'no') return null;
    const first = seen.get(sku);
    if (first !== undefined) return fail(line, `SKU ${sku} is also on line ${first}.`);
    seen.set(sku, line);
    const bad: string[] = [];
    const units = (field: QuantityField): number => {
      const raw = cell(qty[field]);
      if (raw === '') return 0;
      const n = wholeUnits(raw);
      if (n < 0) {
        bad.push(`${QUANTITY_COLUMNS[field]} "${raw}"`);
        return Number(raw);
      }
      return n;
    };
    if (cell(qty.fulfillable) === '') bad.push(`${QUANTITY_COLUMNS.fulfillable} is empty`);
    const fulfillable = units('fulfillable');
    const inboundWorking = units('inboundWorking');
    const inboundShipped = units('inboundShipped');
    const inboundReceiving = units('inboundReceiving');
    const reserved = units('reserved');
    const unsellable = units('unsellable');
    const total = qty.total >= 0 && cell(qty.total) !== '' ? units('total') : fulfillable + inboundWorking + inboundShipped + inboundReceiving + reserved + unsellable;
    if (total > 2_147_483_647) bad.push(`total ${total}`); // the listings' integer columns
    if (bad.length > 0) return fail(line, `SKU ${sku}: not a whole number of units: ${bad.join(', ')}.`);
    return {
      sellerSku: sku,
      fnsku: cell(col.fnsku) || null,
      asin: cell(col.asin) || null,
      productName: cell(col.name) || null,
      condition: cell(col.condition) || null,
      fulfillable,
      inboundWorking,
      inboundShipped,
      inboundReceiving,
      reserved,
      unsellable,
      total,
    };
  };
  const errors = () => (errorCount > listed.length ? [...listed, { line: 0, message: `…and ${errorCount - listed.length} more unreadable rows.` }] : listed);
  return { read, errors };
}

/**
 * Reads GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA held whole. A row that cannot be read is reported
 * with its line number and the caller applies nothing: a partly read report would zero the
 * quantities of the rows it skipped.
 */
export function parseInventoryReport(tsv: string): { rows: InventoryReportRow[]; errors: InventoryReportError[] } {
  const lines = tsv.split(/\r?\n/);
  const reader = rowReader(lines[0] ?? '');
  const rows: InventoryReportRow[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const row = reader.read(lines[i], i + 1);
    if (row) rows.push(row);
  }
  return { rows, errors: reader.errors() };
}

/**
 * Reads the report as its lines are inflated (batches of lines, as `reportLines` gives them),
 * yielding the rows of each batch. The same rows and refusals as `parseInventoryReport`: once a row is
 * unreadable nothing more is yielded, the rest is still read for the message, and the end throws
 * `unreadableReport`, so a caller writing the rows as they come must do so in a transaction.
 */
export async function* readInventoryReport(batches: AsyncIterable<string[]>): AsyncGenerator<InventoryReportRow[]> {
  let reader: RowReader | undefined;
  let line = 0;
  let broken = false;
  for await (const batch of batches) {
    const rows: InventoryReportRow[] = [];
    for (const text of batch) {
      line += 1;
      if (!reader) {
        reader = rowReader(text);
        broken = reader.errors().length > 0;
        continue;
      }
      const row = reader.read(text, line);
      if (row && !broken) rows.push(row);
      else if (!row && !broken) broken = reader.errors().length > 0;
    }
    if (rows.length > 0) yield rows;
  }
  const errors = (reader ?? rowReader('')).errors();
  if (errors.length > 0) throw unreadableReport(errors);
}

export type FetchInventoryReportOptions = DownloadReportOptions;

/** A report every row of which was read; its rows are applied whole or not at all. */
export type InventoryReport = { rows: InventoryReportRow[]; reportId: string };

/** The connection columns a report needs: whose token, which endpoint, which marketplace. */
export type ReportConnection = { id: string; endpoint: SpEndpointName; refreshTokenEnc: string; marketplaceId: string };

/** Fetches a connection's inventory report; fetchReportFor in the app, a stand-in in tests. */
export type FetchReport = (connection: ReportConnection, options?: FetchInventoryReportOptions) => Promise<InventoryReport>;

/**
 * A downloaded report read as it is parsed: its rows in batches, or all at once (a stand-in's
 * array, or a FetchReport's). Iterating never waits on Amazon (a Sync iterates inside its
 * transaction), and throws `unreadableReport` at the end when a row could not be read.
 */
export type StreamedInventoryReport = { reportId: string; rows: InventoryReportRow[] | AsyncIterable<InventoryReportRow[]> };

/** Downloads a connection's inventory report (compressed) to parse as it is read; openReportFor in the app, a stand-in (or a FetchReport) in tests. */
export type OpenReport = (connection: ReportConnection, options?: FetchInventoryReportOptions) => Promise<StreamedInventoryReport>;

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

/**
 * `fetchInventoryReport` without holding the report's text or rows whole: Amazon is asked and
 * waited for, and the document downloaded (compressed), here — never call it inside a
 * transaction; the rows are inflated and parsed as they are iterated, which may be inside the
 * transaction that writes them (the iteration throws, so it rolls back, when a row is unreadable).
 */
export async function openInventoryReport(client: SpApiClient, options: FetchInventoryReportOptions & { marketplaceId: string }): Promise<StreamedInventoryReport> {
  const { reportId, lines } = await openReport(
    client,
    { spec: { reportType: INVENTORY_REPORT_TYPE, marketplaceIds: [options.marketplaceId] }, name: 'inventory report', consequence: 'nothing was changed' },
    options,
  );
  return { reportId, rows: readInventoryReport(lines) };
}

/** The report of a stored connection, through its process-wide client (which paces its calls). */
export const fetchReportFor: FetchReport = (connection, options) => fetchInventoryReport(spClientFor(connection), { ...options, marketplaceId: connection.marketplaceId });

/** The report of a stored connection, downloaded compressed and parsed as it is read, through its process-wide client. */
export const openReportFor: OpenReport = (connection, options) => openInventoryReport(spClientFor(connection), { ...options, marketplaceId: connection.marketplaceId });
