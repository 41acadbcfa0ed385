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
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nul = src.indexOf('\0');
  if (nul >= 0) throw new DomainError('INVALID_INPUT', `Line ${lineAt(src, nul)}: the file contains a NUL character (byte 0), which is not text. ${SAVE_AS_UTF8}`);
  try {
    return parse(src, {
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // A line holding only "" is as blank as an empty one.
      on_record: (record: string[]) => (record.length === 1 && record[0] === '' ? null : record.map(restoreCell)),
    });
  } catch (e) {
    if (e instanceof CsvError) throw refusal(e, src);
    throw e;
  }
}

/** An uploaded file's records (its bytes, or text already decoded), refused as above naming the line. */
export async function readCsvFile(file: string | Blob): Promise<string[][]> {
  return parseCsv(typeof file === 'string' ? file : decodeCsv(new Uint8Array(await file.arrayBuffer())));
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
