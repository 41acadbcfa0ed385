import { gunzipSync } from 'node:zlib';
import { CreateReportResponse, Report, ReportDocument, type CreateReportSpecification } from './models/reports';
import { SpApiError } from './errors';
import type { SpApiTransport } from './transport';

export function createReportOperations(transport: SpApiTransport, fetchFn: typeof fetch, timeoutMs: number) {
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
      let res: Response;
      try {
        res = await fetchFn(document.url, { signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        throw new SpApiError({ kind: 'network', operation: 'getReportDocument', message: 'Report document download failed' });
      }
      if (!res.ok) {
        throw new SpApiError({ kind: 'http', operation: 'getReportDocument', status: res.status, message: `Report document download answered ${res.status} (the URL may have expired)` });
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      return (document.compressionAlgorithm === 'GZIP' ? gunzipSync(bytes) : bytes).toString('utf8');
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
