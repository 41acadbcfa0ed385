import type { IncomingMessage, ServerResponse } from 'node:http';
import { SP_API_OPERATIONS } from '../lib/fba/sp-api/models/operations';
import { handleAdmin } from './admin';
import { API_HANDLERS } from './api';
import { serveReportDocument } from './api/reports';
import { authenticate, exchangeToken } from './auth';
import { CONSENT_PATH, handleConsent } from './consent';
import type { SandboxContext } from './context';
import { renderHomePage } from './home-page';
import { serveLabel } from './labels';
import { ADMIN_MAX_BODY, ApiError, newRequestId, parseBody, readRawBody, sendApiError, sendJson, sleep } from './http';
import { matchOperation } from './router';
import { advanceWorld } from './world';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The sandbox's single request listener: Amazon's API, LWA, documents, admin and the home page. */
export function createRequestListener(ctx: SandboxContext): RequestListener {
  return (req, res) => {
    handleRequest(ctx, req, res).catch((error: unknown) => {
      if (error instanceof ApiError) return sendApiError(res, error, { 'x-amzn-RequestId': newRequestId() });
      console.error('[sandbox] unexpected error', error);
      if (!res.headersSent) sendApiError(res, new ApiError(500, 'InternalFailure', 'We encountered an internal error. Please try again.'));
      else res.end();
    });
  };
}

async function handleRequest(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const method = req.method ?? 'GET';
  const baseUrl = `http://${req.headers.host ?? 'localhost'}`;
  const state = ctx.store.state;

  if (method === 'GET' && url.pathname === '/') {
    advanceWorld(state, ctx.clock.now());
    const html = renderHomePage(ctx, baseUrl);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return void res.end(html);
  }
  if (url.pathname === '/auth/o2/token' && method === 'POST') {
    const body = parseBody(await readRawBody(req), req.headers['content-type']);
    if (exchangeToken(state, body, res)) ctx.store.markDirty();
    return;
  }
  if (url.pathname === CONSENT_PATH) {
    const body = method === 'POST' ? parseBody(await readRawBody(req), req.headers['content-type']) : undefined;
    if (handleConsent(state, method, url.searchParams, body, res)) ctx.store.markDirty();
    return;
  }
  if (url.pathname.startsWith('/_documents/') && method === 'GET') {
    return serveReportDocument(state, url.pathname, url.searchParams, ctx.clock.now(), res);
  }
  if (url.pathname.startsWith('/_labels/') && method === 'GET') {
    return serveLabel(state, url.pathname, url.searchParams, ctx.clock.now(), res);
  }
  if (url.pathname.startsWith('/_sandbox/')) {
    const body = parseBody(await readRawBody(req, ADMIN_MAX_BODY), req.headers['content-type']);
    advanceWorld(state, ctx.clock.now());
    const result = handleAdmin(ctx, method, url.pathname, body);
    ctx.store.markDirty();
    return sendJson(res, result.status, result.body);
  }
  return handleApiCall(ctx, req, res, url, method, baseUrl);
}

async function handleApiCall(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, url: URL, method: string, baseUrl: string): Promise<void> {
  const state = ctx.store.state;
  // Date in the sandbox's time, as Amazon's Date header is Amazon's: the app learns "now at Amazon" from it.
  const headers: Record<string, string> = { 'x-amzn-RequestId': newRequestId(), Date: new Date(ctx.clock.now()).toUTCString() };
  const fail = (error: ApiError) => sendApiError(res, error, headers);
  const raw = await readRawBody(req);

  const route = matchOperation(method, url.pathname);
  if (!route) return fail(new ApiError(404, 'NotFound', `Resource ${url.pathname} is not found.`));
  if ('methodNotAllowed' in route) return fail(new ApiError(405, 'MethodNotAllowed', `Method ${method} is not allowed on ${url.pathname}.`));
  const seller = authenticate(state, req.headers['x-amz-access-token']);

  const spec = SP_API_OPERATIONS[route.operation];
  const rate = spec.rate * ctx.rateScale;
  headers['x-amzn-RateLimit-Limit'] = String(Number(rate.toPrecision(6)));
  const { faults } = state;
  const storm = faults.throttleStormUntil > Date.now();
  if (storm || !ctx.throttle.tryTake(`${seller.sellerId}:${route.operation}`, rate, spec.burst)) {
    return fail(new ApiError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.'));
  }
  if (faults.errorShare > 0 && Math.random() < faults.errorShare) {
    return fail(
      Math.random() < 0.5
        ? new ApiError(500, 'InternalFailure', 'We encountered an internal error. Please try again.')
        : new ApiError(503, 'ServiceUnavailable', 'Temporary overloading or maintenance of the server.'),
    );
  }
  if (faults.slowShare > 0 && faults.slowMs > 0 && Math.random() < faults.slowShare) await sleep(faults.slowMs);
  // The caller gave up (its timeout) while we were slow: nothing to answer, as with Amazon.
  if (res.destroyed || !res.socket || res.socket.destroyed) return;

  const body = parseBody(raw, req.headers['content-type']);
  const now = ctx.clock.now();
  advanceWorld(state, now);
  const result = API_HANDLERS[route.operation]({ ctx, state, seller, now, params: route.params, query: url.searchParams, body, baseUrl });
  // Reads move the world too (advanceWorld), so every call may have changed the store.
  ctx.store.markDirty();
  if (faults.lostAnswerShare > 0 && Math.random() < faults.lostAnswerShare) {
    // Done, but the answer never arrives (a reset connection): a retry must not do the work twice.
    res.socket?.destroy();
    return;
  }
  sendJson(res, result.status, result.body, headers);
}
