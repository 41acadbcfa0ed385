import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, products, stocktakeLines, stocktakes, stocktakeScans } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { productForCode } from '@/lib/stock/product-lookup';
import { addStocktakeLine } from './stocktake';
import { isCounting } from './stocktake-status';

// Stocktake → Count (the floor screen): each scan adds units to the counted quantity of the line of
// the product it names, in the bin being counted. The device makes each scan's id, so a scan sent
// twice (a retry, the offline queue replayed) is counted once; Undo takes a scan's units off again.

export type ScanInput = { stocktakeId: string; scanId: string; code: string; quantity: number; binId: string | null; addToStocktake?: boolean };

export type ScanResult =
  | { status: 'counted'; scanId: string; lineId: string; sku: string; name: string; quantity: number; counted: number; bin: string | null; repeated: boolean }
  /** No product has this code. */
  | { status: 'unknown'; scanId: string; code: string }
  /** A product has it, but the stocktake has no line for it in this bin: the screen offers to add it. */
  | { status: 'not-on-stocktake'; scanId: string; code: string; sku: string; name: string; bin: string | null };

/**
 * The stocktake, held for the rest of the transaction against Complete and Void (FOR SHARE: scans
 * of two people go on side by side; completing waits for them), refused unless it is still counting.
 */
async function shareOpen(tx: Tx, stocktakeId: string) {
  const [doc] = await tx.select().from(stocktakes).where(eq(stocktakes.id, stocktakeId)).for('share');
  if (!doc) throw new DomainError('NOT_FOUND', 'That stocktake no longer exists.');
  if (!isCounting(doc.status)) throw new DomainError('INVALID_TRANSITION', `Stocktake ${doc.number} is ${doc.status}: nothing more can be counted.`);
  return doc;
}

async function binName(tx: Tx, binId: string | null) {
  if (!binId) return null;
  const [b] = await tx.select({ name: bins.name }).from(bins).where(eq(bins.id, binId));
  return b?.name ?? null;
}

/**
 * Records one scan. A scan id already recorded answers what it counted then (nothing is added);
 * `addToStocktake` first adds the product's line in this bin (the screen's "Add to the stocktake").
 */
export async function recordScan(db: Db, input: ScanInput, userId: string | null): Promise<ScanResult> {
  if (input.addToStocktake) {
    const product = await productForCode(db, input.code);
    if (!product) return { status: 'unknown', scanId: input.scanId, code: input.code };
    await addStocktakeLine(db, { stocktakeId: input.stocktakeId, sku: product.sku, binId: input.binId }).catch((e: unknown) => {
      // Added meanwhile (a second tap, another person): the scan below counts on that line.
      if (!isDomainError(e) || e.code !== 'DUPLICATE') throw e;
    });
  }
  return db.transaction(async (tx) => {
    await shareOpen(tx, input.stocktakeId);
    const [seen] = await tx
      .select({ scan: stocktakeScans, line: stocktakeLines, sku: products.sku, name: products.name, bin: bins.name })
      .from(stocktakeScans)
      .innerJoin(stocktakeLines, eq(stocktakeLines.id, stocktakeScans.lineId))
      .innerJoin(products, eq(products.id, stocktakeLines.productId))
      .leftJoin(bins, eq(bins.id, stocktakeLines.binId))
      .where(eq(stocktakeScans.id, input.scanId));
    if (seen) {
      if (seen.scan.stocktakeId !== input.stocktakeId) throw new DomainError('INVALID_INPUT', 'This scan belongs to another stocktake.');
      return { status: 'counted', scanId: input.scanId, lineId: seen.line.id, sku: seen.sku, name: seen.name, quantity: seen.scan.quantity, counted: seen.line.counted ?? 0, bin: seen.bin, repeated: true };
    }
    const product = await productForCode(tx, input.code);
    if (!product) return { status: 'unknown', scanId: input.scanId, code: input.code };
    const [line] = await tx
      .select({ id: stocktakeLines.id })
      .from(stocktakeLines)
      .where(and(eq(stocktakeLines.stocktakeId, input.stocktakeId), eq(stocktakeLines.productId, product.id), sql`${stocktakeLines.binId} IS NOT DISTINCT FROM ${input.binId}::uuid`));
    const bin = await binName(tx, input.binId);
    if (!line) return { status: 'not-on-stocktake', scanId: input.scanId, code: input.code, sku: product.sku, name: product.name, bin };
    const inserted = await tx
      .insert(stocktakeScans)
      .values({ id: input.scanId, stocktakeId: input.stocktakeId, lineId: line.id, code: input.code, quantity: input.quantity, userId })
      .onConflictDoNothing()
      .returning({ id: stocktakeScans.id });
    // The same id sent twice at once: the other request counted it.
    const [after] = inserted.length
      ? await tx
          .update(stocktakeLines)
          .set({ counted: sql`coalesce(${stocktakeLines.counted}, 0) + ${input.quantity}` })
          .where(eq(stocktakeLines.id, line.id))
          .returning({ counted: stocktakeLines.counted })
      : await tx.select({ counted: stocktakeLines.counted }).from(stocktakeLines).where(eq(stocktakeLines.id, line.id));
    return { status: 'counted', scanId: input.scanId, lineId: line.id, sku: product.sku, name: product.name, quantity: input.quantity, counted: after.counted ?? 0, bin, repeated: inserted.length === 0 };
  });
}

/**
 * Undo of one scan: its units come off the line's count. A line left at 0 with no other scan goes
 * back to not counted (Complete leaves it alone). Undoing twice changes nothing more.
 */
export async function undoScan(db: Db, input: { stocktakeId: string; scanId: string }, userId: string | null) {
  void userId;
  return db.transaction(async (tx) => {
    await shareOpen(tx, input.stocktakeId);
    const [undone] = await tx
      .update(stocktakeScans)
      .set({ undoneAt: new Date() })
      .where(and(eq(stocktakeScans.id, input.scanId), eq(stocktakeScans.stocktakeId, input.stocktakeId), isNull(stocktakeScans.undoneAt)))
      .returning({ lineId: stocktakeScans.lineId, quantity: stocktakeScans.quantity });
    if (!undone) {
      const [scan] = await tx.select({ lineId: stocktakeScans.lineId }).from(stocktakeScans).where(eq(stocktakeScans.id, input.scanId));
      if (!scan) throw new DomainError('NOT_FOUND', 'That scan was never recorded.');
      const [line] = await tx.select({ counted: stocktakeLines.counted }).from(stocktakeLines).where(eq(stocktakeLines.id, scan.lineId));
      return { counted: line?.counted ?? null, repeated: true };
    }
    const [line] = await tx
      .update(stocktakeLines)
      .set({
        counted: sql`CASE WHEN greatest(coalesce(${stocktakeLines.counted}, 0) - ${undone.quantity}, 0) = 0
          AND NOT EXISTS (SELECT 1 FROM stocktake_scans s WHERE s.line_id = ${undone.lineId} AND s.undone_at IS NULL) THEN NULL
          ELSE greatest(coalesce(${stocktakeLines.counted}, 0) - ${undone.quantity}, 0) END`,
      })
      .where(eq(stocktakeLines.id, undone.lineId))
      .returning({ counted: stocktakeLines.counted });
    return { counted: line.counted, repeated: false };
  });
}

/** The last scans a person made in a stocktake, newest first, for the screen's list. */
export async function recentScans(db: Db | Tx, stocktakeId: string, userId: string | null, limit = 10) {
  return db
    .select({
      scanId: stocktakeScans.id,
      code: stocktakeScans.code,
      quantity: stocktakeScans.quantity,
      undone: sql<boolean>`${stocktakeScans.undoneAt} IS NOT NULL`,
      sku: products.sku,
      name: products.name,
      bin: bins.name,
      counted: stocktakeLines.counted,
      scannedAt: stocktakeScans.scannedAt,
    })
    .from(stocktakeScans)
    .innerJoin(stocktakeLines, eq(stocktakeLines.id, stocktakeScans.lineId))
    .innerJoin(products, eq(products.id, stocktakeLines.productId))
    .leftJoin(bins, eq(bins.id, stocktakeLines.binId))
    .where(and(eq(stocktakeScans.stocktakeId, stocktakeId), userId ? eq(stocktakeScans.userId, userId) : isNull(stocktakeScans.userId)))
    .orderBy(desc(stocktakeScans.scannedAt), desc(stocktakeScans.id))
    .limit(limit);
}
