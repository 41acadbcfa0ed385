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

/** Units of one pick line in one box: what Pack writes, whether from the desk form or from scanning. */
export type PackContent = { boxNo: number; pickLineNo: number; quantity: number };

/**
 * Pack → Authorise, in the caller's transaction. `boxes` assigns a box number per pick line (lines
 * not named keep the default); a box holding own stock and FBA items, or the items of two external
 * locations, is refused: the person cannot put them together, whatever the form sent.
 */
export async function authorisePackIn(tx: Tx, sale: SaleRow, boxes: Record<number, number>, userId: string | null, how = 'Authorised') {
  requirePackable(sale);
  const lines = await pickLinesWithPlaces(tx, sale.id);
  const defaults = defaultBoxes(lines);
  const contents = lines.map((l) => ({ boxNo: boxes[l.lineNo] ?? defaults.get(l.lineNo)!, pickLineNo: l.lineNo, quantity: l.quantity }));
  return writePack(tx, sale, lines, contents, userId, how);
}

function requirePackable(sale: SaleRow) {
  if (sale.pickStatus !== 'Authorised') throw new DomainError('INVALID_TRANSITION', `Authorise Pick of sale ${sale.number} before packing.`);
  requireNotAuthorised(sale, 'Pack');
}

/**
 * Pack → Authorise from Pack by scanning: `contents` are the units scanned into each box, and a pick
 * line may be split across boxes. Every unit picked from own stock must be packed, no more; the
 * lines of external (FBA) locations, which Amazon packs, go into a box per location after the
 * scanned ones. The same box rules as the desk form apply.
 */
export async function authorisePackContents(db: Db | Tx, saleId: string, contents: PackContent[], userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, saleId);
    requirePackable(sale);
    const lines = await pickLinesWithPlaces(tx, sale.id);
    const named = new Set(contents.map((c) => c.pickLineNo));
    let last = Math.max(0, ...contents.map((c) => c.boxNo));
    const boxOfLocation = new Map<string, number>();
    const all = [...contents];
    for (const l of lines) {
      if (named.has(l.lineNo) || !l.externalConnectionId) continue;
      if (!boxOfLocation.has(l.locationId)) boxOfLocation.set(l.locationId, ++last);
      all.push({ boxNo: boxOfLocation.get(l.locationId)!, pickLineNo: l.lineNo, quantity: l.quantity });
    }
    return writePack(tx, sale, lines, all, userId, 'Authorised by scanning');
  });
}

/** Checks the contents against the picked lines and the box rules, then writes the boxes and moves Pack. */
async function writePack(tx: Tx, sale: SaleRow, lines: PickedLine[], contents: PackContent[], userId: string | null, how: string) {
  const byLine = new Map(lines.map((l) => [l.lineNo, l]));
  const merged = new Map<string, PackContent>();
  for (const c of contents) {
    if (!byLine.has(c.pickLineNo)) throw new DomainError('STALE_STATE', `The picked lines of sale ${sale.number} changed since you opened it. Reload and try again.`);
    const key = `${c.boxNo}:${c.pickLineNo}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, quantity: seen.quantity + c.quantity } : { ...c });
  }
  const rows = [...merged.values()].filter((c) => c.quantity > 0).sort((a, b) => a.boxNo - b.boxNo || a.pickLineNo - b.pickLineNo);
  const errors: Record<string, string[]> = {};
  for (const l of lines) {
    const packed = rows.filter((c) => c.pickLineNo === l.lineNo).reduce((n, c) => n + c.quantity, 0);
    if (packed !== l.quantity) errors[`box.${l.lineNo}`] = [`${l.sku}: ${packed} of ${l.quantity} picked ${packed > l.quantity ? 'packed: more than was picked' : 'packed: pack the rest'}.`];
  }
  if (Object.keys(errors).length > 0) throw new DomainError('INVALID_INPUT', 'Pack every picked unit, no more: see the highlighted lines.', errors);
  const kindOfBox = new Map<number, { kind: string | null; location: string }>();
  for (const c of rows) {
    const l = byLine.get(c.pickLineNo)!;
    const seen = kindOfBox.get(c.boxNo);
    if (!seen) kindOfBox.set(c.boxNo, { kind: kindOf(l), location: l.location });
    else if (seen.kind !== kindOf(l))
      errors[`box.${l.lineNo}`] = [
        kindOf(l) || seen.kind
          ? `Box ${c.boxNo} holds items from ${seen.kind ? `${seen.location} (FBA)` : 'your own stock'}: items from ${kindOf(l) ? `${l.location} (FBA)` : 'your own stock'} are boxed apart.`
          : `Box ${c.boxNo} cannot take this line.`,
      ];
  }
  if (Object.keys(errors).length > 0) throw new DomainError('INVALID_INPUT', 'Items from an external location are boxed apart from other items: choose another box for the highlighted lines.', errors);
  await tx.delete(salePackLines).where(eq(salePackLines.saleId, sale.id));
  await tx.delete(saleBoxes).where(eq(saleBoxes.saleId, sale.id));
  const boxNos = [...kindOfBox.keys()].sort((a, b) => a - b);
  await tx.insert(saleBoxes).values(boxNos.map((boxNo) => ({ saleId: sale.id, boxNo, externalLocationId: kindOfBox.get(boxNo)!.kind })));
  await tx.insert(salePackLines).values(rows.map((c) => ({ saleId: sale.id, boxNo: c.boxNo, pickLineNo: c.pickLineNo, quantity: c.quantity })));
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

/** The box a pick line was packed in, or null when it was split across boxes (Pack by scanning). */
export function boxOfLine(lines: { pickLineNo: number; boxNo: number }[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const l of lines) out.set(l.pickLineNo, out.has(l.pickLineNo) && out.get(l.pickLineNo) !== l.boxNo ? null : l.boxNo);
  return out;
}

/** Boxes and their lines, for the page and "Copy from Pack". */
export async function packLinesOf(db: Db | Tx, saleId: string) {
  const [boxes, lines] = await Promise.all([
    db.select().from(saleBoxes).where(eq(saleBoxes.saleId, saleId)).orderBy(asc(saleBoxes.boxNo)),
    db.select().from(salePackLines).where(eq(salePackLines.saleId, saleId)).orderBy(asc(salePackLines.boxNo), asc(salePackLines.pickLineNo)),
  ]);
  return { boxes, lines };
}
