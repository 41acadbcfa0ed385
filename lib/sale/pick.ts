import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { bins, locations, products, saleLines, salePickLines } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { allocate, release, type Allocation } from '@/lib/stock/allocation';
import { assertAvailable } from '@/lib/stock/availability';
import { lockStock, postMovements, reverseSource } from '@/lib/stock/ledger';
import { assertPlaces, type Place } from '@/lib/stock/places';
import { afterPick } from './automation';
import { lockSale, moveStage, requireNotAuthorised, requireOrderAuthorised, requireUndoable, type SaleRow } from './sale-write';

type PickLine = typeof salePickLines.$inferSelect;

export const allocationsOf = (lines: PickLine[]): Allocation[] => lines.map((l) => ({ productId: l.productId, locationId: l.locationId, binId: l.binId, quantity: l.quantity }));

export async function pickLinesOf(tx: Db | Tx, saleId: string) {
  return tx.select().from(salePickLines).where(eq(salePickLines.saleId, saleId)).orderBy(asc(salePickLines.lineNo));
}

/**
 * The draft pick lines of an order being authorised: each sale line at its location; at a location
 * with bins the quantity is taken from the bins that have it available, in bin-name order (split
 * over several when one is not enough). The allocation made next re-checks them under locks.
 */
export async function planPickLines(tx: Tx, saleId: string): Promise<Omit<PickLine, 'saleId'>[]> {
  const lines = await tx.select().from(saleLines).where(eq(saleLines.saleId, saleId)).orderBy(asc(saleLines.lineNo));
  const locIds = [...new Set(lines.map((l) => l.locationId).filter((l): l is string => l !== null))];
  const binned = locIds.length
    ? rowsOf<{ location_id: string; product_id: string; bin_id: string; bin: string; available: number }>(
        await tx.execute(sql`
          SELECT b.location_id, s.product_id, b.id AS bin_id, b.name AS bin, (s.on_hand - s.allocated)::int AS available
          FROM bins b JOIN stock_levels s ON s.bin_id = b.id
          WHERE b.location_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(locIds)}::jsonb)::uuid) AND s.on_hand > s.allocated
          ORDER BY lower(b.name)`),
      )
    : [];
  const withBins = new Set(
    locIds.length
      ? rowsOf<{ location_id: string }>(await tx.execute(sql`SELECT DISTINCT location_id FROM bins WHERE location_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(locIds)}::jsonb)::uuid)`)).map((r) => r.location_id)
      : [],
  );
  const out: Omit<PickLine, 'saleId'>[] = [];
  for (const l of lines) {
    if (!l.locationId) throw new DomainError('INVALID_INPUT', `Line ${l.lineNo} has no location: choose where it is picked from.`);
    if (!withBins.has(l.locationId)) {
      out.push({ lineNo: out.length + 1, saleLineNo: l.lineNo, productId: l.productId, locationId: l.locationId, binId: null, quantity: l.quantity });
      continue;
    }
    let left = l.quantity;
    for (const b of binned.filter((r) => r.location_id === l.locationId && r.product_id === l.productId)) {
      if (left === 0) break;
      const take = Math.min(left, Number(b.available));
      out.push({ lineNo: out.length + 1, saleLineNo: l.lineNo, productId: l.productId, locationId: l.locationId, binId: b.bin_id, quantity: take });
      b.available -= take;
      left -= take;
    }
    if (left > 0) {
      const [names] = await tx.select({ sku: products.sku, location: locations.name }).from(products).innerJoin(locations, eq(locations.id, l.locationId)).where(eq(products.id, l.productId));
      const have = l.quantity - left;
      throw new DomainError(
        'INSUFFICIENT_STOCK',
        `${have === 0 ? `None of SKU ${names.sku} is` : `Only ${have} of SKU ${names.sku} ${have === 1 ? 'is' : 'are'}`} available at ${names.location}: ${l.quantity} unit${l.quantity === 1 ? '' : 's'} needed.`,
      );
    }
  }
  return out;
}

/**
 * Pick → Authorise, in the caller's transaction: the allocation the order made is released, each
 * pick line's place (changed on the form or not) is checked for enough available stock under its
 * row lock, and the units leave through the ledger (source 'sale', valued at the average cost).
 */
export async function authorisePickIn(tx: Tx, sale: SaleRow, places: Record<number, Place>, userId: string | null, how = 'Authorised') {
  requireOrderAuthorised(sale);
  requireNotAuthorised(sale, 'Pick');
  const lines = await pickLinesOf(tx, sale.id);
  if (lines.length === 0) throw new DomainError('INVALID_INPUT', `Sale ${sale.number} has nothing to pick.`);
  const moved = lines.map((l) => ({ ...l, ...(places[l.lineNo] ?? {}) }));
  await assertPlaces(tx, moved, (i) => `place.${moved[i].lineNo}`);
  // Every level this pick touches (where the allocation was, where the units leave from) is locked
  // up front in the ledger's one order, so later checks never take a lock out of that order.
  await lockStock(tx, [...lines, ...moved]);
  await release(tx, allocationsOf(lines));
  for (const l of moved)
    if (places[l.lineNo]) await tx.update(salePickLines).set({ locationId: l.locationId, binId: l.binId }).where(and(eq(salePickLines.saleId, sale.id), eq(salePickLines.lineNo, l.lineNo)));
  // The pick rule's wording for a short place (lines of one product at one place checked together).
  const sums = new Map<string, Allocation>();
  for (const l of moved) {
    const k = `${l.productId}|${l.locationId}|${l.binId ?? ''}`;
    const prev = sums.get(k);
    sums.set(k, { productId: l.productId, locationId: l.locationId, binId: l.binId, quantity: (prev?.quantity ?? 0) + l.quantity });
  }
  for (const s of sums.values()) await assertAvailable(tx, s);
  await postMovements(
    tx,
    moved.map((l) => ({ productId: l.productId, locationId: l.locationId, binId: l.binId, quantity: -l.quantity, valued: true, sourceType: 'sale' as const, sourceId: sale.id, sourceLine: l.lineNo, field: `place.${l.lineNo}` })),
    userId,
  );
  const units = moved.reduce((n, l) => n + l.quantity, 0);
  const next = await moveStage(tx, sale, 'Pick', 'Authorised', `${how}: ${units} unit${units === 1 ? '' : 's'} picked.`, userId);
  return afterPick(tx, next, userId);
}

export async function authorisePick(db: Db | Tx, saleId: string, places: Record<number, Place>, userId: string | null) {
  return db.transaction(async (tx) => authorisePickIn(tx, await lockSale(tx, saleId), places, userId));
}

/** Pick → Undo: the units go back where they were picked (reverse entries) and are allocated to the sale again. */
export async function undoPick(db: Db | Tx, saleId: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, saleId);
    requireUndoable(sale, 'Pick');
    await reverseSource(tx, 'sale', sale.id, userId);
    await allocate(tx, allocationsOf(await pickLinesOf(tx, sale.id)));
    return moveStage(tx, sale, 'Pick', 'Draft', 'Undone: the picked units are back in stock and allocated to the sale again.', userId);
  });
}

/** Pick lines with their place's name and whether it is an external (FBA) location, for Pack, Ship and the page. */
export async function pickLinesWithPlaces(db: Db | Tx, saleId: string) {
  return db
    .select({
      lineNo: salePickLines.lineNo,
      saleLineNo: salePickLines.saleLineNo,
      productId: salePickLines.productId,
      sku: products.sku,
      name: products.name,
      locationId: salePickLines.locationId,
      binId: salePickLines.binId,
      location: locations.name,
      bin: bins.name,
      externalConnectionId: locations.externalConnectionId,
      quantity: salePickLines.quantity,
    })
    .from(salePickLines)
    .innerJoin(products, eq(products.id, salePickLines.productId))
    .innerJoin(locations, eq(locations.id, salePickLines.locationId))
    .leftJoin(bins, eq(bins.id, salePickLines.binId))
    .where(eq(salePickLines.saleId, saleId))
    .orderBy(asc(salePickLines.lineNo));
}

