import { Readable, pipeline } from 'node:stream';
import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { neutraliseCell } from './cells';

export type CsvCell = string | number | null | undefined;
export type CsvRecord = CsvCell[];

/**
 * How every export writes CSV: records end with CRLF as RFC 4180 says; a field is quoted only when
 * it must be (a comma, quote or line break, or spaces a reader would trim), so plain values stay
 * readable; text a spreadsheet would run is neutralised, while a number is data (-3 stays -3).
 */
const OPTIONS: Options = {
  record_delimiter: 'windows',
  quoted_match: [/[\r\n]/, /^\s|\s$/],
  cast: { string: neutraliseCell, number: String },
};

export function formatCsvRow(fields: CsvRecord): string {
  return stringifySync([fields], OPTIONS);
}

/**
 * A CSV download as a stream: the header, then the records of each batch as the client takes them,
 * so a batch is read only when the bytes before it have gone out and a large export never sits in
 * memory. Starts with a byte-order mark so Excel reads UTF-8. A failure while reading a batch
 * aborts the download rather than ending it early as if complete.
 */
export function csvStream(header: CsvRecord, batches: AsyncIterable<CsvRecord[]>): ReadableStream<Uint8Array> {
  async function* records() {
    yield header;
    for await (const batch of batches) yield* batch;
  }
  const writer = stringify({ ...OPTIONS, bom: true });
  pipeline(Readable.from(records()), writer, () => {
    // pipeline() destroys both streams with the error; the web stream below reports it.
  });
  return Readable.toWeb(writer) as ReadableStream<Uint8Array>;
}
