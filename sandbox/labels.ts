import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { acceptedShipments } from './inbound-progress';
import { ApiError, notFound, sendApiError } from './http';
import { renderTextPdf } from './pdf';
import type { SandboxState } from './state';

// Label PDFs at pre-signed, expiring URLs (like Amazon's S3 links): box labels of a confirmed
// shipment (v0 getLabels) and FNSKU item labels (createMarketplaceItemLabels).

const URL_LIFETIME_MS = 5 * 60_000;

function sign(state: SandboxState, path: string, expires: number): string {
  return createHmac('sha256', state.urlSecret).update(`label\n${path}\n${expires}`).digest('hex');
}

export function signedLabelUrl(state: SandboxState, baseUrl: string, sellerId: string, kind: 'boxes' | 'items', ref: string, now: number) {
  const expiresMs = now + URL_LIFETIME_MS;
  const path = `/_labels/${encodeURIComponent(sellerId)}/${kind}/${encodeURIComponent(ref)}.pdf`;
  return { url: `${baseUrl}${path}?expires=${expiresMs}&signature=${sign(state, path, expiresMs)}`, expiresMs };
}

export function serveLabel(state: SandboxState, pathname: string, query: URLSearchParams, now: number, res: ServerResponse): void {
  const expires = Number(query.get('expires'));
  const signature = query.get('signature') ?? '';
  const expected = sign(state, pathname, expires);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return sendApiError(res, new ApiError(403, 'AccessDenied', 'Request signature does not match.'));
  }
  if (!(expires > now)) return sendApiError(res, new ApiError(403, 'AccessDenied', 'Request has expired.'));
  const [, , sellerId, kind, file] = pathname.split('/').map(decodeURIComponent);
  const seller = state.sellers[sellerId];
  const ref = file?.replace(/\.pdf$/, '') ?? '';
  let pages: string[][] | null = null;
  if (seller && kind === 'boxes') {
    for (const plan of Object.values(seller.inboundPlans)) {
      const shipment = acceptedShipments(plan).find((s) => s.shipmentConfirmationId === ref);
      if (!shipment) continue;
      pages = shipment.boxIndexes.map((i, n) => [
        `FBA: ${seller.storeName}`,
        `Ship to: Amazon ${shipment.warehouseId}`,
        `Shipment ${shipment.shipmentConfirmationId}`,
        `Box ${n + 1} of ${shipment.boxIndexes.length}`,
        `Box ID ${plan.boxes[i].boxId}`,
        ...plan.boxes[i].items.map((item) => `${item.msku} x ${item.quantity}`),
      ]);
    }
  } else if (seller && kind === 'items') {
    const entries = JSON.parse(Buffer.from(ref, 'base64url').toString('utf8')) as { msku: string; quantity: number }[];
    pages = entries.flatMap(({ msku, quantity }) => {
      const stock = seller.inventory[msku];
      return Array.from({ length: Math.min(quantity, 100) }, () => [stock?.fnSku ?? msku, stock?.productName ?? msku, 'New']);
    });
  }
  if (!pages || pages.length === 0) return sendApiError(res, notFound('The specified key does not exist.'));
  const pdf = renderTextPdf(pages);
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length });
  res.end(pdf);
}
