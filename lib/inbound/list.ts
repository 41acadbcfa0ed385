import { and, desc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { inboundAmazonShipments, inboundShipments, labelDocuments, locations, stockTransfers } from '@/db/schema';
import { decodeCursor, encodeCursor, PAGE_SIZE, type Cursor, type Page } from '@/lib/paging';
import { momentKeyset } from '@/lib/paging-sql';
import { validDay } from '@/lib/validation/day';
import type { InboundStatus } from './inbound-status';

// Integration → Fulfilment by Amazon → [connection] → Inbound Shipments: the shipments made here,
// newest first, in one query (keyset paging on created_at, id; the partial index
// inbound_shipments_list_idx serves the connection, the date range and the order).

type SearchParams = Record<string, string | undefined>;

export type InboundListParams = {
  /** UTC days (yyyy-mm-dd), inclusive, on the date the shipment was created. */
  from?: string;
  to?: string;
  /** Transfer order # (prefix), from location (part of its name) or a date (yyyy-mm-dd). */
  q?: string;
  after: Cursor | null;
  limit?: number;
};

export type InboundLabelLink = { id: string; kind: 'box' | 'shipping' | 'fnsku'; format: string; fileName: string | null };

export type InboundListRow = {
  id: string;
  name: string;
  status: InboundStatus;
  step: string;
  createdAt: Date;
  estimatedCharges: number | null;
  currency: string | null;
  transferId: string;
  transferNumber: string;
  transferStatus: string;
  fromLocation: string;
  /** Amazon's shipment confirmation ids (FBA…), in order. */
  amazonIds: string[];
  labels: InboundLabelLink[];
};

const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
const dayEnd = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reads the tab's search params (?from=&to=&q=&after=), ignoring anything unknown. */
export function readInboundListParams(sp: SearchParams): InboundListParams {
  return { from: validDay(sp.from), to: validDay(sp.to), q: sp.q?.trim() || undefined, after: decodeCursor(sp.after) };
}

function where(connectionId: string, p: InboundListParams): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(inboundShipments.connectionId, connectionId), isNull(inboundShipments.deletedAt)];
  if (p.from) conds.push(gte(inboundShipments.createdAt, dayStart(p.from)));
  if (p.to) conds.push(lt(inboundShipments.createdAt, dayEnd(p.to)));
  if (p.q) {
    const day = validDay(p.q);
    conds.push(
      or(
        sql`lower(${stockTransfers.number}) LIKE ${`${escapeLike(p.q.toLowerCase())}%`}`,
        sql`${locations.name} ILIKE ${`%${escapeLike(p.q)}%`}`,
        day ? and(gte(inboundShipments.createdAt, dayStart(day)), lt(inboundShipments.createdAt, dayEnd(day))) : undefined,
      ),
    );
  }
  conds.push(momentKeyset(inboundShipments.createdAt, inboundShipments.id, 'desc', p.after).where);
  return and(...conds);
}

/** One page of a connection's inbound shipments (not deleted), newest first, with Amazon ids and label links: one query. */
export async function listInbound(db: Db | Tx, connectionId: string, p: InboundListParams): Promise<Page<InboundListRow>> {
  const limit = p.limit ?? PAGE_SIZE;
  const rows = await db
    .select({
      id: inboundShipments.id,
      name: inboundShipments.name,
      status: inboundShipments.status,
      step: inboundShipments.step,
      createdAt: inboundShipments.createdAt,
      createdKey: sql<string>`${inboundShipments.createdAt}::text`,
      estimatedCharges: inboundShipments.estimatedCharges,
      currency: inboundShipments.currency,
      transferId: stockTransfers.id,
      transferNumber: stockTransfers.number,
      transferStatus: stockTransfers.status,
      fromLocation: locations.name,
      amazonIds: sql<string[] | null>`(SELECT array_agg(a.confirmation_id ORDER BY a.confirmation_id) FROM ${inboundAmazonShipments} a WHERE a.inbound_id = ${inboundShipments.id} AND a.confirmation_id IS NOT NULL)`,
      labels: sql<InboundLabelLink[] | null>`(SELECT json_agg(json_build_object('id', d.id, 'kind', d.kind, 'format', d.format, 'fileName', d.file_name) ORDER BY d.created_at, d.id) FROM ${labelDocuments} d WHERE d.inbound_id = ${inboundShipments.id} AND d.status = 'done')`,
    })
    .from(inboundShipments)
    .innerJoin(stockTransfers, eq(stockTransfers.id, inboundShipments.transferId))
    .innerJoin(locations, eq(locations.id, stockTransfers.fromLocationId))
    .where(where(connectionId, p))
    .orderBy(desc(inboundShipments.createdAt), desc(inboundShipments.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    rows: shown.map(({ createdKey: _k, ...r }) => ({ ...r, amazonIds: r.amazonIds ?? [], labels: r.labels ?? [] })),
    next: more && last ? encodeCursor({ v: last.createdKey, id: last.id }) : null,
  };
}

/** The tab's filters as search params (for the pager and the "show all" link). */
export function inboundFilterQuery(p: Pick<InboundListParams, 'from' | 'to' | 'q'>): Record<string, string | undefined> {
  return { from: p.from, to: p.to, q: p.q };
}

