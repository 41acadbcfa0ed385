import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSpApiClient } from './client';
import { resolveEndpoint } from './endpoints';
import { SpApiError } from './errors';
import { createReportOperations, parseTsvReport } from './report-operations';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { REPORT_COLUMNS } from './models/reports';
import { DEMO_CREDENTIALS, US, createDemoClient, startTestSandbox, type TestSandbox } from './testing/harness';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateScale: 1000 });
});
afterAll(() => sandbox.close());

/** Counts the LWA exchanges a client makes, and lets a test look at every header sent. */
function countingFetch() {
  const calls = { lwa: 0, api: 0, headers: [] as Headers[] };
  const fetchFn: typeof fetch = (input, init) => {
    const url = String(input);
    if (url.endsWith('/auth/o2/token')) calls.lwa += 1;
    else calls.api += 1;
    calls.headers.push(new Headers(init?.headers));
    return fetch(input, init);
  };
  return { calls, fetchFn };
}

describe('endpoints', () => {
  it('resolves regions to Amazon hosts and a sandbox to itself', () => {
    expect(resolveEndpoint({ region: 'NA' })).toEqual({ baseUrl: 'https://sellingpartnerapi-na.amazon.com', tokenUrl: 'https://api.amazon.com/auth/o2/token' });
    expect(resolveEndpoint({ region: 'EU' }).baseUrl).toBe('https://sellingpartnerapi-eu.amazon.com');
    expect(resolveEndpoint({ region: 'FE' }).baseUrl).toBe('https://sellingpartnerapi-fe.amazon.com');
    expect(resolveEndpoint({ sandboxUrl: 'http://127.0.0.1:4010/' })).toEqual({ baseUrl: 'http://127.0.0.1:4010', tokenUrl: 'http://127.0.0.1:4010/auth/o2/token' });
  });
});

describe('Login with Amazon token', () => {
  it('is exchanged once, cached, and refreshed when Amazon says it expired', async () => {
    const { calls, fetchFn } = countingFetch();
    const client = createDemoClient(sandbox.url, { fetch: fetchFn });
    const [participations] = await Promise.all([client.getMarketplaceParticipations(), client.getMarketplaceParticipations()]);
    expect(participations[0].storeName).toBe('Sandbox Demo Store');
    await client.getMarketplaceParticipations();
    expect(calls.lwa).toBe(1);
    expect(calls.headers.some((h) => h.get('x-amz-access-token')?.startsWith('Atza|'))).toBe(true);

    await sandbox.admin('POST', '/_sandbox/tokens/expire');
    await client.getMarketplaceParticipations();
    expect(calls.lwa).toBe(2);
  });

  it('fails with the LWA error and no token in the message', async () => {
    const client = createSpApiClient({ credentials: { ...DEMO_CREDENTIALS, refreshToken: 'Atzr|revoked' }, endpoint: { sandboxUrl: sandbox.url } });
    const error = await client.getMarketplaceParticipations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({ kind: 'auth', operation: 'lwa', status: 400, code: 'invalid_grant' });
    expect(String((error as Error).message)).not.toContain('Atzr|');
  });
});

describe('errors', () => {
  it('keep Amazon code, message and request id, and 4xx validation errors are not retried', async () => {
    const { calls, fetchFn } = countingFetch();
    const client = createDemoClient(sandbox.url, { fetch: fetchFn });
    const error = await client.getFulfillmentOrder('NO-SUCH-ORDER').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiError);
    const e = error as SpApiError;
    expect(e).toMatchObject({ kind: 'http', status: 404, code: 'NotFound', operation: 'getFulfillmentOrder', attempts: 1, retryable: false });
    expect(e.message).toContain('NO-SUCH-ORDER');
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.api).toBe(1);

    const invalid = await client.getInventorySummaries({ marketplaceId: 'A1PA6795UKMFR9' }).catch((x: unknown) => x);
    expect(invalid).toMatchObject({ status: 400, code: 'InvalidInput', attempts: 1 });
    expect(calls.api).toBe(2);
  });

  it('retry 5xx until the budget is spent, then fail clearly', async () => {
    await sandbox.admin('POST', '/_sandbox/faults', { errorShare: 1 });
    try {
      const { calls, fetchFn } = countingFetch();
      const client = createDemoClient(sandbox.url, { fetch: fetchFn, retry: { maxAttempts: 3 } });
      const error = (await client.getMarketplaceParticipations().catch((e: unknown) => e)) as SpApiError;
      expect(error).toBeInstanceOf(SpApiError);
      expect([500, 503]).toContain(error.status);
      expect(error.attempts).toBe(3);
      expect(error.retryable).toBe(true);
      expect(calls.api).toBe(3);
    } finally {
      await sandbox.admin('DELETE', '/_sandbox/faults');
    }
  });

  it('a call that may not be repeated (createInboundPlan) is not retried after a 5xx, only after a 429', async () => {
    const plan = { destinationMarketplaces: [US], name: 'No repeat', sourceAddress: { name: 'A', addressLine1: '1 Depot Rd', city: 'Reno', countryCode: 'US', postalCode: '89501', phoneNumber: '+1 775 555 0100' }, items: [{ msku: 'DEMO-011', quantity: 1, labelOwner: 'SELLER' as const, prepOwner: 'NONE' as const }] };
    await sandbox.admin('POST', '/_sandbox/faults', { errorShare: 1 });
    try {
      const { calls, fetchFn } = countingFetch();
      const client = createDemoClient(sandbox.url, { fetch: fetchFn, retry: { maxAttempts: 3 } });
      const error = (await client.createInboundPlan(plan).catch((e: unknown) => e)) as SpApiError;
      expect(error).toMatchObject({ attempts: 1, retryable: true });
      expect(calls.api).toBe(1);
      await sandbox.admin('DELETE', '/_sandbox/faults');
      await sandbox.admin('POST', '/_sandbox/faults', { throttleStormSeconds: 0.2 });
      const stormy = createDemoClient(sandbox.url, { retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 100 } });
      expect((await stormy.createInboundPlan(plan)).inboundPlanId).toMatch(/^wf/);
    } finally {
      await sandbox.admin('DELETE', '/_sandbox/faults');
    }
  });
});

describe('secrets', () => {
  it('never reach the console or an error, even through retries and failures', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) => vi.spyOn(console, name).mockImplementation(() => undefined));
    try {
      await sandbox.admin('POST', '/_sandbox/faults', { errorShare: 0.5 });
      const client = createDemoClient(sandbox.url, { retry: { maxAttempts: 2 } });
      const errors: unknown[] = [];
      for (let i = 0; i < 6; i += 1) await client.getMarketplaceParticipations().catch((e: unknown) => errors.push(e));
      await client.getFulfillmentOrder('MISSING').catch((e: unknown) => errors.push(e));
      await sandbox.admin('POST', '/_sandbox/tokens/expire');
      await client.getMarketplaceParticipations().catch((e: unknown) => errors.push(e));
      const printed = spies.flatMap((spy) => spy.mock.calls.flat().map((arg) => String(arg))).join('\n');
      const thrown = errors.map((e) => `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ''}`).join('\n');
      for (const text of [printed, thrown]) {
        expect(text).not.toMatch(/Atza\||Atzr\|/);
        expect(text).not.toContain(DEMO_CREDENTIALS.clientSecret);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
      await sandbox.admin('DELETE', '/_sandbox/faults');
    }
  });
});

describe('inventory', () => {
  it('reads all summaries with details', async () => {
    const client = createDemoClient(sandbox.url);
    const all = await client.listAllInventorySummaries({ marketplaceId: US, details: true });
    expect(all).toHaveLength(30);
    const out = all.filter((s) => s.inventoryDetails?.fulfillableQuantity === 0).map((s) => s.sellerSku);
    expect(out).toEqual(['DEMO-020', 'DEMO-021', 'DEMO-022', 'DEMO-023', 'DEMO-024', 'DEMO-025', 'DEMO-026']);
    const page = await client.getInventorySummaries({ marketplaceId: US, sellerSkus: ['FBA-ONLY-02'] });
    expect(page.summaries).toEqual([expect.objectContaining({ sellerSku: 'FBA-ONLY-02', productName: 'FBA-only product 02', totalQuantity: 10 })]);
    expect(page.nextToken).toBeNull();
  });
});

describe('reports', () => {
  it.each(['GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'GET_AFN_INVENTORY_DATA'] as const)(
    '%s moves IN_QUEUE → IN_PROGRESS → DONE on the clock and downloads as TSV',
    async (reportType) => {
      const client = createDemoClient(sandbox.url);
      const reportId = await client.createReport({ reportType, marketplaceIds: [US] });
      expect((await client.getReport(reportId)).processingStatus).toBe('IN_QUEUE');
      await sandbox.advance(20);
      expect((await client.getReport(reportId)).processingStatus).toBe('IN_PROGRESS');
      await sandbox.advance(30);
      const report = await client.getReport(reportId);
      expect(report).toMatchObject({ processingStatus: 'DONE', reportType });
      const document = await client.getReportDocument(report.reportDocumentId ?? '');
      const text = await client.downloadReportDocument(document);
      expect(text.split('\n')[0].split('\t')).toEqual(REPORT_COLUMNS[reportType]);
      const rows = parseTsvReport(text);
      const skuColumn = reportType === 'GET_AFN_INVENTORY_DATA' ? 'seller-sku' : 'sku';
      expect(new Set(rows.map((r) => r[skuColumn])).size).toBe(30);
      if (reportType === 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA') {
        expect(document.compressionAlgorithm).toBe('GZIP');
        expect(rows.find((r) => r.sku === 'DEMO-001')).toMatchObject({ 'product-name': 'Demo product 001', 'afn-listing-exists': 'Yes' });
      }

      // The URL expires after five minutes of sandbox time.
      await sandbox.advance(301);
      const expired = await client.downloadReportDocument(document).catch((e: unknown) => e);
      expect(expired).toMatchObject({ status: 403 });
    },
  );

  it('downloads a document again after a dropped connection or an S3 5xx, not after a refusal', async () => {
    const answers: ('reset' | number)[] = [];
    let served = 0;
    const server = createServer((req, res) => {
      served += 1;
      const next = answers.shift() ?? 200;
      if (next === 'reset') return req.socket.destroy();
      if (next !== 200) return res.writeHead(next).end('<Error><Code>SlowDown</Code></Error>');
      const body = gzipSync('sku\tafn-fulfillable-quantity\nA-1\t3\n');
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const waits: number[] = [];
      const ops = createReportOperations(null as never, fetch, 5_000, async (ms) => void waits.push(ms));
      const document = { reportDocumentId: 'D1', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/d1`, compressionAlgorithm: 'GZIP' as const };
      answers.push('reset', 503);
      expect(await ops.downloadReportDocument(document)).toBe('sku\tafn-fulfillable-quantity\nA-1\t3\n');
      expect([served, waits]).toEqual([3, [1000, 2000]]);
      answers.push(503, 'reset');
      const chunks: Uint8Array[] = [];
      for await (const piece of await ops.openReportDocument(document)) chunks.push(piece);
      expect(Buffer.concat(chunks).toString()).toContain('A-1\t3');
      expect(served).toBe(6);
      answers.push(403);
      await expect(ops.downloadReportDocument(document)).rejects.toMatchObject({ status: 403 });
      answers.push(503, 503, 503);
      await expect(ops.downloadReportDocument(document)).rejects.toMatchObject({ status: 503 });
      expect(served).toBe(10);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('refuses a report type the sandbox does not serve', async () => {
    const client = createDemoClient(sandbox.url);
    await expect(client.createReport({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] })).rejects.toMatchObject({ status: 400, code: 'InvalidInput' });
  });
});
