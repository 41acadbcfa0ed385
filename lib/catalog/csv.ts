import { DomainError } from '@/lib/errors';

/**
 * RFC 4180 CSV, as spreadsheets write it: fields separated by commas, records by CRLF (LF and a
 * lone CR are accepted too), fields containing a comma, quote or line break wrapped in double
 * quotes with inner quotes doubled. A UTF-8 byte-order mark (Excel adds one) is dropped.
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
    record.push(field);
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
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
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

/** Quotes only when needed, so plain values stay readable; records end with CRLF as RFC 4180 says. */
export function formatCsvField(value: string | number | null | undefined): string {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsvRow(fields: (string | number | null | undefined)[]): string {
  return `${fields.map(formatCsvField).join(',')}\r\n`;
}
