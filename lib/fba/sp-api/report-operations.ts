import { gunzipSync } from 'node:zlib';
import { CreateReportResponse, Report, ReportDocument, type CreateReportSpecification } from './models/reports';
import { SpApiError } from './errors';
import type { SpApiTransport } from './transport';

/**
 * Attempts at a document download. The document sits at a pre-signed S3 URL: S3 asks clients to
 * retry its 500 and 503 (SlowDown) answers, and a kept-alive connection the server closed while
 * this process was busy fails at once with a reset: both are worth another try, a refusal (403:
 * the URL expired) is not.
 */
const DOCUMENT_ATTEMPTS = 3;
const DOCUMENT_RETRY_MS = 1000;

export function createReportOperations(transport: SpApiTransport, fetchFn: typeof fetch, timeoutMs: number, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))) {
  const downloadFailed = () => new SpApiError({ kind: 'network', operation: 'getReportDocument', message: 'Report document download failed' });
  async function requestDocument(document: ReportDocument): Promise<Response> {
    for (let attempt = 1; ; attempt += 1) {
      let res: Response | undefined;
      try {
        res = await fetchFn(document.url, { signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        if (attempt >= DOCUMENT_ATTEMPTS) throw downloadFailed();
      }
      if (res?.ok) return res;
      if (res && (res.status < 500 || attempt >= DOCUMENT_ATTEMPTS)) {
        await res.body?.cancel();
        throw new SpApiError({ kind: 'http', operation: 'getReportDocument', status: res.status, message: `Report document download answered ${res.status} (the URL may have expired)` });
      }
      await res?.body?.cancel();
      await sleep(DOCUMENT_RETRY_MS * attempt);
    }
  }
  return {
    async createReport(spec: CreateReportSpecification): Promise<string> {
      const res = await transport.call('createReport', { body: spec }, CreateReportResponse);
      return res.reportId;
    },

    async getReport(reportId: string): Promise<Report> {
      return transport.call('getReport', { pathParams: { reportId } }, Report);
    },

    async getReportDocument(reportDocumentId: string): Promise<ReportDocument> {
      return transport.call('getReportDocument', { pathParams: { reportDocumentId } }, ReportDocument);
    },

    /**
     * Downloads the document at its pre-signed URL (no access token: the URL is the credential, so
     * it is never logged) and inflates it when Amazon compressed it.
     */
    async downloadReportDocument(document: ReportDocument): Promise<string> {
      const res = await requestDocument(document);
      let bytes: Buffer;
      try {
        bytes = Buffer.from(await res.arrayBuffer());
      } catch {
        throw downloadFailed();
      }
      return (document.compressionAlgorithm === 'GZIP' ? gunzipSync(bytes) : bytes).toString('utf8');
    },

    /**
     * Downloads the document whole but still compressed (a 100,000-SKU inventory report is about
     * 2 MB gzipped), then gives its bytes inflated piece by piece as they are iterated. All the
     * waiting on the network happens before this resolves: iterating is CPU work only, so a
     * caller may iterate inside a database transaction without holding it open on Amazon. A
     * broken gzip stream is thrown by the iteration, as a failed download.
     */
    async openReportDocument(document: ReportDocument): Promise<AsyncIterable<Uint8Array>> {
      const res = await requestDocument(document);
      let bytes: ArrayBuffer;
      try {
        bytes = await res.arrayBuffer();
      } catch {
        throw downloadFailed();
      }
      return (async function* () {
        if (document.compressionAlgorithm !== 'GZIP') {
          yield new Uint8Array(bytes);
          return;
        }
        try {
          // A web ReadableStream is async iterable in Node; the DOM typings do not say so.
          yield* new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')) as unknown as AsyncIterable<Uint8Array>;
        } catch {
          throw downloadFailed();
        }
      })();
    },
  };
}

/** Parses Amazon's tab-separated report into rows keyed by the header names. */
export function parseTsvReport(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const [header, ...rows] = lines;
  if (!header) return [];
  const columns = header.split('\t');
  return rows.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}
