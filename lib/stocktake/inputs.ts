import { z } from 'zod';
import { checkCell, moneyText, quantityText } from '@/lib/validation/numbers';

export const StartStocktakeInput = z.object({ locationId: z.uuid('Choose a location.') });
export const StocktakeIdInput = z.object({ id: z.uuid() });
export const AddStocktakeLineInput = z.object({
  id: z.uuid(),
  sku: z.string().trim().min(1, 'Enter a SKU.'),
  binId: z.union([z.uuid(), z.literal('')]).optional().transform((v) => v || null),
});

const COUNT_KEY = /^(counted|unitCost)\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

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
      const field = COUNT_KEY.exec(key)?.[1];
      if (text === '' || !field) continue;
      checkCell(ctx, field === 'counted' ? CountedQuantity : CountUnitCost, text, key);
    }
  })
  .transform((v) => {
    const lines = new Map<string, { lineId: string; counted: number | null; unitCost: number | null }>();
    for (const [key, text] of Object.entries(v.cells)) {
      const m = COUNT_KEY.exec(key);
      if (!m) continue;
      const line = lines.get(m[2]) ?? { lineId: m[2], counted: null, unitCost: null };
      if (m[1] === 'counted') line.counted = text === '' ? null : CountedQuantity.parse(text);
      else line.unitCost = CountUnitCost.parse(text);
      lines.set(m[2], line);
    }
    return { id: v.id, intent: v.intent, lines: [...lines.values()] };
  });

export function parseCountsForm(form: FormData) {
  const cells: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && COUNT_KEY.test(k)) cells[k] = v.trim();
  return { id: form.get('id'), intent: form.get('intent') ?? 'save', cells };
}
