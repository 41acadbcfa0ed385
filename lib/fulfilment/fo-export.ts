import type { Db } from '@/db';
import { decodeCursor, type Cursor } from '@/lib/paging';
import { csvStream, type CsvRecord } from '@/lib/csv/write';
import { listFulfilmentOrders, type FoFilters, type FoListRow } from './fo-list';

export const FO_EXPORT_BATCH = 1000;

export const FO_CSV_HEADER: CsvRecord = [
  'Fulfilment order',
  'Sale',
  'Customer',
  'Connection',
  'Status',
  'Amazon status',
  'Created (UTC)',
  'Shipped (UTC)',
  'Delivered (UTC)',
  'Shipping speed',
  'Ship to',
  'Country',
  'Items',
  'Units',
  'Tracking numbers',
  'Last error',
];

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '');

function toRecord(r: FoListRow): CsvRecord {
  return [r.number, r.saleNumber, r.customer, r.connection, r.status, r.amazonStatus, when(r.createdAt), when(r.shippedAt), when(r.deliveredAt), r.shippingSpeed, r.shipToName, r.shipToCountry, r.items, r.units, r.tracking, r.lastError];
}

/** The filtered list, newest first, a page at a time: the next page is read only when the one before has gone out. */
async function* batches(db: Db, filters: FoFilters, batch: number) {
  let after: Cursor | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof listFulfilmentOrders>> = await listFulfilmentOrders(db, { ...filters, sort: 'created', dir: 'desc', after, limit: batch });
    if (page.rows.length > 0) yield page.rows.map(toRecord);
    if (!page.next) return;
    after = decodeCursor(page.next);
  }
}

/** The fulfilment order list as CSV, with the list's filters, streamed so a large list never sits in memory. */
export function streamFulfilmentOrdersCsv(db: Db, filters: FoFilters, batch = FO_EXPORT_BATCH): ReadableStream<Uint8Array> {
  return csvStream(FO_CSV_HEADER, batches(db, filters, batch));
}
