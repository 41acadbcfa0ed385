import { z } from 'zod';
import { Id } from '@/lib/validation/id';
import { checkCell, quantityText } from '@/lib/validation/numbers';
import { optionalText, requiredText } from '@/lib/validation/text';

/** Amazon's limit on a return item's comment (CreateReturnItem.returnComment). */
export const RETURN_COMMENT_MAX = 1000;
/** Units asked back in one request (each is one return item at Amazon). */
export const RETURN_UNITS_MAX = 100;

const ReturnQuantity = quantityText({ sign: 'nonNegative', message: 'Enter how many units come back (0 or more).', max: RETURN_UNITS_MAX });

/**
 * Request return on a fulfilment order: a quantity per shipped line (`quantity.<lineNo>`, blank is
 * 0), one of Amazon's return reason codes and an optional comment. Whether a quantity fits what was
 * shipped and not yet returned is checked against the order by `requestFoReturn`.
 */
export const FoReturnInput = z
  .object({
    id: Id,
    // Absent (Amazon's reasons not loaded yet) reads as blank: "Return reason is required."
    reasonCode: z.preprocess((v) => v ?? '', requiredText('Return reason', 100)),
    comment: optionalText('Comment', RETURN_COMMENT_MAX),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .transform((input, ctx) => {
    const lines: { lineNo: number; quantity: number }[] = [];
    for (const [key, raw] of Object.entries(input)) {
      const m = /^quantity\.(\d{1,4})$/.exec(key);
      if (!m || typeof raw !== 'string') continue;
      const quantity = checkCell(ctx, ReturnQuantity, raw.trim() === '' ? '0' : raw, key);
      if (quantity) lines.push({ lineNo: Number(m[1]), quantity });
    }
    lines.sort((a, b) => a.lineNo - b.lineNo);
    return { id: input.id, reasonCode: input.reasonCode, comment: input.comment, lines };
  });
export type FoReturnRequest = z.output<typeof FoReturnInput>;
