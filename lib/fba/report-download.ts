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

/**
 * Requests a report, waits for Amazon to build it and downloads its document: the one polling
 * loop of the app's reports. Every failure is a DomainError worded with the report's name (Amazon's
 * words when Amazon failed). Parsing is the caller's. Never call it inside a database transaction.
 */
export async function downloadReport(client: SpApiClient, request: ReportRequest, options: DownloadReportOptions = {}): Promise<DownloadedReport> {
  const { name, consequence } = request;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const progress = async (p: ReportProgress) => options.onProgress?.(p);
  try {
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
        if (request.cancelledMeansEmpty) return { reportId, text: null };
        throw new DomainError('AMAZON_ERROR', `Amazon cancelled ${name} ${reportId} (it does so when there is nothing to report); ${consequence}.`);
      }
      if (report.processingStatus === 'FATAL') throw new DomainError('AMAZON_ERROR', `Amazon could not build ${name} ${reportId} (FATAL); ${consequence}.`);
      if (report.processingStatus === 'DONE') {
        if (!report.reportDocumentId) throw new DomainError('AMAZON_ERROR', `Amazon finished ${name} ${reportId} without a document.`);
        documentId = report.reportDocumentId;
      }
    }
    await progress({ phase: 'Downloading' });
    const document = await client.getReportDocument(documentId);
    const text = await client.downloadReportDocument(document);
    return { reportId, text };
  } catch (e) {
    if (isSpApiError(e)) throw new DomainError('AMAZON_ERROR', `The ${name} failed. ${amazonReason(e)}`);
    throw e;
  }
}

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
