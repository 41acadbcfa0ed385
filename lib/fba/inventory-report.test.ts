import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '@/lib/errors';
import { REPORT_COLUMNS } from './sp-api/models/reports';
import { fetchInventoryReport, parseInventoryReport, readInventoryReport } from './inventory-report';
import { reportLines } from './report-download';
import type { SpApiClient } from './sp-api';

const HEADER = REPORT_COLUMNS.GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA;

/** A row in Amazon's column order; `over` replaces cells by column name. */
function row(sku: string, over: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    sku, fnsku: `X00${sku.length}ABCDEF`, asin: 'B0ABCDEFGH', 'product-name': `Name of ${sku}`, condition: 'New', 'your-price': '',
    'mfn-listing-exists': 'No', 'mfn-fulfillable-quantity': '', 'afn-listing-exists': 'Yes', 'afn-warehouse-quantity': '15',
    'afn-fulfillable-quantity': '10', 'afn-unsellable-quantity': '2', 'afn-reserved-quantity': '3', 'afn-total-quantity': '27',
    'per-unit-volume': '0.05', 'afn-inbound-working-quantity': '4', 'afn-inbound-shipped-quantity': '5', 'afn-inbound-receiving-quantity': '3',
    'afn-researching-quantity': '0', 'afn-reserved-future-supply': '0', 'afn-future-supply-buyable': '0',
  };
  return HEADER.map((c) => over[c] ?? base[c]).join('\t');
}
const report = (...rows: string[]) => [HEADER.join('\t'), ...rows].join('\n') + '\n';

describe('parseInventoryReport', () => {
  it('reads quantities by disposition from Amazon’s columns', () => {
    const { rows, errors } = parseInventoryReport(report(row('A-1'), row('B-2', { 'product-name': '' })));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { sellerSku: 'A-1', fnsku: 'X003ABCDEF', asin: 'B0ABCDEFGH', productName: 'Name of A-1', condition: 'New', fulfillable: 10, inboundWorking: 4, inboundShipped: 5, inboundReceiving: 3, reserved: 3, unsellable: 2, total: 27 },
      expect.objectContaining({ sellerSku: 'B-2', productName: null }),
    ]);
  });

  it('finds columns by name: reordered, extra and absent optional columns, CRLF and a BOM', () => {
    const text = '\uFEFFnew-amazon-column\tafn-fulfillable-quantity\tSKU\tasin\r\nzzz\t7\tC-3\tB0ZZZZZZZZ\r\n\r\n';
    const { rows, errors } = parseInventoryReport(text);
    expect(errors).toEqual([]);
    // Without Amazon's total column the total is the sum of the dispositions read.
    expect(rows).toEqual([{ sellerSku: 'C-3', fnsku: null, asin: 'B0ZZZZZZZZ', productName: null, condition: null, fulfillable: 7, inboundWorking: 0, inboundShipped: 0, inboundReceiving: 0, reserved: 0, unsellable: 0, total: 7 }]);
  });

  it('refuses a report without a required column', () => {
    const { rows, errors } = parseInventoryReport('sku\tasin\nA-1\tB0ABCDEFGH\n');
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: 'The report has no "afn-fulfillable-quantity" column.' }]);
    expect(parseInventoryReport('').errors[0].message).toContain('"sku"');
  });

  it('reports bad numbers with their line numbers and keeps reading', () => {
    const { rows, errors } = parseInventoryReport(
      report(row('OK-1'), row('BAD-1', { 'afn-fulfillable-quantity': 'ten' }), row('BAD-2', { 'afn-reserved-quantity': '-1', 'afn-unsellable-quantity': '1.5' }), row('OK-2')),
    );
    expect(rows.map((r) => r.sellerSku)).toEqual(['OK-1', 'OK-2']);
    expect(errors).toEqual([
      { line: 3, message: 'SKU BAD-1: not a whole number of units: afn-fulfillable-quantity "ten".' },
      { line: 4, message: 'SKU BAD-2: not a whole number of units: afn-reserved-quantity "-1", afn-unsellable-quantity "1.5".' },
    ]);
  });

  it('reports rows whose fields shifted (a tab inside a value), missing SKUs, empty fulfillable and duplicates', () => {
    const { errors } = parseInventoryReport(
      report(row('T-1', { 'product-name': 'Bad\tname' }), row('', {}), row('E-1', { 'afn-fulfillable-quantity': '' }), row('D-1'), row('D-1')),
    );
    expect(errors).toEqual([
      { line: 2, message: `Has ${HEADER.length + 1} fields but the header has ${HEADER.length}.` },
      { line: 3, message: 'Has no SKU.' },
      { line: 4, message: 'SKU E-1: not a whole number of units: afn-fulfillable-quantity is empty.' },
      { line: 6, message: 'SKU D-1 is also on line 5.' },
    ]);
  });

  it('refuses a NUL or half an emoji in any cell by its line (PostgreSQL cannot store them), without the character in the message (issue 13)', () => {
    const { rows, errors } = parseInventoryReport(report(row('OK-1'), row('N-1', { 'product-name': 'a\u0000b' }), row('S-1', { condition: 'New \uD83D' }), row('N\u00002')));
    expect(rows.map((r) => r.sellerSku)).toEqual(['OK-1']);
    expect(errors).toEqual([
      { line: 3, message: 'SKU N-1: holds a NUL character (U+0000), which cannot be stored.' },
      { line: 4, message: 'SKU S-1: holds a broken character (half of an emoji or symbol), which cannot be stored.' },
      { line: 5, message: 'SKU N2: holds a NUL character (U+0000), which cannot be stored.' },
    ]);
  });

  it('reads a header alone as a report with no listings, and a 10 MB line as any other (issue 13)', () => {
    // Amazon sends the header alone when the seller has no FBA stock: every listing then has none.
    expect(parseInventoryReport(HEADER.join('\t') + '\r\n')).toEqual({ rows: [], errors: [] });
    const started = Date.now();
    const { rows, errors } = parseInventoryReport(report(row('LONG-1', { 'product-name': 'x'.repeat(10 * 1024 * 1024) }), row('OK-1')));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.sellerSku, r.productName?.length])).toEqual([['LONG-1', 10 * 1024 * 1024], ['OK-1', 'Name of OK-1'.length]]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads and refuses cells as the plain checks would (whitespace of any kind trimmed, only 1 to 9 ASCII digits, a NUL or half an emoji anywhere)', () => {
    const { rows, errors } = parseInventoryReport(
      report(
        row('\u00A0A-1\u3000', { 'afn-fulfillable-quantity': ' 7 ', 'afn-listing-exists': ' NO\u00A0' }),
        row(' B-2', { 'product-name': '\u2003Crème ✓\u2003', 'afn-fulfillable-quantity': '000000012' }),
        '\u00A0\t\u3000',
        row('C-3', { 'afn-fulfillable-quantity': '+5', 'afn-reserved-quantity': '1e3', 'afn-unsellable-quantity': '１２', 'afn-total-quantity': '1234567890' }),
        row('D-4', { 'product-name': 'half \uD83D' }),
        row('E-5', { 'afn-inbound-working-quantity': '-1', 'afn-inbound-shipped-quantity': '0x1', 'afn-inbound-receiving-quantity': '3.0' }),
      ),
    );
    expect(rows.map((r) => [r.sellerSku, r.productName, r.fulfillable])).toEqual([['B-2', 'Crème ✓', 12]]);
    expect(errors).toEqual([
      { line: 5, message: 'SKU C-3: not a whole number of units: afn-fulfillable-quantity "+5", afn-reserved-quantity "1e3", afn-unsellable-quantity "１２", afn-total-quantity "1234567890".' },
      { line: 6, message: 'SKU D-4: holds a broken character (half of an emoji or symbol), which cannot be stored.' },
      {
        line: 7,
        message: 'SKU E-5: not a whole number of units: afn-inbound-working-quantity "-1", afn-inbound-shipped-quantity "0x1", afn-inbound-receiving-quantity "3.0".',
      },
    ]);
  });

  it('skips merchant-fulfilled-only listings and lists at most 100 errors', () => {
    expect(parseInventoryReport(report(row('MFN-1', { 'afn-listing-exists': 'No' }))).rows).toEqual([]);
    const bad = Array.from({ length: 150 }, (_, i) => row(`B-${i}`, { 'afn-total-quantity': 'x' }));
    const { errors } = parseInventoryReport(report(...bad));
    expect(errors).toHaveLength(101);
    expect(errors[100]).toEqual({ line: 0, message: '…and 50 more unreadable rows.' });
  });
});

describe('readInventoryReport (the report read as it downloads)', () => {
  /** The document's bytes cut every `size` bytes, wherever that falls (inside a line, inside a character). */
  async function* pieces(text: string, size: number) {
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  async function readAll(text: string, size: number) {
    const rows = [];
    for await (const batch of readInventoryReport(reportLines(pieces(text, size)))) rows.push(...batch);
    return rows;
  }

  it('gives the rows parseInventoryReport gives, however the bytes are cut (CRLF, a BOM, accents, no final newline)', async () => {
    const text = '\uFEFF' + report(row('A-1', { 'product-name': 'Crème brûlée ✓' }), row('B-2'), row('MFN-1', { 'afn-listing-exists': 'No' }), row('C-3')).replace(/\n/g, '\r\n') + row('D-4');
    const whole = parseInventoryReport(text);
    expect(whole.errors).toEqual([]);
    expect(whole.rows.map((r) => r.sellerSku)).toEqual(['A-1', 'B-2', 'C-3', 'D-4']);
    for (const size of [1, 3, 7, 64, 100_000]) expect(await readAll(text, size)).toEqual(whole.rows);
  });

  it('refuses the report whole in parseInventoryReport’s words, and yields nothing once a row is unreadable', async () => {
    const broken = report(row('A-1'), row('B-2', { 'afn-fulfillable-quantity': 'x' }), row('C-3'), row('A-1'), row('N-1', { 'product-name': 'nul\0' }));
    const yielded: string[] = [];
    const reading = (async () => {
      for await (const batch of readInventoryReport(reportLines(pieces(broken, 5)))) yielded.push(...batch.map((r) => r.sellerSku));
    })();
    await expect(reading).rejects.toMatchObject({
      code: 'AMAZON_ERROR',
      message:
        "Amazon's inventory report has unreadable rows, so nothing was changed. Line 3: SKU B-2: not a whole number of units: afn-fulfillable-quantity \"x\". " +
        'Line 5: SKU A-1 is also on line 2. Line 6: SKU N-1: holds a NUL character (U+0000), which cannot be stored.',
    });
    expect(yielded).not.toContain('C-3');
    await expect(readAll('sku\tasin\nA-1\tB0\n', 4)).rejects.toThrow(/no "afn-fulfillable-quantity" column/);
    await expect(readAll('', 4)).rejects.toThrow(/no "sku" or "afn-fulfillable-quantity" column/);
  });
});

describe('fetchInventoryReport', () => {
  function fakeClient(statuses: string[], text = report(row('A-1'))) {
    const getReport = vi.fn(async () => {
      const processingStatus = statuses.shift() ?? 'DONE';
      return { reportId: 'R1', reportType: 'x', createdTime: '2026-01-01T00:00:00Z', processingStatus, ...(processingStatus === 'DONE' ? { reportDocumentId: 'D1' } : {}) };
    });
    return {
      client: {
        createReport: vi.fn(async () => 'R1'),
        getReport,
        getReportDocument: vi.fn(async () => ({ reportDocumentId: 'D1', url: 'https://example.invalid/d1' })),
        downloadReportDocument: vi.fn(async () => text),
      } as unknown as SpApiClient,
      getReport,
    };
  }

  it('polls with growing waits until DONE, then downloads and parses', async () => {
    const waits: number[] = [];
    const phases: string[] = [];
    const { client, getReport } = fakeClient(['IN_QUEUE', 'IN_PROGRESS', 'IN_PROGRESS']);
    const out = await fetchInventoryReport(client, { marketplaceId: 'M', sleep: async (ms) => void waits.push(ms), onProgress: (p) => void phases.push(p.phase) });
    expect(out.rows.map((r) => r.sellerSku)).toEqual(['A-1']);
    expect(out.reportId).toBe('R1');
    expect(getReport).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([1000, 1500, 2250, 3375]);
    expect([...new Set(phases)]).toEqual(['Requesting report', 'Waiting for Amazon', 'Downloading', 'Parsing']);
  });

  it('refuses a report with unreadable rows whole, naming the first lines, in one wording for every caller', async () => {
    const broken = report(row('A-1'), row('', {}), ...Array.from({ length: 6 }, (_, i) => row(`X-${i}`, { 'afn-fulfillable-quantity': 'x' })));
    const out = fetchInventoryReport(fakeClient([], broken).client, { marketplaceId: 'M', sleep: async () => {} });
    await expect(out).rejects.toMatchObject({
      code: 'AMAZON_ERROR',
      message:
        "Amazon's inventory report has unreadable rows, so nothing was changed. Line 3: Has no SKU. " +
        'Line 4: SKU X-0: not a whole number of units: afn-fulfillable-quantity "x". Line 5: SKU X-1: not a whole number of units: afn-fulfillable-quantity "x". ' +
        'Line 6: SKU X-2: not a whole number of units: afn-fulfillable-quantity "x". Line 7: SKU X-3: not a whole number of units: afn-fulfillable-quantity "x". …and 2 more.',
    });
  });

  it('turns CANCELLED, FATAL and a wait past the bound into clear errors', async () => {
    const sleep = async () => {};
    await expect(fetchInventoryReport(fakeClient(['CANCELLED']).client, { marketplaceId: 'M', sleep })).rejects.toThrow(/cancelled inventory report R1/);
    await expect(fetchInventoryReport(fakeClient(['FATAL']).client, { marketplaceId: 'M', sleep })).rejects.toThrow(DomainError);
    const slow = fakeClient(Array(100).fill('IN_PROGRESS'));
    await expect(fetchInventoryReport(slow.client, { marketplaceId: 'M', sleep, maxWaitMs: 10_000 })).rejects.toThrow(/had not finished the inventory report/);
    expect(slow.getReport.mock.calls.length).toBeLessThan(10);
  });
});
