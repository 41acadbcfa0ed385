import { DomainError } from '@/lib/errors';

/**
 * A spreadsheet runs a cell starting with = + - @ as a formula (a tab, CR or LF in front may be
 * stripped first), so a product named `=HYPERLINK(…)` could leak data or start a program when an
 * export is opened. Such cells are written with a leading `'`, which spreadsheets take as "text".
 * Any number of quotes before the trigger counts too, so a value that already starts with `'=`
 * gets one more and every value reads back exactly: the reader removes exactly one quote from a
 * cell that is quotes then a trigger, and nothing else.
 */
const FORMULA_START = /^'*[=+\-@\t\r\n]/;
const NEUTRALISED = /^'+[=+\-@\t\r\n]/;

export const neutraliseCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
export const restoreCell = (cell: string) => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);

/** PostgreSQL text cannot hold U+0000; a file with one is not a spreadsheet's CSV anyway. */
const nulRefused = (line: number) =>
  new DomainError('INVALID_INPUT', `Line ${line}: the file contains a NUL character (byte 0), which is not text. Save it from your spreadsheet as "CSV UTF-8" and upload it again.`);

/**
 * The bytes of an uploaded file as text, refused unless they are UTF-8 (the BOM Excel adds is
 * dropped). Decoding leniently would turn every byte of a Latin-1 or UTF-16 file into U+FFFD and
 * import garbled names without a word, so the first bad line is named instead.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError(
      'INVALID_INPUT',
      `Line ${firstBadLine(bytes)}: the file is not UTF-8 text (it may be saved as UTF-16, Latin-1 or another encoding). Save it from your spreadsheet as "CSV UTF-8" and upload it again.`,
    );
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
 * RFC 4180 CSV, as spreadsheets write it: fields separated by commas, records by CRLF (LF and a
 * lone CR are accepted too), fields containing a comma, quote or line break wrapped in double
 * quotes with inner quotes doubled. A UTF-8 byte-order mark (Excel adds one) is dropped, and each
 * field is read back from its formula-neutralised form (see `neutraliseCell`).
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  let i = 0;
  const endField = () => {
    record.push(restoreCell(field));
    field = '';
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty field) carries no data; spreadsheets leave them at the end.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\0') throw nulRefused(line);
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      endRecord();
      line++;
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (quoted) throw new DomainError('INVALID_INPUT', `Line ${quoteLine}: a quoted field is never closed (missing ").`);
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/**
 * Quotes only when needed, so plain values stay readable; records end with CRLF as RFC 4180 says.
 * Text that a spreadsheet would run is neutralised; a number is data (-3 stays -3).
 */
export function formatCsvField(value: string | number | null | undefined): string {
  const s = value == null ? '' : typeof value === 'number' ? String(value) : neutraliseCell(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsvRow(fields: (string | number | null | undefined)[]): string {
  return `${fields.map(formatCsvField).join(',')}\r\n`;
}
