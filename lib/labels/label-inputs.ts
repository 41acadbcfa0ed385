import { z } from 'zod';
import { FNSKU_FORMATS } from '@/db/schema';
import { checkCell, groupDigits, quantityText } from '@/lib/validation/numbers';

/** At most this many labels in one product-label document (a few minutes of a thermal printer; ≈ 15 s of the worker). */
export const MAX_PRODUCT_LABELS = 10_000;

const LabelCount = quantityText({ sign: 'positive', message: 'Enter how many labels to print (1 or more).', max: MAX_PRODUCT_LABELS });

/**
 * Catalog → Print product labels: the chosen listings' products (`productId`, repeated), a count
 * per product (`quantity.<productId>`, default 1) and the sheet format.
 */
export const ProductLabelsInput = z
  .object({
    connectionId: z.uuid('Unknown FBA connection.'),
    format: z.enum(FNSKU_FORMATS, 'Choose a label format.'),
    productId: z
      .union([z.string(), z.array(z.string())], 'Choose at least one listing to print.')
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.uuid('Unknown product.')).min(1, 'Choose at least one listing to print.').max(1000, 'Choose at most 1,000 listings at a time.')),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .transform((input, ctx) => {
    const items: { productId: string; quantity: number }[] = [];
    for (const productId of new Set(input.productId)) {
      const raw = input[`quantity.${productId}`];
      const text = typeof raw === 'string' && raw.trim() !== '' ? raw : '1';
      const quantity = checkCell(ctx, LabelCount, text, `quantity.${productId}`);
      if (quantity !== undefined) items.push({ productId, quantity });
    }
    const total = items.reduce((n, i) => n + i.quantity, 0);
    if (total > MAX_PRODUCT_LABELS) ctx.addIssue({ code: 'custom', message: `At most ${groupDigits(MAX_PRODUCT_LABELS)} labels in one document (${groupDigits(total)} chosen).`, path: ['productId'] });
    return { connectionId: input.connectionId, format: input.format, items };
  });
export type ProductLabelsInput = z.output<typeof ProductLabelsInput>;
