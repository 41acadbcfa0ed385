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

const toArray = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Most copies of each bin's label in one document. */
export const MAX_BIN_COPIES = 100;

/**
 * Locations and Bins → Print bin labels: the location, the chosen bins (`binId`, repeated), copies
 * of each (default 1) and the sheet format.
 */
export const BinLabelsInput = z
  .object({
    locationId: z.uuid('Unknown location.'),
    format: z.enum(FNSKU_FORMATS, 'Choose a label format.'),
    binId: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform(toArray)
      .pipe(z.array(z.uuid('Unknown bin.')).min(1, 'Choose at least one bin to print.')),
    copies: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v : '1'))
      .pipe(quantityText({ sign: 'positive', message: `Enter how many labels of each bin (1 to ${MAX_BIN_COPIES}).`, max: MAX_BIN_COPIES })),
  })
  .transform((input, ctx) => {
    const binIds = [...new Set(input.binId)];
    const total = binIds.length * input.copies;
    if (total > MAX_PRODUCT_LABELS) ctx.addIssue({ code: 'custom', message: `At most ${groupDigits(MAX_PRODUCT_LABELS)} labels in one document (${groupDigits(total)} chosen).`, path: ['copies'] });
    return { locationId: input.locationId, format: input.format, binIds, copies: input.copies };
  });
export type BinLabelsInput = z.output<typeof BinLabelsInput>;

/**
 * Inventory → Products → Print labels: either the products chosen on the list (`productId`,
 * repeated, each with an optional count `quantity.<productId>`) or every product matching the
 * search `q` (`scope=matching`); `perProduct` is the count of a product without its own; and the
 * sheet format. The matching products are read by the action (lib/labels/stock-labels.ts
 * `productIdsMatching`, capped).
 */
export const StockProductLabelsInput = z
  .object({
    format: z.enum(FNSKU_FORMATS, 'Choose a label format.'),
    scope: z.enum(['chosen', 'matching']).optional().default('chosen'),
    q: z.string().max(200).optional(),
    perProduct: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v : '1'))
      .pipe(LabelCount),
    productId: z.union([z.string(), z.array(z.string())]).optional().transform(toArray).pipe(z.array(z.uuid('Unknown product.')).max(1000, 'Choose at most 1,000 products at a time.')),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .transform((input, ctx) => {
    const items: { productId: string; quantity: number }[] = [];
    if (input.scope === 'chosen') {
      if (input.productId.length === 0) ctx.addIssue({ code: 'custom', message: 'Tick the products to print, or choose “All products matching the search”.', path: ['productId'] });
      for (const productId of new Set(input.productId)) {
        const raw = input[`quantity.${productId}`];
        const quantity = typeof raw === 'string' && raw.trim() !== '' ? checkCell(ctx, LabelCount, raw, `quantity.${productId}`) : input.perProduct;
        if (quantity !== undefined) items.push({ productId, quantity });
      }
    }
    const total = items.reduce((n, i) => n + i.quantity, 0);
    if (total > MAX_PRODUCT_LABELS) ctx.addIssue({ code: 'custom', message: `At most ${groupDigits(MAX_PRODUCT_LABELS)} labels in one document (${groupDigits(total)} chosen).`, path: ['productId'] });
    return { format: input.format, scope: input.scope, q: input.q?.trim() || undefined, perProduct: input.perProduct, items };
  });
export type StockProductLabelsInput = z.output<typeof StockProductLabelsInput>;
