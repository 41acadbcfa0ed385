import { z } from 'zod';
import { isUuid } from '@/lib/validation/id';
import { checkCell, moneyText, quantityText } from '@/lib/validation/numbers';

export const StartStocktakeInput = z.object({ locationId: z.uuid('Choose a location.') });
export const StocktakeIdInput = z.object({ id: z.uuid() });
export const AddStocktakeLineInput = z.object({
  id: z.uuid(),
  sku: z.string().trim().min(1, 'Enter a SKU.'),
  binId: z.union([z.uuid(), z.literal('')]).optional().transform((v) => v || null),
});

/** `counted.<lineId>` or `unitCost.<lineId>` → which cell of which line; null for any other field. */
function countKey(key: string): { field: 'counted' | 'unitCost'; lineId: string } | null {
  const [field, lineId, extra] = key.split('.');
  return (field === 'counted' || field === 'unitCost') && extra === undefined && isUuid(lineId) ? { field, lineId } : null;
}

export const CountedQuantity = quantityText({ sign: 'nonNegative', message: 'Enter a whole number, 0 or more.' });
export const CountUnitCost = moneyText('cost', { optional: true, message: 'Enter a cost like 12.50 (up to 4 decimals).' });

/**
 * The counts form of a stocktake: `counted.<lineId>` (blank = not counted) and `unitCost.<lineId>`
 * (blank = none typed) for every line shown, plus which button was pressed. Bad cells are reported
 * all at once, keyed like their inputs.
 */
export const CountsInput = z
  .object({ id: z.uuid(), intent: z.enum(['save', 'complete']), cells: z.record(z.string(), z.string()) })
  .superRefine((v, ctx) => {
    for (const [key, text] of Object.entries(v.cells)) {
      const cell = countKey(key);
      if (text === '' || !cell) continue;
      checkCell(ctx, cell.field === 'counted' ? CountedQuantity : CountUnitCost, text, key);
    }
  })
  .transform((v) => {
    const lines = new Map<string, { lineId: string; counted: number | null; unitCost: number | null }>();
    for (const [key, text] of Object.entries(v.cells)) {
      const cell = countKey(key);
      if (!cell) continue;
      const line = lines.get(cell.lineId) ?? { lineId: cell.lineId, counted: null, unitCost: null };
      if (cell.field === 'counted') line.counted = text === '' ? null : CountedQuantity.parse(text);
      else line.unitCost = CountUnitCost.parse(text);
      lines.set(cell.lineId, line);
    }
    return { id: v.id, intent: v.intent, lines: [...lines.values()] };
  });

export function parseCountsForm(form: FormData) {
  const cells: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && countKey(k)) cells[k] = v.trim();
  return { id: form.get('id'), intent: form.get('intent') ?? 'save', cells };
}
