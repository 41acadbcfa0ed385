import { z } from 'zod';
import { TRANSFER_STATUSES } from '@/db/schema';
import { checkCell, quantityText } from '@/lib/validation/numbers';
import { readHeader, readLines } from './line-form';
import { parsePlace, placeValue } from './places';

export const TRANSFER_FIELDS = ['sku', 'quantity'] as const;

const RawLine = z.object({ index: z.number().int(), sku: z.string(), quantity: z.string() });

export const TransferQuantity = quantityText({ sign: 'positive', message: 'Enter a whole number above 0.' });

/** A stock transfer as the form sends it: from place → to place (must differ) and lines of SKU × quantity > 0. */
export const TransferInput = z
  .object({
    from: z.string(),
    to: z.string(),
    note: z.string().trim().max(500, 'At most 500 characters.').optional(),
    lines: z.array(RawLine),
  })
  .superRefine((v, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    const from = parsePlace(v.from);
    const to = parsePlace(v.to);
    if (!from) bad('from', 'Choose where the stock leaves from.');
    if (!to) bad('to', 'Choose where the stock goes.');
    if (from && to && placeValue(from) === placeValue(to)) bad('to', 'Choose a different location or bin than the one the stock leaves from.');
    if (v.lines.length === 0) bad('sku.0', 'Add at least one line.');
    for (const l of v.lines) {
      if (!l.sku) bad(`sku.${l.index}`, 'Enter a SKU.');
      checkCell(ctx, TransferQuantity, l.quantity, `quantity.${l.index}`);
    }
  })
  .transform((v) => ({
    from: parsePlace(v.from)!,
    to: parsePlace(v.to)!,
    note: v.note || null,
    lines: v.lines.map((l) => ({ index: l.index, sku: l.sku, quantity: TransferQuantity.parse(l.quantity) })),
  }));

export type TransferInput = z.infer<typeof TransferInput>;

export function parseTransferForm(form: FormData) {
  const h = readHeader(form);
  return { from: h.from ?? '', to: h.to ?? '', note: h.note, lines: readLines(form, TRANSFER_FIELDS) };
}

/** A move of an existing transfer; `from` is the status the user saw, for the compare-and-set. */
export const TransferMoveInput = z.object({ id: z.uuid(), from: z.enum(TRANSFER_STATUSES) });
