import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SELLER, startSandbox, type RunningSandbox } from './index';

// The FBA customer returns report and the admin endpoint that creates returns, over raw HTTP.

const SELLER = DEMO_SELLER.sellerId;
const US = 'ATVPDKIKX0DER';
const START = Date.parse('2026-03-02T12:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

let sandbox: RunningSandbox;
let token: string;

async function call(method: string, path: string, body?: unknown, auth = false) {
  const res = await fetch(sandbox.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { 'x-amz-access-token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: { message: string }[] } };
}
const admin = (path: string, body?: unknown, method = 'POST') => call(method, path, body);
const advanceDays = (days: number) => admin('/_sandbox/clock', { advanceMs: days * DAY });

async function placeOrder(channel: 'AFN' | 'MFN', items: { sellerSku: string; quantity: number }[], purchaseMs: number): Promise<string> {
  const res = await admin(`/_sandbox/sellers/${SELLER}/orders`, { orders: [{ fulfillmentChannel: channel, items, purchaseDate: iso(purchaseMs) }] });
  return (res.body.amazonOrderIds as string[])[0];
}

async function stockOf(sku: string) {
  const res = await admin(`/_sandbox/sellers/${SELLER}/inventory`, undefined, 'GET');
  return (res.body.inventory as { sellerSku: string; fulfillable: number; unfulfillable: number }[]).find((i) => i.sellerSku === sku);
}

/** Requests the returns report, moves the clock past DONE and reads its status and rows. */
async function returnsReport(range: { dataStartTime?: string; dataEndTime?: string } = {}) {
  const created = await call('POST', '/reports/2021-06-30/reports', { reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: [US], ...range }, true);
  expect(created.status).toBe(202);
  await admin('/_sandbox/clock', { advanceSeconds: 60 });
  const report = await call('GET', `/reports/2021-06-30/reports/${created.body.reportId as string}`, undefined, true);
  if (report.body.processingStatus !== 'DONE') return { status: report.body.processingStatus, rows: [] as string[][] };
  const doc = await call('GET', `/reports/2021-06-30/documents/${report.body.reportDocumentId as string}`, undefined, true);
  const bytes = Buffer.from(await (await fetch(doc.body.url as string)).arrayBuffer());
  const text = (doc.body.compressionAlgorithm === 'GZIP' ? gunzipSync(bytes) : bytes).toString('utf8');
  const [header, ...rows] = text.trimEnd().split('\n').map((line) => line.split('\t'));
  return { status: 'DONE', header, rows };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dataDir: null, rateScale: 1000, startTime: new Date(START) });
  const res = await fetch(`${sandbox.url}/auth/o2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(() => sandbox.close());

describe('customer returns', () => {
  it('refuses an unknown order, a SKU not on the order, more units than shipped, an MFN order and an unshipped order', async () => {
    const afn = await placeOrder('AFN', [{ sellerSku: 'DEMO-005', quantity: 2 }], START);
    const mfn = await placeOrder('MFN', [{ sellerSku: 'DEMO-005', quantity: 1 }], START);
    const refused = async (line: Record<string, unknown>) => {
      const res = await admin(`/_sandbox/sellers/${SELLER}/returns`, { returns: [{ orderId: afn, sellerSku: 'DEMO-005', quantity: 1, ...line }] });
      expect(res.status).toBe(400);
      return res.body.errors?.[0].message;
    };
    expect(await refused({})).toMatch(/has not shipped \(status Pending\)/);
    await advanceDays(1.1);
    expect(await refused({ orderId: '111-0000000-0000000' })).toMatch(/Order 111-0000000-0000000 not found/);
    expect(await refused({ sellerSku: 'DEMO-006' })).toBe(`SKU DEMO-006 is not on order ${afn}.`);
    expect(await refused({ quantity: 3 })).toBe(`Order ${afn} has 2 returnable unit(s) of DEMO-005; 3 requested.`);
    expect(await refused({ orderId: mfn })).toMatch(/merchant-fulfilled \(MFN\)/);
    expect(await refused({ returnDate: iso(START) })).toMatch(/cannot be dated before it shipped/);
    // One request is all or nothing; returned units count against what can still be returned.
    const both = await admin(`/_sandbox/sellers/${SELLER}/returns`, { returns: [{ orderId: afn, sellerSku: 'DEMO-005', quantity: 2 }, { orderId: afn, sellerSku: 'DEMO-005', quantity: 1 }] });
    expect(both.status).toBe(400);
    const listed = await admin(`/_sandbox/sellers/${SELLER}/returns`, undefined, 'GET');
    expect((listed.body.returns as { amazonOrderId: string }[]).filter((r) => r.amazonOrderId === afn)).toEqual([]);
  });

  it('puts a sellable unit back into fulfillable, an unsellable one into unfulfillable, and a damaged one nowhere', async () => {
    const order = await placeOrder('AFN', [{ sellerSku: 'DEMO-007', quantity: 3 }], Date.parse((await admin('/_sandbox/clock', undefined, 'GET')).body.now as string));
    await advanceDays(1.1);
    const before = await stockOf('DEMO-007');
    const res = await admin(`/_sandbox/sellers/${SELLER}/returns`, {
      returns: [
        { orderId: order, sellerSku: 'DEMO-007', quantity: 1, comment: 'Too\tsmall' },
        { orderId: order, sellerSku: 'DEMO-007', quantity: 1, disposition: 'CUSTOMER_DAMAGED', reason: 'DEFECTIVE' },
        { orderId: order, sellerSku: 'DEMO-007', quantity: 1, disposition: 'DAMAGED', reason: 'DAMAGED_BY_FC' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.returns).toEqual([
      expect.objectContaining({ detailedDisposition: 'SELLABLE', reason: 'UNWANTED_ITEM', status: 'Unit returned to inventory', customerComments: 'Too small', licensePlateNumber: expect.stringMatching(/^LPN[0-9A-Z]{10}$/) }),
      expect.objectContaining({ detailedDisposition: 'CUSTOMER_DAMAGED', status: 'Unit returned to inventory' }),
      expect.objectContaining({ detailedDisposition: 'DAMAGED', status: 'Reimbursed' }),
    ]);
    const after = await stockOf('DEMO-007');
    expect(after?.fulfillable).toBe((before?.fulfillable ?? 0) + 1);
    expect(after?.unfulfillable).toBe((before?.unfulfillable ?? 0) + 1);
  });

  it('reports only the returns dated within dataStartTime..dataEndTime, and cancels an empty report', async () => {
    const now = Date.parse((await admin('/_sandbox/clock', undefined, 'GET')).body.now as string);
    const order = await placeOrder('AFN', [{ sellerSku: 'DEMO-008', quantity: 3 }], now - 10 * DAY);
    const res = await admin(`/_sandbox/sellers/${SELLER}/returns`, {
      returns: [3, 5, 7].map((d) => ({ orderId: order, sellerSku: 'DEMO-008', quantity: 1, returnDate: iso(now - 10 * DAY + d * DAY), reason: `NOT_AS_DESCRIBED` })),
    });
    expect(res.status).toBe(201);
    const report = await returnsReport({ dataStartTime: iso(now - 6 * DAY), dataEndTime: iso(now - 4 * DAY) });
    expect(report.status).toBe('DONE');
    expect(report.header).toEqual(['return-date', 'order-id', 'sku', 'asin', 'fnsku', 'product-name', 'quantity', 'fulfillment-center-id', 'detailed-disposition', 'reason', 'status', 'license-plate-number', 'customer-comments']);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0].slice(0, 3)).toEqual([iso(now - 5 * DAY).replace(/\.\d{3}Z$/, '+00:00'), order, 'DEMO-008']);
    // Default range: the last 30 days, so every return above is in it.
    const all = await returnsReport();
    expect(all.rows.filter((r) => r[1] === order)).toHaveLength(3);
    expect((await returnsReport({ dataStartTime: iso(now - 300 * DAY), dataEndTime: iso(now - 200 * DAY) })).status).toBe('CANCELLED');
    const reversed = await call('POST', '/reports/2021-06-30/reports', { reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: [US], dataStartTime: iso(now), dataEndTime: iso(now - DAY) }, true);
    expect(reversed.status).toBe(400);
    const otherMarket = await call('POST', '/reports/2021-06-30/reports', { reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: ['A1PA6795UKMFR9'] }, true);
    expect(otherMarket.status).toBe(400);
  });
});

describe('automatic customer returns (customerReturnShare)', () => {
  async function autoReturns() {
    const box = await startSandbox({ port: 0, dataDir: null, rateScale: 1000, startTime: new Date(START), seedDemo: true });
    try {
      const post = (path: string, body: unknown) => fetch(box.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await post('/_sandbox/faults', { customerReturnShare: 0.5 });
      const orders = Array.from({ length: 20 }, (_, n) => ({ fulfillmentChannel: 'AFN', items: [{ sellerSku: `DEMO-0${10 + (n % 9)}`, quantity: 1 }], purchaseDate: iso(START + n * 3600_000) }));
      const placed = (await (await post(`/_sandbox/sellers/${SELLER}/orders`, { orders })).json()) as { amazonOrderIds: string[] };
      await post('/_sandbox/clock', { advanceMs: 25 * DAY });
      const res = await fetch(`${box.url}/_sandbox/sellers/${SELLER}/returns`);
      const body = (await res.json()) as { returns: { amazonOrderId: string; sellerSku: string; quantity: number; detailedDisposition: string; reason: string; returnDate: string }[] };
      // Only the orders placed here: the seeded history is dated from the (running) clock at start.
      return body.returns.filter((r) => placed.amazonOrderIds.includes(r.amazonOrderId)).map(({ amazonOrderId, sellerSku, quantity, detailedDisposition, reason, returnDate }) => ({ amazonOrderId, sellerSku, quantity, detailedDisposition, reason, returnDate }));
    } finally {
      await box.close();
    }
  }

  it('returns the same share of shipped AFN orders the same way every run', async () => {
    const first = await autoReturns();
    const second = await autoReturns();
    expect(first.length).toBeGreaterThan(3);
    expect(first.length).toBeLessThan(18);
    expect(second).toEqual(first);
    for (const r of first) expect(r.quantity).toBe(1);
  });

  it('leaves orders alone by default', async () => {
    await advanceDays(25);
    const listed = await admin(`/_sandbox/sellers/${SELLER}/returns`, undefined, 'GET');
    expect((listed.body.returns as unknown[]).length).toBe(6);
  });
});
