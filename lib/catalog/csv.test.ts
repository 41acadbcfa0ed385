import { describe, expect, it } from 'vitest';
import { formatCsvRow, parseCsv } from './csv';

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
