import { createHmac, timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { CreateReportSpecification, CUSTOMER_RETURNS_REPORT_TYPE, REPORT_COLUMNS, SANDBOX_REPORT_TYPES, type InventoryReportType, type ProcessingStatus } from '../../lib/fba/sp-api/models/reports';
import { totalQuantity } from '../catalog';
import { toIso } from '../clock';
import { renderCustomerReturnsReport } from '../customer-returns';
import { ok, type ApiHandler } from '../context';
import { ApiError, invalidInput, notFound, sendApiError } from '../http';
import { nextSeq, type InventoryItem, type ReportRecord, type SandboxState, type SellerState } from '../state';
import { assertSellerMarketplace, formatZodIssues } from './query';

// Sandbox-time phases of a report, and how long a document URL stays valid (Amazon: 5 minutes).
const QUEUED_MS = 15_000;
const DONE_MS = 45_000;
const URL_LIFETIME_MS = 5 * 60_000;
// Amazon compresses larger documents; the sandbox does the same above this size.
const GZIP_ABOVE_BYTES = 2048;
// The returns report covers the last 30 days unless dataStartTime says otherwise.
const DEFAULT_RANGE_MS = 30 * 24 * 3600_000;

export function reportStatus(report: ReportRecord, now: number): ProcessingStatus {
  if (now < report.createdMs + QUEUED_MS) return 'IN_QUEUE';
  if (now < report.createdMs + DONE_MS) return 'IN_PROGRESS';
  return report.cancelled ? 'CANCELLED' : 'DONE';
}

/**
 * Materialises documents of reports that reached DONE: a snapshot of the stock at that moment, or
 * the returns dated in the report's range up to its DONE time. Like Amazon, a returns report with
 * no rows is CANCELLED rather than DONE.
 */
export function progressReports(state: SandboxState, seller: SellerState, now: number): void {
  for (const report of Object.values(seller.reports)) {
    if (report.reportDocumentId || report.cancelled || reportStatus(report, now) !== 'DONE') continue;
    let content: string | null;
    if (report.reportType === CUSTOMER_RETURNS_REPORT_TYPE) {
      const doneMs = report.createdMs + DONE_MS;
      const endMs = Math.min(doneMs, report.dataEndTime ? Date.parse(report.dataEndTime) : doneMs);
      const startMs = report.dataStartTime ? Date.parse(report.dataStartTime) : report.createdMs - DEFAULT_RANGE_MS;
      content = renderCustomerReturnsReport(seller, { startMs, endMs, marketplaceIds: report.marketplaceIds });
    } else {
      content = renderInventoryReport(report.reportType as InventoryReportType, Object.values(seller.inventory));
    }
    if (content === null) {
      report.cancelled = true;
      continue;
    }
    const reportDocumentId = `amzn1.spdoc.1.4.na.${report.reportId}.${nextSeq(state)}`;
    seller.reportDocuments[reportDocumentId] = { reportDocumentId, content, gzip: Buffer.byteLength(content) > GZIP_ABOVE_BYTES };
    report.reportDocumentId = reportDocumentId;
  }
}

export const createReport: ApiHandler = ({ state, seller, body, now }) => {
  const parsed = CreateReportSpecification.safeParse(body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  const spec = parsed.data;
  if (!(SANDBOX_REPORT_TYPES as readonly string[]).includes(spec.reportType)) {
    throw invalidInput(`Invalid reportType ${spec.reportType}. The sandbox serves ${SANDBOX_REPORT_TYPES.join(', ')}.`);
  }
  for (const id of spec.marketplaceIds) assertSellerMarketplace(seller, id);
  if (spec.dataStartTime && spec.dataEndTime && Date.parse(spec.dataStartTime) > Date.parse(spec.dataEndTime)) {
    throw invalidInput('dataStartTime must not be after dataEndTime.');
  }
  const reportId = String(50_000_000_000 + nextSeq(state));
  seller.reports[reportId] = {
    reportId,
    reportType: spec.reportType,
    marketplaceIds: spec.marketplaceIds,
    createdMs: now,
    dataStartTime: spec.dataStartTime,
    dataEndTime: spec.dataEndTime,
  };
  return ok({ reportId }, 202);
};

export const getReport: ApiHandler = ({ seller, params, now }) => {
  const report = seller.reports[params.reportId];
  if (!report) throw notFound(`Report ${params.reportId} not found.`);
  const status = reportStatus(report, now);
  return ok({
    reportId: report.reportId,
    reportType: report.reportType,
    marketplaceIds: report.marketplaceIds,
    ...(report.dataStartTime ? { dataStartTime: report.dataStartTime } : {}),
    ...(report.dataEndTime ? { dataEndTime: report.dataEndTime } : {}),
    createdTime: toIso(report.createdMs),
    processingStatus: status,
    ...(status !== 'IN_QUEUE' ? { processingStartTime: toIso(report.createdMs + QUEUED_MS) } : {}),
    ...(status === 'DONE' ? { processingEndTime: toIso(report.createdMs + DONE_MS), reportDocumentId: report.reportDocumentId } : {}),
    ...(status === 'CANCELLED' ? { processingEndTime: toIso(report.createdMs + DONE_MS) } : {}),
  });
};

export const getReportDocument: ApiHandler = ({ state, seller, params, now, baseUrl }) => {
  const doc = seller.reportDocuments[params.reportDocumentId];
  if (!doc) throw notFound(`Report document ${params.reportDocumentId} not found.`);
  const expires = now + URL_LIFETIME_MS;
  const path = `/_documents/${encodeURIComponent(seller.sellerId)}/${encodeURIComponent(doc.reportDocumentId)}`;
  const url = `${baseUrl}${path}?expires=${expires}&signature=${sign(state, path, expires)}`;
  return ok({ reportDocumentId: doc.reportDocumentId, url, ...(doc.gzip ? { compressionAlgorithm: 'GZIP' } : {}) });
};

/** GET /_documents/{sellerId}/{documentId}: the pre-signed URL (no access token, like S3). */
export function serveReportDocument(state: SandboxState, pathname: string, query: URLSearchParams, now: number, res: ServerResponse): void {
  const expires = Number(query.get('expires'));
  const signature = query.get('signature') ?? '';
  const expected = sign(state, pathname, expires);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return sendApiError(res, new ApiError(403, 'AccessDenied', 'Request signature does not match.'));
  }
  if (!(expires > now)) return sendApiError(res, new ApiError(403, 'AccessDenied', 'Request has expired.'));
  const [, , sellerId, documentId] = pathname.split('/').map(decodeURIComponent);
  const doc = state.sellers[sellerId]?.reportDocuments[documentId];
  if (!doc) return sendApiError(res, notFound('The specified key does not exist.'));
  const bytes = doc.gzip ? gzipSync(doc.content) : Buffer.from(doc.content, 'utf8');
  res.writeHead(200, { 'content-type': 'text/tab-separated-values; charset=UTF-8', 'content-length': bytes.length });
  res.end(bytes);
}

function sign(state: SandboxState, path: string, expires: number): string {
  return createHmac('sha256', state.urlSecret).update(`${path}\n${expires}`).digest('hex');
}

export function renderInventoryReport(type: InventoryReportType, items: InventoryItem[]): string {
  const rows = [...items].sort((a, b) => a.sellerSku.localeCompare(b.sellerSku)).flatMap((item) => reportRows(type, item));
  return [REPORT_COLUMNS[type], ...rows].map((cells) => cells.join('\t')).join('\n') + '\n';
}

function reportRows(type: InventoryReportType, item: InventoryItem): string[][] {
  const reserved = item.pendingCustomerOrder + item.fcProcessing;
  if (type === 'GET_AFN_INVENTORY_DATA') {
    const rows = [[item.sellerSku, item.fnSku, item.asin, 'NewItem', 'SELLABLE', String(item.fulfillable)]];
    if (item.unfulfillable > 0) rows.push([item.sellerSku, item.fnSku, item.asin, 'NewItem', 'UNSELLABLE', String(item.unfulfillable)]);
    return rows;
  }
  const warehouse = item.fulfillable + item.unfulfillable + reserved + item.researching;
  return [[
    item.sellerSku, item.fnSku, item.asin, item.productName, 'New', '', 'No', '', 'Yes', String(warehouse),
    String(item.fulfillable), String(item.unfulfillable), String(reserved), String(totalQuantity(item)), '0.05',
    String(item.inboundWorking), String(item.inboundShipped), String(item.inboundReceiving), String(item.researching), '0', '0',
  ]];
}
