import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { productCosts, saleCreditNoteLines, saleCreditNotes, sales, stockLedger, type CREDIT_NOTE_SOURCES } from '@/db/schema';
import { nextNumber } from '@/lib/reference/numbers';
import { logSale } from '@/lib/sale/sale-write';
import { postMovements } from '@/lib/stock/ledger';

export type CreditNoteSource = (typeof CREDIT_NOTE_SOURCES)[number];

/** How the sale page names where a credit note came from. */
export const CREDIT_NOTE_SOURCE_LABEL: Record<CreditNoteSource, string> = {
  customer_return: 'Amazon customer return',
  fo_return: 'Fulfilment order return',
};

/** One returned line as Amazon reported it, before it is written. */
export type CreditLineInput = {
  productId: string;
  locationId: string;
  quantity: number;
  /** Minor units: quantity × the sale line's unit price. */
  amount: number;
  disposition: string;
  reason: string | null;
  /** Back into stock at `locationId` (a sellable unit); otherwise recorded only. */
  restocked: boolean;
  /** What Amazon reported, once: a second report of the same thing adds nothing. */
  externalKey: string;
  returnedAt: Date | null;
};

export type WrittenCreditNote = {
  id: string;
  number: string;
  /** The lines written (lines already recorded by an earlier import are left out). */
  lines: (CreditLineInput & { lineNo: number })[];
  restocked: number;
  unsellable: number;
};

/**
 * The unit cost (scale 4) each product left the sale's stock at, averaged over the sale's issues
 * (its Pick, or an Amazon order's sale): a returned unit comes back at what it went out at.
 * Products the sale never took out of stock come back at their average cost.
 */
async function returnCosts(tx: Tx, sourceIds: string[], productIds: string[]): Promise<Map<string, number>> {
  const costs = new Map<string, number>();
  if (productIds.length === 0) return costs;
  const issued = await tx
    .select({
      productId: stockLedger.productId,
      units: sql<string>`sum(-${stockLedger.quantity})`,
      value: sql<string>`sum(-${stockLedger.quantity}::numeric * ${stockLedger.unitCost})`,
    })
    .from(stockLedger)
    .where(
      and(
        inArray(stockLedger.sourceId, sourceIds),
        inArray(stockLedger.sourceType, ['sale', 'channel_order']),
        inArray(stockLedger.productId, productIds),
        lt(stockLedger.quantity, 0),
      ),
    )
    .groupBy(stockLedger.productId);
  for (const r of issued) if (Number(r.units) > 0) costs.set(r.productId, Math.round(Number(r.value) / Number(r.units)));
  const missing = productIds.filter((p) => !costs.has(p));
  if (missing.length > 0) {
    const avg = await tx.select({ productId: productCosts.productId, averageCost: productCosts.averageCost }).from(productCosts).where(inArray(productCosts.productId, missing));
    for (const r of avg) costs.set(r.productId, Number(r.averageCost));
  }
  return costs;
}

/**
 * Writes a credit note on a sale in the caller's transaction: the sale is locked first (so two
 * imports of the same return cannot both write it), lines whose external key is already recorded
 * are dropped, sellable lines go back into stock through the ledger (source 'return', the credit
 * note and its line, at the cost the sale took them out at), and the sale log says so under
 * Invoice. Returns null when every line was already recorded.
 */
export async function writeCreditNote(
  tx: Tx,
  note: {
    saleId: string;
    source: CreditNoteSource;
    reference: string | null;
    lines: CreditLineInput[];
    userId: string | null;
    /** Stock sources of the sale besides the sale itself (an Amazon order's row), for the return cost. */
    costSourceIds?: string[];
    at?: Date;
    /**
     * Lock the sale (default). A fulfilment order's return is written under its order's lock
     * instead (taking the sale's after it could deadlock with a sale stage that locks the sale, then
     * its orders); its lines' unique external keys still refuse a second write.
     */
    lockSale?: boolean;
  },
): Promise<WrittenCreditNote | null> {
  const saleQuery = tx.select({ id: sales.id, number: sales.number }).from(sales).where(eq(sales.id, note.saleId));
  const [sale] = note.lockSale === false ? await saleQuery : await saleQuery.for('update');
  if (!sale) return null;
  const keys = [...new Set(note.lines.map((l) => l.externalKey))];
  if (keys.length === 0) return null;
  const known = new Set(
    (await tx.select({ key: saleCreditNoteLines.externalKey }).from(saleCreditNoteLines).where(inArray(saleCreditNoteLines.externalKey, keys))).map((r) => r.key),
  );
  const seen = new Set<string>();
  const fresh = note.lines.filter((l) => !known.has(l.externalKey) && !seen.has(l.externalKey) && seen.add(l.externalKey));
  if (fresh.length === 0) return null;

  const number = await nextNumber(tx, 'CR');
  const total = fresh.reduce((n, l) => n + l.amount, 0);
  const [row] = await tx
    .insert(saleCreditNotes)
    .values({ number, saleId: sale.id, source: note.source, reference: note.reference, total, userId: note.userId, ...(note.at ? { createdAt: note.at } : {}) })
    .returning({ id: saleCreditNotes.id });
  const lines = fresh.map((l, i) => ({ ...l, lineNo: i + 1 }));
  await tx.insert(saleCreditNoteLines).values(lines.map((l) => ({ creditNoteId: row.id, ...l })));

  const back = lines.filter((l) => l.restocked);
  if (back.length > 0) {
    const costs = await returnCosts(tx, [sale.id, ...(note.costSourceIds ?? [])], [...new Set(back.map((l) => l.productId))]);
    await postMovements(
      tx,
      back.map((l) => ({
        productId: l.productId,
        locationId: l.locationId,
        binId: null,
        quantity: l.quantity,
        valued: true,
        unitCost: costs.get(l.productId) ?? 0,
        sourceType: 'return' as const,
        sourceId: row.id,
        sourceLine: l.lineNo,
      })),
      note.userId,
    );
  }
  const restocked = back.reduce((n, l) => n + l.quantity, 0);
  const unsellable = lines.reduce((n, l) => n + l.quantity, 0) - restocked;
  const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;
  const parts = [restocked ? `${units(restocked)} back in stock` : null, unsellable ? `${units(unsellable)} unsellable, recorded only` : null].filter(Boolean).join(', ');
  await logSale(tx, sale.id, 'Invoice', `Credit note ${number} (${CREDIT_NOTE_SOURCE_LABEL[note.source]}${note.reference ? ` ${note.reference}` : ''}): ${parts}.`, note.userId);
  return { id: row.id, number, lines, restocked, unsellable };
}

export type CreditNoteLineView = {
  lineNo: number;
  sku: string;
  name: string;
  location: string;
  quantity: number;
  disposition: string;
  reason: string | null;
  restocked: boolean;
  /** Minor units. */
  amount: number;
};

export type CreditNoteView = {
  id: string;
  number: string;
  createdAt: string;
  source: CreditNoteSource;
  sourceLabel: string;
  reference: string | null;
  /** Minor units. */
  total: number;
  lines: CreditNoteLineView[];
};

type CreditNoteRow = { id: string; number: string; created_at: string | Date; source: CreditNoteSource; reference: string | null; total: string | number; lines: CreditNoteLineView[] | string };

/** The sale page's credit notes, oldest first, each with its lines: one query. */
export async function creditNotesOf(db: Db | Tx, saleId: string): Promise<CreditNoteView[]> {
  const rows = rowsOf<CreditNoteRow>(
    await db.execute(sql`
      SELECT n.id, n.number, n.created_at, n.source, n.reference, n.total,
        coalesce((
          SELECT json_agg(json_build_object(
            'lineNo', l.line_no, 'sku', p.sku, 'name', p.name, 'location', loc.name, 'quantity', l.quantity,
            'disposition', l.disposition, 'reason', l.reason, 'restocked', l.restocked, 'amount', l.amount
          ) ORDER BY l.line_no)
          FROM sale_credit_note_lines l
          JOIN products p ON p.id = l.product_id
          JOIN locations loc ON loc.id = l.location_id
          WHERE l.credit_note_id = n.id
        ), '[]'::json) AS lines
      FROM sale_credit_notes n
      WHERE n.sale_id = ${saleId}
      ORDER BY n.created_at, n.number`),
  );
  return rows.map((r) => {
    const lines = (typeof r.lines === 'string' ? JSON.parse(r.lines) : r.lines) as CreditNoteLineView[];
    return {
      id: r.id,
      number: r.number,
      createdAt: new Date(r.created_at).toISOString(),
      source: r.source,
      sourceLabel: CREDIT_NOTE_SOURCE_LABEL[r.source],
      reference: r.reference,
      total: Number(r.total),
      lines: lines.map((l) => ({ ...l, amount: Number(l.amount), quantity: Number(l.quantity) })),
    };
  });
}
