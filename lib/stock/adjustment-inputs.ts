import { z } from 'zod';
import { checkCell, moneyText, quantityText } from '@/lib/validation/numbers';
import { readHeader, readLines } from './line-form';
import { parsePlace } from './places';

export const ADJUSTMENT_FIELDS = ['sku', 'place', 'quantity', 'unitCost'] as const;

const RawLine = z.object({ index: z.number().int(), sku: z.string(), place: z.string(), quantity: z.string(), unitCost: z.string() });

export const AdjustmentQuantity = quantityText({ sign: 'nonZero', message: 'Enter a whole number: positive adds, negative removes.' });
export const AdjustmentUnitCost = moneyText('cost', { optional: true, message: 'Enter a cost like 12.50 (up to 4 decimals).' });

/**
 * A stock adjustment as the form sends it: a reason and lines of SKU, place (location or
 * location/bin), signed quantity (+ adds, − removes) and, for additions, a unit cost as decimal text.
 * Every bad cell is reported at once, keyed `field.<index>`.
 */
export const AdjustmentInput = z
  .object({ reason: z.string().trim().min(1, 'Enter a reason.').max(200, 'At most 200 characters.'), lines: z.array(RawLine) })
  .superRefine((v, ctx) => {
    const bad = (field: string, index: number, message: string) => ctx.addIssue({ code: 'custom', message, path: [`${field}.${index}`] });
    if (v.lines.length === 0) bad('sku', 0, 'Add at least one line.');
    for (const l of v.lines) {
      if (!l.sku) bad('sku', l.index, 'Enter a SKU.');
      if (!parsePlace(l.place)) bad('place', l.index, 'Choose a location.');
      const quantity = checkCell(ctx, AdjustmentQuantity, l.quantity, `quantity.${l.index}`);
      const unitCost = checkCell(ctx, AdjustmentUnitCost, l.unitCost, `unitCost.${l.index}`);
      if (unitCost === null && quantity !== undefined && quantity > 0) bad('unitCost', l.index, 'A unit cost is needed to add stock.');
    }
  })
  .transform((v) => ({
    reason: v.reason,
    lines: v.lines.map((l) => ({
      index: l.index,
      sku: l.sku,
      ...parsePlace(l.place)!,
      quantity: AdjustmentQuantity.parse(l.quantity),
      unitCost: AdjustmentUnitCost.parse(l.unitCost),
    })),
  }));

export type AdjustmentInput = z.infer<typeof AdjustmentInput>;

export function parseAdjustmentForm(form: FormData) {
  return { reason: readHeader(form).reason ?? '', lines: readLines(form, ADJUSTMENT_FIELDS, ['place']) };
}

export const VoidAdjustmentInput = z.object({ id: z.uuid() });
