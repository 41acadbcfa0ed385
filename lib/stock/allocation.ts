import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { DomainError } from '@/lib/errors';
import { assertAvailable } from './availability';
import { lockStock, type StockPlace } from './ledger';

/** Units of a product set aside at one place for a document (an authorised sale's pick lines). */
export type Allocation = StockPlace & { quantity: number };

const keyOf = (a: StockPlace) => `${a.productId}|${a.locationId}|${a.binId ?? ''}`;

/** Sums allocations per place, so two lines of one product at one place are checked together. */
function totals(lines: Allocation[]) {
  const out = new Map<string, Allocation>();
  for (const l of lines) {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new DomainError('INVALID_INPUT', 'Allocate a whole number of units, 1 or more.');
    const k = keyOf(l);
    const prev = out.get(k);
    out.set(k, prev ? { ...prev, quantity: prev.quantity + l.quantity } : { ...l });
  }
  return [...out.values()];
}

async function writeAllocated(tx: Tx, rows: { id: string; allocated: number }[]) {
  if (rows.length === 0) return;
  await tx.execute(sql`
    UPDATE stock_levels SET allocated = v.allocated
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id uuid, allocated int)
    WHERE stock_levels.id = v.id`);
}

/**
 * Sets stock aside: raises `stock_levels.allocated` at each place, under the same row locks, taken
 * in the same order, as every posting to the ledger (`lockStock`), so an allocation and a pick of
 * the same stock queue behind each other and two allocations can never share the last unit.
 * Refused, with nothing written, when a place has fewer units available (on hand − allocated) than
 * wanted; the message names the product, the place, what is wanted and what is available.
 */
export async function allocate(tx: Tx, lines: Allocation[]) {
  const wanted = totals(lines);
  if (wanted.length === 0) return;
  const { levels } = await lockStock(tx, wanted);
  const updates: { id: string; allocated: number }[] = [];
  for (const w of wanted) {
    const level = levels.get(keyOf(w))!;
    if (level.on_hand - level.allocated < w.quantity) {
      // Throws the pick rule's wording (product, location › bin, wanted, available; FBA advice).
      await assertAvailable(tx, { ...w });
      throw new DomainError('INSUFFICIENT_STOCK', 'Not enough stock is available.');
    }
    level.allocated += w.quantity;
    updates.push({ id: level.id, allocated: level.allocated });
  }
  await writeAllocated(tx, updates);
}

/**
 * Gives allocated stock back (undo, or just before the same units are picked). Never takes an
 * allocation below zero: a place whose allocation is already smaller (nothing should make it so)
 * is set to zero rather than failing an undo.
 */
export async function release(tx: Tx, lines: Allocation[]) {
  const back = totals(lines);
  if (back.length === 0) return;
  const { levels } = await lockStock(tx, back);
  const updates = back.map((b) => {
    const level = levels.get(keyOf(b))!;
    level.allocated = Math.max(0, level.allocated - b.quantity);
    return { id: level.id, allocated: level.allocated };
  });
  await writeAllocated(tx, updates);
}
