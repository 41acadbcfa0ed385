import { z } from 'zod';
import { SALE_STAGES, SHIPPING_OPTIONS } from '@/db/schema';
import { readHeader, readLines } from '@/lib/stock/line-form';
import { parsePlace } from '@/lib/stock/places';
import { checkCell, moneyText, quantityText } from '@/lib/validation/numbers';
import { packingSlipComment, shipToFields } from '@/lib/validation/address';
import { dayField } from '@/lib/validation/day';
import { Id } from '@/lib/validation/id';
import { optionalText, requiredText } from '@/lib/validation/text';

export const SALE_LINE_FIELDS = ['sku', 'quantity', 'price', 'location'] as const;

const SaleQuantity = quantityText({ sign: 'positive', message: 'Enter a whole number above 0.' });
const LinePrice = moneyText('price', { optional: true });
const RawLine = z.object({ index: z.number().int(), sku: z.string(), quantity: z.string(), price: z.string(), location: z.string() });


/**
 * Sale → New sale as the form sends it. A line's price may be left blank (the customer's price
 * tier gives it) and so may its location (the product's default location).
 */
export const SaleInput = z
  .object({
    customerId: z.uuid('Choose a customer.'),
    priceTier: z.coerce.number('Choose a price tier.').int().min(1, 'Choose a price tier.').max(10, 'Choose a price tier.'),
    ...shipToFields,
    customerReference: optionalText('Customer reference', 100),
    // Amazon prints it on the packing slip of the sale's fulfilment orders.
    comment: packingSlipComment,
    lines: z.array(RawLine),
  })
  .superRefine((v, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (v.lines.length === 0) bad('sku.0', 'Add at least one line.');
    for (const l of v.lines) {
      if (!l.sku) bad(`sku.${l.index}`, 'Enter a SKU.');
      checkCell(ctx, SaleQuantity, l.quantity, `quantity.${l.index}`);
      checkCell(ctx, LinePrice, l.price, `price.${l.index}`);
      if (l.location && !parsePlace(l.location)) bad(`location.${l.index}`, 'Choose a location.');
    }
  })
  .transform(({ lines, ...v }) => ({
    ...v,
    lines: lines.map((l) => ({
      index: l.index,
      sku: l.sku,
      quantity: SaleQuantity.parse(l.quantity),
      price: LinePrice.parse(l.price),
      locationId: l.location ? parsePlace(l.location)!.locationId : null,
    })),
  }));

export type SaleInput = z.output<typeof SaleInput>;

export function parseSaleForm(form: FormData) {
  return { ...readHeader(form), lines: readLines(form, SALE_LINE_FIELDS, ['location']) };
}

/** A stage button of the sale page: which sale, and the stage's status the page showed. */
export const SaleStageInput = z.object({ saleId: z.uuid(), stage: z.enum(SALE_STAGES) });

/** Pick: a place (location, or location › bin) per pick line, as `place.<lineNo>`. */
export const PickInput = z
  .object({ saleId: z.uuid() })
  .catchall(z.string())
  .transform((v, ctx) => {
    const places: Record<number, { locationId: string; binId: string | null }> = {};
    for (const [k, value] of Object.entries(v)) {
      const m = /^place\.(\d{1,4})$/.exec(k);
      if (!m) continue;
      const place = parsePlace(value);
      if (!place) ctx.addIssue({ code: 'custom', message: 'Choose a location.', path: [k] });
      else places[Number(m[1])] = place;
    }
    return { saleId: v.saleId, places };
  });

/** Pack: a box number per pick line, as `box.<pickLineNo>`. */
export const PackInput = z
  .object({ saleId: z.uuid() })
  .catchall(z.string())
  .transform((v, ctx) => {
    const boxes: Record<number, number> = {};
    for (const [k, value] of Object.entries(v)) {
      const m = /^box\.(\d{1,4})$/.exec(k);
      if (!m) continue;
      const n = Number(value.trim());
      if (!Number.isInteger(n) || n < 1 || n > 999) ctx.addIssue({ code: 'custom', message: 'Enter a box number from 1 to 999.', path: [k] });
      else boxes[Number(m[1])] = n;
    }
    return { saleId: v.saleId, boxes };
  });

/** One scan of Pick or Pack by scanning: the code read; Pick also sends the bin picked from, if any. */
export const ScanCodeInput = z.object({ saleId: Id, code: requiredText('Code', 100) });
export const PickScanInput = ScanCodeInput.extend({
  binId: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(Id.nullable()),
});

/**
 * Pack by scanning → Authorise: the units scanned into each box, as `pack.<box>.<pick line>` =
 * quantity (a line may be split across boxes).
 */
export const PackScanInput = z
  .object({ saleId: z.uuid() })
  .catchall(z.string())
  .transform((v, ctx) => {
    const contents: { boxNo: number; pickLineNo: number; quantity: number }[] = [];
    for (const [k, value] of Object.entries(v)) {
      const m = /^pack\.(\d{1,3})\.(\d{1,4})$/.exec(k);
      if (!m) continue;
      const quantity = Number(value.trim());
      const boxNo = Number(m[1]);
      if (boxNo < 1) ctx.addIssue({ code: 'custom', message: 'Box numbers start at 1.', path: [k] });
      else if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100_000) ctx.addIssue({ code: 'custom', message: 'Enter a whole number of units from 1 to 100,000.', path: [k] });
      else contents.push({ boxNo, pickLineNo: Number(m[2]), quantity });
    }
    if (contents.length === 0) ctx.addIssue({ code: 'custom', message: 'Scan at least one item into a box.', path: ['saleId'] });
    return { saleId: v.saleId, contents };
  });

const ShipQuantity = quantityText({ sign: 'nonNegative', message: 'Enter a whole number, 0 or more.' });

/** Ship: shipping option, carrier and tracking number, Skip fulfilment, and a quantity per pick line (`quantity.<pickLineNo>`). */
export const ShipInput = z
  .object({
    saleId: z.uuid(),
    shippingOption: z.enum(SHIPPING_OPTIONS, 'Choose a shipping option.'),
    carrier: optionalText('Carrier', 60),
    trackingNumber: optionalText('Tracking number', 100),
    skipFulfilment: z.literal('on').optional().transform(Boolean),
  })
  .catchall(z.string())
  .transform((v, ctx) => {
    const lines: { pickLineNo: number; quantity: number }[] = [];
    for (const [k, value] of Object.entries(v)) {
      const m = /^quantity\.(\d{1,4})$/.exec(k);
      if (!m || typeof value !== 'string') continue;
      const q = checkCell(ctx, ShipQuantity, value, k);
      if (q) lines.push({ pickLineNo: Number(m[1]), quantity: q });
    }
    return { saleId: v.saleId, shippingOption: v.shippingOption, carrier: v.carrier, trackingNumber: v.trackingNumber, skipFulfilment: v.skipFulfilment, lines };
  });

export type ShipInput = z.output<typeof ShipInput>;

const isoDate = dayField('2025-07-31');

/** Invoice → Authorise: the due date (UTC day). */
export const InvoiceInput = z.object({ saleId: z.uuid(), dueDate: isoDate });

/** A payment against the invoice: amount (minor units; a refund is recorded as a negative payment), date, method, reference. */
export const PaymentInput = z.object({
  saleId: z.uuid(),
  amount: z
    .string()
    .trim()
    .transform((text, ctx) => {
      const negative = text.startsWith('-');
      const r = moneyText('price').safeParse(negative ? text.slice(1) : text);
      if (!r.success || r.data === 0) {
        ctx.addIssue({ code: 'custom', message: 'Enter an amount like 25.00 (a refund as -25.00).' });
        return z.NEVER;
      }
      return negative ? -r.data : r.data;
    }),
  paidOn: isoDate,
  method: optionalText('Method', 60),
  reference: optionalText('Reference', 100),
});


const Mode = z.enum(['Manual', 'Automatic'], 'Choose Manual or Automatic.').transform((m) => m === 'Automatic');

/** General Settings → Sales Process Customisation: Pick, Pack and Ship each Manual or Automatic. */
export const SalesProcessInput = z.object({ autoPick: Mode, autoPack: Mode, autoShip: Mode });
