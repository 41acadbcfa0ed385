import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '@/lib/errors';
import { lineAt, restoreCell } from './cells';

const SAVE_AS_UTF8 = 'Save it from your spreadsheet as "CSV UTF-8" and upload it again.';

/**
 * The bytes of an uploaded file as text, refused unless they are UTF-8 (the BOM Excel adds is
 * dropped). Decoding leniently would turn every byte of a Latin-1 or UTF-16 file into U+FFFD and
 * import garbled names without a word, so the first bad line is named instead.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('INVALID_INPUT', `Line ${firstBadLine(bytes)}: the file is not UTF-8 text (it may be saved as UTF-16, Latin-1 or another encoding). ${SAVE_AS_UTF8}`);
  }
}

/** Line breaks (CRLF, LF or CR) never fall inside a UTF-8 sequence, so each line decodes alone. */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i];
    if (i < bytes.length && b !== 0x0a && b !== 0x0d) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
    line++;
  }
  return line;
}

/**
 * RFC 4180 CSV as spreadsheets write it, read by csv-parse: fields separated by commas, records by
 * CRLF, LF or a lone CR (mixed in one file too), quoted fields with doubled inner quotes and line
 * breaks; a quote inside an unquoted field (12" ruler) is kept as written. A UTF-8 byte-order mark
 * and blank lines are dropped, records may differ in length (the caller names the row), and each
 * field is read back from its formula-neutralised form (see `neutraliseCell`). A NUL character
 * (PostgreSQL text cannot hold one; a file with one is not a spreadsheet's CSV) and an unclosed
 * quote are refused naming the line.
 */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.cells);
}

/**
 * A record and the line of the file it starts on (1-based, as a text editor counts: blank lines
 * and the line breaks inside quoted fields count). Importers name a bad row by this line, the same
 * numbering the reader's own refusals use; a record's index would drift after a blank line or a
 * multi-line field.
 */
export type CsvRecord = { line: number; cells: string[] };

/** parseCsv's records, each with the line it starts on. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nul = src.indexOf('\0');
  if (nul >= 0) throw new DomainError('INVALID_INPUT', `Line ${lineAt(src, nul)}: the file contains a NUL character (byte 0), which is not text. ${SAVE_AS_UTF8}`);
  // Each record's first line, counted here rather than taken from csv-parse's `lines`, which counts
  // a CRLF inside a quoted field twice. `bytes` is where a record ends (after its delimiter); the
  // next one starts after any blank lines.
  const buf = Buffer.from(src);
  let at = 0;
  let line = 1;
  let end = 0;
  const lineOf = (start: number) => {
    for (; at < start; at++) if (buf[at] === 0x0a || (buf[at] === 0x0d && buf[at + 1] !== 0x0a)) line++;
    return line;
  };
  const starts: number[] = [];
  try {
    return parse(buf, {
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        let start = end;
        while (buf[start] === 0x0a || buf[start] === 0x0d) start++;
        end = context.bytes;
        // A line holding only "" is as blank as an empty one.
        if (record.length === 1 && record[0] === '') return null;
        starts.push(lineOf(start));
        return record.map(restoreCell);
      },
    }).map((cells, i) => ({ line: starts[i], cells }));
  } catch (e) {
    if (e instanceof CsvError) throw refusal(e, src);
    throw e;
  }
}

/** An uploaded file's records (its bytes, or text already decoded), refused as above naming the line. */
export async function readCsvFile(file: string | Blob): Promise<string[][]> {
  return (await readCsvRecords(file)).map((r) => r.cells);
}

/** readCsvFile's records, each with the line it starts on. */
export async function readCsvRecords(file: string | Blob): Promise<CsvRecord[]> {
  return parseCsvRecords(typeof file === 'string' ? file : decodeCsv(new Uint8Array(await file.arrayBuffer())));
}

/** csv-parse's error in the user's words, naming the line where the broken record starts. */
function refusal(e: CsvError, src: string): DomainError {
  // `bytes_records`: where the last whole record ended, in UTF-8 bytes of the input.
  const end = typeof e.bytes_records === 'number' ? Buffer.from(src).subarray(0, e.bytes_records).toString().length : 0;
  const start = end + (/^[\r\n]*/.exec(src.slice(end))?.[0].length ?? 0);
  const line = lineAt(src, start);
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return new DomainError('INVALID_INPUT', `Line ${line}: a quoted field is never closed (missing ").`);
  return new DomainError('INVALID_INPUT', `Line ${line}: this is not valid CSV (${e.message}).`);
}
