import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { saleBoxes, salePackLines, salePickLines, saleShipLines } from '@/db/schema';
import { allocate, release } from '@/lib/stock/allocation';
import { afterOrder } from './automation';
import { allocationsOf, pickLinesOf, planPickLines } from './pick';
import { lockSale, moveOrder, moveStage, requireUndoable } from './sale-write';

/**
 * Order → Authorise, in the caller's transaction: the pick lines are drafted (each sale line at its
 * location) and their units allocated there, refused with nothing written when a place has too few
 * available. Sales Process Customisation may then pick, pack and prepare the ship lines.
 */
export async function authoriseOrderIn(tx: Tx, saleId: string, userId: string | null) {
  const sale = await lockSale(tx, saleId);
  const planned = await planPickLines(tx, sale.id);
  const authorised = await moveOrder(tx, sale, 'Authorised', 'Authorised: stock allocated at each line’s location.', userId, { authorisedAt: new Date() });
  await allocate(tx, planned.map((p) => ({ productId: p.productId, locationId: p.locationId, binId: p.binId, quantity: p.quantity })));
  await tx.delete(salePickLines).where(eq(salePickLines.saleId, sale.id));
  await tx.insert(salePickLines).values(planned.map((p) => ({ ...p, saleId: sale.id })));
  const drafted = await moveStage(tx, authorised, 'Pick', 'Draft', 'Pick lines drafted from the order.', userId);
  return afterOrder(tx, drafted, userId);
}

export async function authoriseOrder(db: Db | Tx, saleId: string, userId: string | null) {
  return db.transaction((tx) => authoriseOrderIn(tx, saleId, userId));
}

/**
 * Order → Undo: back to Draft. The allocation is released and the unauthorised stage lines are
 * dropped (they are drafted again on the next Authorise); refused while Pick or Invoice is authorised.
 */
export async function undoOrder(db: Db | Tx, saleId: string, userId: string | null) {
  return db.transaction(async (tx) => {
    let sale = await lockSale(tx, saleId);
    requireUndoable(sale, 'Order');
    await release(tx, allocationsOf(await pickLinesOf(tx, sale.id)));
    await tx.delete(saleShipLines).where(eq(saleShipLines.saleId, sale.id));
    await tx.delete(salePackLines).where(eq(salePackLines.saleId, sale.id));
    await tx.delete(saleBoxes).where(eq(saleBoxes.saleId, sale.id));
    await tx.delete(salePickLines).where(eq(salePickLines.saleId, sale.id));
    for (const stage of ['Ship', 'Pack', 'Pick'] as const)
      if (sale[`${stage.toLowerCase() as 'ship' | 'pack' | 'pick'}Status`] === 'Draft') sale = await moveStage(tx, sale, stage, 'Not Started', `${stage} lines dropped with the order's undo.`, userId);
    return moveOrder(tx, sale, 'Draft', 'Undone: the allocated stock is available again.', userId, { authorisedAt: null });
  });
}

/** Void: a Draft order that will not go ahead (an authorised one is undone first). */
export async function voidSale(db: Db | Tx, saleId: string, userId: string | null) {
  return db.transaction(async (tx) => moveOrder(tx, await lockSale(tx, saleId), 'Voided', 'Voided.', userId));
}

