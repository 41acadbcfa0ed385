import { afterEach, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/driver';
import { ledgerInvariantProblems } from './stock';

type Problem = { problem: string };
const problems = async (db: Db, query: ReturnType<typeof sql>) => rowsOf<Problem>(await db.execute(query)).map((r) => r.problem);

/**
 * The stock ledger against the cached levels and costs, over the whole database: each level equals
 * the sum of its entries (and is never negative), no entries without a level, each product's costed
 * quantity equals its entries plus what is in transit; and no source line posted twice.
 */
export const ledgerProblems = async (db: Db) => [
  ...(await ledgerInvariantProblems(db)),
  ...(await problems(
    db,
    sql`
    SELECT 'posted twice: ' || source_type || ' ' || source_id || ' line ' || source_line || ' (' || count(*) || ' entries)' AS problem
    FROM stock_ledger WHERE source_type IN ('stocktake', 'sale') OR (source_type = 'transfer' AND quantity < 0)
    GROUP BY source_type, source_id, source_line HAVING count(*) > 1`,
  )),
];

/**
 * Each stocktake fully completed (Completed, every line counted, one entry per changed line moving
 * on hand from the snapshot to the count) or untouched (In Progress, nothing counted, no entry).
 * Each stocktake's location holds only its own stock, so the snapshot is on hand at completion.
 */
export const stocktakeProblems = (db: Db) =>
  problems(
    db,
    sql`
    WITH l AS (SELECT stocktake_id, count(*) FILTER (WHERE counted IS NOT NULL) AS counted, count(*) FILTER (WHERE counted IS NOT NULL AND counted <> expected) AS changed,
                      coalesce(sum(counted - expected), 0) AS diff, count(*) AS lines FROM stocktake_lines GROUP BY 1),
         e AS (SELECT source_id, count(*) AS entries, sum(quantity) AS q FROM stock_ledger WHERE source_type = 'stocktake' GROUP BY 1)
    SELECT 'stocktake ' || st.number || ' ' || st.status || ': ' || l.counted || '/' || l.lines || ' counted, ' || coalesce(e.entries, 0) || ' entries for ' || l.changed || ' changes, ' || coalesce(e.q, 0) || ' units vs ' || l.diff AS problem
    FROM stocktakes st JOIN l ON l.stocktake_id = st.id LEFT JOIN e ON e.source_id = st.id
    WHERE NOT (st.status = 'Completed' AND st.completed_at IS NOT NULL AND l.counted = l.lines AND coalesce(e.entries, 0) = l.changed AND coalesce(e.q, 0) = l.diff)
      AND NOT (st.status = 'In Progress' AND st.completed_at IS NULL AND l.counted = 0 AND e.entries IS NULL)`,
  );

/** The counts the stocktake page reads (stocktake_line_counts, kept by triggers) against the lines. */
export const lineCountProblems = (db: Db) =>
  problems(
    db,
    sql`
    WITH l AS (SELECT stocktake_id, count(*)::int AS lines, count(counted)::int AS counted FROM stocktake_lines GROUP BY 1)
    SELECT 'stocktake ' || st.number || ' counts ' || coalesce(c.counted, 0) || '/' || coalesce(c.lines, 0) || ', lines say ' || coalesce(l.counted, 0) || '/' || coalesce(l.lines, 0) AS problem
    FROM stocktakes st LEFT JOIN l ON l.stocktake_id = st.id LEFT JOIN stocktake_line_counts c ON c.stocktake_id = st.id
    WHERE coalesce(c.lines, 0) <> coalesce(l.lines, 0) OR coalesce(c.counted, 0) <> coalesce(l.counted, 0)`,
  );

/**
 * Each sale's Pick fully authorised (status, one entry per pick line removing its quantity, one log
 * line) or not at all; each Ship fully authorised (status, one shipment, a ship line per pick line,
 * one fulfilment order for the FBA lines with an item each, one log line) or not at all.
 */
export const saleProblems = (db: Db) =>
  problems(
    db,
    sql`
    WITH pl AS (SELECT sale_id, count(*) AS n, sum(quantity) AS q, count(*) FILTER (WHERE location_id IN (SELECT id FROM locations WHERE external_connection_id IS NOT NULL)) AS fba
                FROM sale_pick_lines GROUP BY 1),
         e AS (SELECT source_id, count(*) AS n, sum(quantity) AS q FROM stock_ledger WHERE source_type = 'sale' GROUP BY 1),
         sh AS (SELECT sale_id, count(*) AS n FROM sale_shipments GROUP BY 1),
         sl AS (SELECT sale_id, count(*) AS n FROM sale_ship_lines GROUP BY 1),
         fo AS (SELECT f.sale_id, count(DISTINCT f.id) AS n, count(i.order_id) AS items FROM fulfilment_orders f LEFT JOIN fulfilment_order_items i ON i.order_id = f.id GROUP BY 1),
         lg AS (SELECT sale_id, count(*) FILTER (WHERE stage = 'Pick' AND message LIKE 'Authorised%') AS pick, count(*) FILTER (WHERE stage = 'Ship' AND message LIKE 'Authorised%') AS ship FROM sale_log GROUP BY 1)
    SELECT 'sale ' || s.number || ' pick ' || s.pick_status || ': ' || coalesce(e.n, 0) || ' entries (' || coalesce(e.q, 0) || ' units) for ' || pl.n || ' lines (' || pl.q || '), ' || coalesce(lg.pick, 0) || ' log lines' AS problem
    FROM sales s JOIN pl ON pl.sale_id = s.id LEFT JOIN e ON e.source_id = s.id LEFT JOIN lg ON lg.sale_id = s.id
    WHERE NOT (s.pick_status = 'Authorised' AND e.n = pl.n AND e.q = -pl.q AND lg.pick = 1)
      AND NOT (s.pick_status <> 'Authorised' AND e.n IS NULL AND coalesce(lg.pick, 0) = 0)
    UNION ALL
    SELECT 'sale ' || s.number || ' ship ' || s.ship_status || ': ' || coalesce(sh.n, 0) || ' shipments, ' || coalesce(sl.n, 0) || ' ship lines for ' || pl.n || ', ' || coalesce(fo.n, 0) || ' orders with '
           || coalesce(fo.items, 0) || ' items for ' || pl.fba || ' FBA lines, ' || coalesce(lg.ship, 0) || ' log lines'
    FROM sales s JOIN pl ON pl.sale_id = s.id LEFT JOIN sh ON sh.sale_id = s.id LEFT JOIN sl ON sl.sale_id = s.id LEFT JOIN fo ON fo.sale_id = s.id LEFT JOIN lg ON lg.sale_id = s.id
    WHERE NOT (s.ship_status = 'Authorised' AND s.pick_status = 'Authorised' AND sh.n = 1 AND sl.n = pl.n AND fo.n = 1 AND fo.items = pl.fba AND lg.ship = 1)
      AND NOT (s.ship_status <> 'Authorised' AND sh.n IS NULL AND sl.n IS NULL AND fo.n IS NULL AND coalesce(lg.ship, 0) = 0)`,
  );

/**
 * Each inbound shipment in one of four whole states: Confirm not pressed (nothing queued, logged or
 * posted); pressed and waiting for Amazon (one call queued, one log line, the transfer still Draft);
 * confirmed (Ready to Ship, the call done, the transfer In Transit with one entry per line taking
 * its quantity from the source, box and shipping labels queued once, the confirmation logged once);
 * received (Closed: the receipts recorded, the transfer Completed with every unit arrived at the FBA
 * location and the shortfall — one unit on every fourth line — written off by one adjustment).
 */
export const inboundProblems = (db: Db) =>
  problems(
    db,
    sql`
    WITH ob AS (SELECT subject_id, count(*) AS n, count(*) FILTER (WHERE status = 'done') AS done, count(*) FILTER (WHERE status IN ('pending', 'sending')) AS open FROM outbox WHERE kind = 'inbound.confirm' GROUP BY 1),
         tl AS (SELECT transfer_id, count(*) AS n, sum(quantity) AS q, sum(received) AS r, count(*) FILTER (WHERE line_no % 4 = 0) AS short FROM stock_transfer_lines GROUP BY 1),
         e AS (SELECT source_id, count(*) FILTER (WHERE quantity < 0) AS out_n, sum(quantity) FILTER (WHERE quantity < 0) AS out_q, sum(quantity) FILTER (WHERE quantity > 0) AS in_q
               FROM stock_ledger WHERE source_type = 'transfer' GROUP BY 1),
         rc AS (SELECT a.inbound_id, sum(r.received) AS r FROM inbound_receipts r JOIN inbound_amazon_shipments a ON a.id = r.amazon_shipment_id GROUP BY 1),
         wo AS (SELECT a.transfer_id, count(DISTINCT a.id) AS n, sum(l.quantity) AS q FROM stock_adjustments a LEFT JOIN stock_ledger l ON l.source_type = 'adjustment' AND l.source_id = a.id
                WHERE a.transfer_id IS NOT NULL GROUP BY 1),
         lb AS (SELECT inbound_id, count(*) AS n FROM label_documents GROUP BY 1),
         lg AS (SELECT inbound_id, count(*) FILTER (WHERE message LIKE 'Confirm pressed%') AS pressed, count(*) FILTER (WHERE message LIKE 'Amazon confirmed%') AS confirmed,
                       count(*) FILTER (WHERE message LIKE 'Transfer % shipped%') AS shipped, count(*) FILTER (WHERE message LIKE 'Closed by Amazon%') AS closed FROM inbound_log GROUP BY 1)
    SELECT 'inbound ' || i.name || ' ' || i.status || '/' || i.step || ': calls ' || coalesce(ob.n, 0) || ' (' || coalesce(ob.done, 0) || ' done), transfer ' || t.status || ' out ' || coalesce(e.out_n, 0)
           || ' entries (' || coalesce(e.out_q, 0) || ') in ' || coalesce(e.in_q, 0) || ' for ' || tl.n || ' lines (' || tl.q || '), received ' || tl.r || ' (receipts ' || coalesce(rc.r, 0) || '), write-offs '
           || coalesce(wo.n, 0) || ' (' || coalesce(wo.q, 0) || '), ' || coalesce(lb.n, 0) || ' labels, log ' || concat_ws('/', lg.pressed, lg.confirmed, lg.shipped, lg.closed) AS problem
    FROM inbound_shipments i JOIN stock_transfers t ON t.id = i.transfer_id JOIN tl ON tl.transfer_id = t.id
    LEFT JOIN ob ON ob.subject_id = i.id LEFT JOIN e ON e.source_id = t.id LEFT JOIN rc ON rc.inbound_id = i.id LEFT JOIN wo ON wo.transfer_id = t.id
    LEFT JOIN lb ON lb.inbound_id = i.id LEFT JOIN lg ON lg.inbound_id = i.id
    WHERE NOT (i.status = 'Draft' AND i.step = 'review' AND ob.n IS NULL AND t.status = 'Draft' AND e.source_id IS NULL AND lb.n IS NULL AND lg.pressed IS NULL AND tl.r = 0)
      AND NOT (i.status = 'Draft' AND i.step = 'review' AND ob.n = 1 AND ob.open = 1 AND lg.pressed = 1 AND t.status = 'Draft' AND e.source_id IS NULL AND lb.n IS NULL AND lg.confirmed = 0 AND tl.r = 0)
      AND NOT (i.status IN ('Ready to Ship', 'Closed') AND i.step = 'done' AND ob.n = 1 AND ob.done = 1 AND lg.pressed = 1 AND lg.confirmed = 1 AND lg.shipped = 1 AND lb.n = 2
               AND e.out_n = tl.n AND e.out_q = -tl.q
               AND ((i.status = 'Ready to Ship' AND t.status = 'In Transit' AND e.in_q IS NULL AND tl.r = 0 AND rc.r = 0 AND wo.n IS NULL AND lg.closed = 0)
                 OR (i.status = 'Closed' AND t.status = 'Completed' AND e.in_q = tl.q AND tl.r = tl.q - tl.short AND rc.r = tl.r AND lg.closed = 1
                     AND coalesce(wo.n, 0) = (CASE WHEN tl.short > 0 THEN 1 ELSE 0 END) AND coalesce(wo.q, 0) = -tl.short)))`,
  );

/** How far the posting got: documents fully posted, per kind. */
export async function postedCounts(db: Db) {
  const [row] = rowsOf<{ stocktakes: number; picks: number; ships: number; pressed: number; confirmed: number; received: number; total_stocktakes: number; total_sales: number; total_inbound: number }>(
    await db.execute(sql`SELECT
      (SELECT count(*)::int FROM stocktakes WHERE status = 'Completed') AS stocktakes, (SELECT count(*)::int FROM stocktakes) AS total_stocktakes,
      (SELECT count(*)::int FROM sales WHERE pick_status = 'Authorised') AS picks, (SELECT count(*)::int FROM sales WHERE ship_status = 'Authorised') AS ships,
      (SELECT count(*)::int FROM sales) AS total_sales,
      (SELECT count(*)::int FROM outbox WHERE kind = 'inbound.confirm') AS pressed, (SELECT count(*)::int FROM inbound_shipments WHERE status IN ('Ready to Ship', 'Closed')) AS confirmed,
      (SELECT count(*)::int FROM inbound_shipments WHERE status = 'Closed') AS received,
      (SELECT count(*)::int FROM inbound_shipments) AS total_inbound`),
  );
  return row;
}

/** Every check at once, in one snapshot (a commit landing mid-check cannot make a document look half posted). */
export function allProblems(db: Db) {
  return db.transaction(
    async (tx) => {
      const d = tx as unknown as Db;
      return [...(await ledgerProblems(d)), ...(await stocktakeProblems(d)), ...(await lineCountProblems(d)), ...(await saleProblems(d)), ...(await inboundProblems(d))];
    },
    { isolationLevel: 'repeatable read' },
  );
}

/** In a stocktake test file: after every test, the counts the stocktake page reads equal the lines. */
export function checkLineCountsAfterEach(db: () => Db) {
  afterEach(async () => expect(await lineCountProblems(db())).toEqual([]));
}
