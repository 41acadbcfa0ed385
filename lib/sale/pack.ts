import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { saleBoxes, salePackLines } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { afterPack } from './automation';
import { pickLinesWithPlaces } from './pick';
import { lockSale, moveStage, requireNotAuthorised, requireUndoable, type SaleRow } from './sale-write';

type PickedLine = Awaited<ReturnType<typeof pickLinesWithPlaces>>[number];

/** What may share a box: own stock with own stock, an external location's items only with that location's. */
const kindOf = (l: Pick<PickedLine, 'externalConnectionId' | 'locationId'>) => (l.externalConnectionId ? l.locationId : null);

/**
 * The boxes Pack offers: own stock in box 1, then one box per external (FBA) location, so FBA
 * items are boxed apart from the merchant's own and from another FBA location's.
 */
export function defaultBoxes(lines: Pick<PickedLine, 'lineNo' | 'externalConnectionId' | 'locationId'>[]): Map<number, number> {
  const boxOfKind = new Map<string | null, number>();
  if (lines.some((l) => kindOf(l) === null)) boxOfKind.set(null, 1);
  const out = new Map<number, number>();
  for (const l of lines) {
    const k = kindOf(l);
    if (!boxOfKind.has(k)) boxOfKind.set(k, boxOfKind.size + 1);
    out.set(l.lineNo, boxOfKind.get(k)!);
  }
  return out;
}

/**
 * Pack → Authorise, in the caller's transaction. `boxes` assigns a box number per pick line (lines
 * not named keep the default); a box holding own stock and FBA items, or the items of two external
 * locations, is refused: the person cannot put them together, whatever the form sent.
 */
export async function authorisePackIn(tx: Tx, sale: SaleRow, boxes: Record<number, number>, userId: string | null, how = 'Authorised') {
  if (sale.pickStatus !== 'Authorised') throw new DomainError('INVALID_TRANSITION', `Authorise Pick of sale ${sale.number} before packing.`);
  requireNotAuthorised(sale, 'Pack');
  const lines = await pickLinesWithPlaces(tx, sale.id);
  const defaults = defaultBoxes(lines);
  const boxOf = new Map(lines.map((l) => [l.lineNo, boxes[l.lineNo] ?? defaults.get(l.lineNo)!]));
  const kindOfBox = new Map<number, { kind: string | null; location: string }>();
  const errors: Record<string, string[]> = {};
  for (const l of lines) {
    const box = boxOf.get(l.lineNo)!;
    const seen = kindOfBox.get(box);
    if (!seen) kindOfBox.set(box, { kind: kindOf(l), location: l.location });
    else if (seen.kind !== kindOf(l))
      errors[`box.${l.lineNo}`] = [
        kindOf(l) || seen.kind
          ? `Box ${box} holds items from ${seen.kind ? `${seen.location} (FBA)` : 'your own stock'}: items from ${kindOf(l) ? `${l.location} (FBA)` : 'your own stock'} are boxed apart.`
          : `Box ${box} cannot take this line.`,
      ];
  }
  if (Object.keys(errors).length > 0) throw new DomainError('INVALID_INPUT', 'Items from an external location are boxed apart from other items: choose another box for the highlighted lines.', errors);
  await tx.delete(salePackLines).where(eq(salePackLines.saleId, sale.id));
  await tx.delete(saleBoxes).where(eq(saleBoxes.saleId, sale.id));
  const boxNos = [...kindOfBox.keys()].sort((a, b) => a - b);
  await tx.insert(saleBoxes).values(boxNos.map((boxNo) => ({ saleId: sale.id, boxNo, externalLocationId: kindOfBox.get(boxNo)!.kind })));
  await tx.insert(salePackLines).values(lines.map((l) => ({ saleId: sale.id, boxNo: boxOf.get(l.lineNo)!, pickLineNo: l.lineNo, quantity: l.quantity })));
  const next = await moveStage(tx, sale, 'Pack', 'Authorised', `${how}: ${boxNos.length} box${boxNos.length === 1 ? '' : 'es'}.`, userId);
  return afterPack(tx, next, userId);
}

export async function authorisePack(db: Db | Tx, saleId: string, boxes: Record<number, number>, userId: string | null) {
  return db.transaction(async (tx) => authorisePackIn(tx, await lockSale(tx, saleId), boxes, userId));
}

/** Pack → Undo (refused while Ship is authorised); the boxes stay as a draft. */
export async function undoPack(db: Db | Tx, saleId: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, saleId);
    requireUndoable(sale, 'Pack');
    return moveStage(tx, sale, 'Pack', 'Draft', 'Undone.', userId);
  });
}

/** Boxes and their lines, for the page and "Copy from Pack". */
export async function packLinesOf(db: Db | Tx, saleId: string) {
  const [boxes, lines] = await Promise.all([
    db.select().from(saleBoxes).where(eq(saleBoxes.saleId, saleId)).orderBy(asc(saleBoxes.boxNo)),
    db.select().from(salePackLines).where(eq(salePackLines.saleId, saleId)).orderBy(asc(salePackLines.boxNo), asc(salePackLines.pickLineNo)),
  ]);
  return { boxes, lines };
}
