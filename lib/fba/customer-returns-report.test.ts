import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_RETURNS_COLUMNS } from './sp-api/models/reports';
import { fetchCustomerReturnsReport, parseCustomerReturnsReport } from './customer-returns-report';
import { US, createDemoClient, startTestSandbox, type TestSandbox } from './sp-api/testing/harness';

const HEADER = CUSTOMER_RETURNS_COLUMNS.join('\t');
const DAY = 86_400_000;

/** A row in Amazon's column order; `over` replaces cells by column name. */
function row(over: Partial<Record<(typeof CUSTOMER_RETURNS_COLUMNS)[number], string>> = {}): string {
  const base = {
    'return-date': '2026-03-04T10:15:00+00:00', 'order-id': '111-1234567-7654321', sku: 'A-1', asin: 'B0ABCDEFGH', fnsku: 'X00ABCDEFG',
    'product-name': 'Thing', quantity: '2', 'fulfillment-center-id': 'PHX6', 'detailed-disposition': 'SELLABLE', reason: 'UNWANTED_ITEM',
    status: 'Unit returned to inventory', 'license-plate-number': 'LPNRR1234567', 'customer-comments': '',
  };
  return CUSTOMER_RETURNS_COLUMNS.map((c) => over[c] ?? base[c]).join('\t');
}
const report = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('parseCustomerReturnsReport', () => {
  it('reads every row into typed returns', () => {
    const { rows, errors } = parseCustomerReturnsReport(report(row(), row({ 'detailed-disposition': 'CUSTOMER_DAMAGED', 'customer-comments': 'Broken', 'return-date': '2026-03-05T01:00:00Z' })));
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual({
      returnDate: new Date('2026-03-04T10:15:00Z'), orderId: '111-1234567-7654321', sellerSku: 'A-1', asin: 'B0ABCDEFGH', fnsku: 'X00ABCDEFG', productName: 'Thing',
      quantity: 2, fulfillmentCenterId: 'PHX6', disposition: 'SELLABLE', reason: 'UNWANTED_ITEM', status: 'Unit returned to inventory', licensePlateNumber: 'LPNRR1234567', comment: null,
    });
    expect(rows[1]).toMatchObject({ disposition: 'CUSTOMER_DAMAGED', comment: 'Broken', returnDate: new Date('2026-03-05T01:00:00Z') });
  });

  it('refuses a bad quantity, a bad date and a missing order id, naming the line', () => {
    const { rows, errors } = parseCustomerReturnsReport(report(row(), row({ quantity: '1.5' }), row({ quantity: '0' }), row({ 'return-date': '04/03/2026' }), row({ 'order-id': '' }), row({ sku: 'T', 'product-name': 'a\tb' })));
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      { line: 3, message: 'Order 111-1234567-7654321 SKU A-1: quantity "1.5" is not a whole number of units.' },
      { line: 4, message: 'Order 111-1234567-7654321 SKU A-1: quantity is 0.' },
      { line: 5, message: 'Order 111-1234567-7654321 SKU A-1: return-date "04/03/2026" is not an ISO date-time.' },
      { line: 6, message: 'has no order-id.' },
      { line: 7, message: `Has ${CUSTOMER_RETURNS_COLUMNS.length + 1} fields but the header has ${CUSTOMER_RETURNS_COLUMNS.length}.` },
    ]);
  });

  it('refuses a NUL or half an emoji in any cell by its line; a header alone is no returns (issue 13)', () => {
    const { rows, errors } = parseCustomerReturnsReport(report(row(), row({ 'customer-comments': 'a\u0000b' }), row({ reason: '\uDE00' })));
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      { line: 3, message: 'This row holds a NUL character (U+0000), which cannot be stored.' },
      { line: 4, message: 'This row holds a broken character (half of an emoji or symbol), which cannot be stored.' },
    ]);
    expect(parseCustomerReturnsReport(`\uFEFF${HEADER}\r\n`)).toEqual({ rows: [], errors: [] });
  });

  it('refuses a report without a required column', () => {
    const { rows, errors } = parseCustomerReturnsReport('return-date\torder-id\tsku\tdetailed-disposition\n2026-03-04T10:15:00Z\t1\tA\tSELLABLE\n');
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: 'The report has no "quantity" column.' }]);
  });
});

describe('fetchCustomerReturnsReport against the sandbox', () => {
  let sandbox: TestSandbox;
  const start = Date.parse('2026-04-01T12:00:00Z');
  beforeAll(async () => {
    sandbox = await startTestSandbox({ rateScale: 1000, startTime: new Date(start) });
  });
  afterAll(() => sandbox.close());
  // Each poll's wait moves the sandbox clock instead of sleeping, so the report reaches DONE at once.
  const sleep = (ms: number) => sandbox.advance(ms / 1000);

  it('requests, polls past DONE, downloads and parses the returns of the range; an empty range gives no rows', async () => {
    const client = createDemoClient(sandbox.url);
    const { amazonOrderIds } = await sandbox.admin<{ amazonOrderIds: string[] }>('POST', '/_sandbox/sellers/ASANDBOXSELLER1/orders', {
      orders: [{ fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-002', quantity: 2 }], purchaseDate: new Date(start - 5 * DAY).toISOString() }],
    });
    const orderId = amazonOrderIds[0];
    await sandbox.admin('POST', '/_sandbox/sellers/ASANDBOXSELLER1/returns', {
      returns: [
        { orderId, sellerSku: 'DEMO-002', quantity: 1, returnDate: new Date(start - 2 * DAY).toISOString(), comment: 'Too big' },
        { orderId, sellerSku: 'DEMO-002', quantity: 1, disposition: 'DEFECTIVE', reason: 'DEFECTIVE', returnDate: new Date(start - DAY).toISOString() },
      ],
    });
    const phases: string[] = [];
    const out = await fetchCustomerReturnsReport(client, { marketplaceId: US, since: new Date(start - 3 * DAY), sleep, onProgress: (p) => void phases.push(p.phase) });
    expect(out.rows.map((r) => [r.orderId, r.sellerSku, r.quantity, r.disposition, r.reason, r.comment, r.returnDate.toISOString()])).toEqual([
      [orderId, 'DEMO-002', 1, 'SELLABLE', 'UNWANTED_ITEM', 'Too big', new Date(start - 2 * DAY).toISOString()],
      [orderId, 'DEMO-002', 1, 'DEFECTIVE', 'DEFECTIVE', null, new Date(start - DAY).toISOString()],
    ]);
    expect(out.rows[0]).toMatchObject({ status: 'Unit returned to inventory', fulfillmentCenterId: expect.any(String), licensePlateNumber: expect.stringMatching(/^LPN/) });
    expect([...new Set(phases)]).toEqual(['Requesting report', 'Waiting for Amazon', 'Downloading', 'Parsing']);

    const only = await fetchCustomerReturnsReport(client, { marketplaceId: US, since: new Date(start - 3 * DAY), until: new Date(start - 1.5 * DAY), sleep });
    expect(only.rows.map((r) => r.disposition)).toEqual(['SELLABLE']);
    const none = await fetchCustomerReturnsReport(client, { marketplaceId: US, since: new Date(start - 90 * DAY), until: new Date(start - 60 * DAY), sleep });
    expect(none.rows).toEqual([]);
  });

  it('words Amazon refusals as the customer returns report', async () => {
    const client = createDemoClient(sandbox.url);
    await expect(fetchCustomerReturnsReport(client, { marketplaceId: 'A1PA6795UKMFR9', since: new Date(start - DAY), sleep })).rejects.toMatchObject({
      code: 'AMAZON_ERROR',
      message: expect.stringMatching(/^The customer returns report failed\. Amazon said: /),
    });
  });
});
