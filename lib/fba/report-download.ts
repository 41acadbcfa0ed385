import { DomainError } from '@/lib/errors';
import { NUL_MESSAGE, unstorableTextProblem } from '@/lib/validation/text';
import type { ReportProgress } from './inventory-report-types';
import { isSpApiError, SP_API_OPERATIONS, type SpApiClient } from './sp-api';
import type { CreateReportSpecification } from './sp-api/models/reports';
import { amazonReason } from './connection-client';

export type DownloadReportOptions = {
  onProgress?: (progress: ReportProgress) => void | Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  /** Gives up waiting for Amazon after this long. Default 30 minutes. */
  maxWaitMs?: number;
};

export type ReportRequest = {
  spec: CreateReportSpecification;
  /** How the errors name the report: "inventory report", "customer returns report". */
  name: string;
  /** What the errors tell the user happened to their data: "nothing was changed". */
  consequence: string;
  /**
   * Amazon cancels a report when there is nothing to report. For a list of events (returns) that
   * means "none"; for a stock snapshot it means something is wrong, so it is an error.
   */
  cancelledMeansEmpty?: boolean;
};

/** The document's text, or null when Amazon cancelled a report whose `cancelledMeansEmpty`. */
export type DownloadedReport = { reportId: string; text: string | null };

// Amazon takes from seconds to many minutes to build a report: poll often at first, then less,
// never faster than getReport's published rate (the client's token bucket enforces it too).
const FIRST_POLL_MS = Math.max(1000, 1000 / SP_API_OPERATIONS.getReport.rate);
const MAX_POLL_MS = 60_000;
const DEFAULT_MAX_WAIT_MS = 30 * 60_000;

/** Requests a report and waits for Amazon to build it: its document, or null when Amazon cancelled a report whose `cancelledMeansEmpty`. */
async function awaitDocument(client: SpApiClient, request: ReportRequest, options: DownloadReportOptions) {
  const { name, consequence } = request;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const progress = async (p: ReportProgress) => options.onProgress?.(p);
  await progress({ phase: 'Requesting report' });
  const reportId = await client.createReport(request.spec);
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  let waited = 0;
  let delay = FIRST_POLL_MS;
  let documentId: string | undefined;
  while (!documentId) {
    await progress({ phase: 'Waiting for Amazon', detail: `report ${reportId}` });
    if (waited >= maxWaitMs) throw new DomainError('AMAZON_ERROR', `Amazon had not finished the ${name} after ${Math.round(maxWaitMs / 60_000)} minutes; try again later.`);
    await sleep(delay);
    waited += delay;
    delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
    const report = await client.getReport(reportId);
    if (report.processingStatus === 'CANCELLED') {
      if (request.cancelledMeansEmpty) return { reportId, document: null };
      throw new DomainError('AMAZON_ERROR', `Amazon cancelled ${name} ${reportId} (it does so when there is nothing to report); ${consequence}.`);
    }
    if (report.processingStatus === 'FATAL') throw new DomainError('AMAZON_ERROR', `Amazon could not build ${name} ${reportId} (FATAL); ${consequence}.`);
    if (report.processingStatus === 'DONE') {
      if (!report.reportDocumentId) throw new DomainError('AMAZON_ERROR', `Amazon finished ${name} ${reportId} without a document.`);
      documentId = report.reportDocumentId;
    }
  }
  await progress({ phase: 'Downloading' });
  return { reportId, document: await client.getReportDocument(documentId) };
}

/** Amazon's failures worded with the report's name (Amazon's words); anything else as it is. */
function worded(name: string, e: unknown): unknown {
  return isSpApiError(e) ? new DomainError('AMAZON_ERROR', `The ${name} failed. ${amazonReason(e)}`) : e;
}

/**
 * Requests a report, waits for Amazon to build it and downloads its document: the one polling
 * loop of the app's reports. Every failure is a DomainError worded with the report's name (Amazon's
 * words when Amazon failed). Parsing is the caller's. Never call it inside a database transaction.
 */
export async function downloadReport(client: SpApiClient, request: ReportRequest, options: DownloadReportOptions = {}): Promise<DownloadedReport> {
  try {
    const { reportId, document } = await awaitDocument(client, request, options);
    return { reportId, text: document ? await client.downloadReportDocument(document) : null };
  } catch (e) {
    throw worded(request.name, e);
  }
}

/** A report whose document is held compressed and read piece by piece: its lines in batches (one per piece inflated). */
export type OpenedReport = { reportId: string; lines: AsyncIterable<string[]> };

/**
 * Like `downloadReport`, but the document is not held whole as text: once Amazon has built the
 * report, its document is downloaded whole but still compressed (about 2 MB for 100,000 SKUs),
 * and `lines` inflates and splits it (CRLF or LF, a UTF-8 BOM left to the parser) as it is read,
 * so parsing can overlap writing. The waiting and the download happen here, outside any
 * transaction; reading `lines` is CPU work only and may happen inside one (it fails with the same
 * words as a download that failed, when the document is corrupt). Not for `cancelledMeansEmpty` reports.
 */
export async function openReport(client: SpApiClient, request: ReportRequest, options: DownloadReportOptions = {}): Promise<OpenedReport> {
  try {
    const { reportId, document } = await awaitDocument(client, { ...request, cancelledMeansEmpty: false }, options);
    if (!document) throw new Error('unreachable: a cancelled report is an error here');
    const bytes = await client.openReportDocument(document);
    return {
      reportId,
      lines: (async function* () {
        try {
          yield* reportLines(bytes);
        } catch (e) {
          throw worded(request.name, e);
        }
      })(),
    };
  } catch (e) {
    throw worded(request.name, e);
  }
}

/** Splits UTF-8 bytes into lines ("\n", a "\r" before it dropped), one batch per piece of bytes, the last line included even when empty. */
export async function* reportLines(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const piece of bytes) {
    const lines = (rest + decoder.decode(piece, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    if (lines.length > 0) yield lines.map(dropCr);
  }
  yield (rest + decoder.decode()).split('\n').map(dropCr);
}
const dropCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

const LISTED_ERRORS = 5;

/**
 * Why a line of a report cannot be stored, or null: a NUL or half a surrogate pair in any cell
 * would fail the transaction that applies the report with an unexpected error (PostgreSQL text
 * cannot hold them), so the parsers refuse the line by number instead.
 */
export function unstorableReportLine(text: string): string | null {
  const problem = unstorableTextProblem(text);
  if (!problem) return null;
  return problem === NUL_MESSAGE ? 'holds a NUL character (U+0000), which cannot be stored.' : 'holds a broken character (half of an emoji or symbol), which cannot be stored.';
}

/** Why a report with unreadable rows is refused: the first few rows by line, and how many more. */
export function unreadableRows(subject: string, errors: { line: number; message: string }[]): DomainError {
  const listed = errors.slice(0, LISTED_ERRORS).map((e) => (e.line > 0 ? `Line ${e.line}: ${e.message}` : e.message));
  const more = errors.length > LISTED_ERRORS ? ` …and ${errors.length - LISTED_ERRORS} more.` : '';
  return new DomainError('AMAZON_ERROR', `${subject} ${listed.join(' ')}${more}`);
}
