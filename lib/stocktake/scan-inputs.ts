import { z } from 'zod';
import { Id } from '@/lib/validation/id';
import { quantityText } from '@/lib/validation/numbers';
import { requiredText } from '@/lib/validation/text';

/** The most one scan may add: a case or a pallet layer typed as a quantity. */
export const SCAN_QUANTITY_MAX = 100_000;

/** Stocktake → Count: one scan as the screen sends it (the device's id, the code, the quantity, the bin being counted). */
export const ScanFormInput = z.object({
  stocktakeId: Id,
  scanId: z.uuid('This scan has no id: reload the page.'),
  code: requiredText('Code', 100),
  quantity: quantityText({ sign: 'positive', message: `Enter a whole number from 1 to ${SCAN_QUANTITY_MAX.toLocaleString('en-US')}.`, max: SCAN_QUANTITY_MAX }),
  binId: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(Id.nullable()),
  add: z.literal('on').optional().transform(Boolean),
});

export const UndoScanInput = z.object({ stocktakeId: Id, scanId: z.uuid() });
