import { z } from 'zod';
import { BARCODE_TYPES, FBA_BARCODES } from '@/db/schema/catalog';
import { moneyText } from '@/lib/validation/numbers';

export { BARCODE_TYPES };
export type BarcodeType = (typeof BARCODE_TYPES)[number];
export type FbaBarcode = (typeof FBA_BARCODES)[number];

/** Price tiers are numbered 1–10; only their names change. */
export const TIERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type PriceKey = `price${(typeof TIERS)[number]}`;
export const priceKey = (tier: number) => `price${tier}` as PriceKey;

const BARCODE_RULES: Record<BarcodeType, { test: RegExp; message: string }> = {
  UPC: { test: /^\d{12}$/, message: 'A UPC has 12 digits.' },
  EAN: { test: /^(\d{13}|\d{8})$/, message: 'An EAN has 13 digits (or 8 for EAN-8).' },
  JAN: { test: /^(\d{13}|\d{8})$/, message: 'A JAN has 13 digits (or 8).' },
  ISBN: { test: /^(\d{9}[\dX]|\d{13})$/, message: 'An ISBN has 10 characters (the last may be X) or 13 digits.' },
  GCID: { test: /^[A-Z0-9]{16}$/, message: 'A GCID has 16 letters and digits.' },
};

/** Why a barcode does not fit its type, or null when it does. Digits and length only: a wrong check digit is still a real label some suppliers print. */
export function checkBarcode(type: BarcodeType, code: string): string | null {
  const rule = BARCODE_RULES[type];
  return rule.test.test(code) ? null : rule.message;
}

/** Optional text: blank means "none" (null), so the column stays NULL rather than ''. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .transform((v) => (v === '' ? null : v));

const priceField = moneyText('price', { optional: true });
const priceShape = Object.fromEntries(TIERS.map((t) => [priceKey(t), priceField])) as Record<PriceKey, typeof priceField>;

/** Every product field as the user types it (form or CSV cell), with the rules both share. */
export const ProductFields = z.object({
  sku: z.string().trim().min(1, 'SKU is required.').max(64, 'SKU is at most 64 characters.'),
  name: z.string().trim().min(1, 'Name is required.').max(200, 'Name is at most 200 characters.'),
  barcode: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .transform((v) => (v === '' ? null : v)),
  barcodeType: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || (BARCODE_TYPES as readonly string[]).includes(v), `Barcode type must be one of ${BARCODE_TYPES.join(', ')}.`)
    .transform((v) => (v === '' ? null : (v as BarcodeType))),
  fnsku: optionalText(10, 'FNSKU')
    .transform((v) => v?.toUpperCase() ?? null)
    .refine((v) => v === null || /^[A-Z0-9]{10}$/.test(v), 'FNSKU is 10 letters and digits, e.g. X001ABC234.'),
  asin: optionalText(10, 'ASIN')
    .transform((v) => v?.toUpperCase() ?? null)
    .refine((v) => v === null || /^(B0[A-Z0-9]{8}|\d{9}[\dX])$/.test(v), 'ASIN is 10 characters: B0 and 8 letters or digits, or an ISBN-10.'),
  unitCost: moneyText('cost', { optional: true }),
  defaultLocation: optionalText(100, 'Default location'),
  ...priceShape,
});

type Fields = z.output<typeof ProductFields>;

/** The barcode needs a type, and must fit it; issues land on the field the user should fix. */
export function refineBarcode(v: Partial<Pick<Fields, 'barcode' | 'barcodeType'>>, ctx: z.RefinementCtx) {
  // Zod runs this even when a field failed, so the values may still be the raw, invalid ones.
  if (!v.barcode || (v.barcodeType && !(v.barcodeType in BARCODE_RULES))) return;
  if (!v.barcodeType) ctx.addIssue({ code: 'custom', path: ['barcodeType'], message: 'Choose the barcode type for this barcode.' });
  else {
    const problem = checkBarcode(v.barcodeType, v.barcode);
    if (problem) ctx.addIssue({ code: 'custom', path: ['barcode'], message: problem });
  }
}

export type ProductData = {
  id: string | null;
  sku: string;
  name: string;
  barcode: string | null;
  barcodeType: BarcodeType | null;
  fnsku: string | null;
  asin: string | null;
  /** The barcode on the product's FBA labels: its FNSKU (Amazon's advice) or its manufacturer barcode. */
  fbaBarcode: FbaBarcode;
  unitCost: number | null;
  defaultLocationId: string | null;
  /** Only the tiers with a price; the others have none. */
  prices: { tier: number; price: number }[];
};

/** The New / Edit product form. */
export const ProductInput = ProductFields.omit({ defaultLocation: true })
  .extend({
    id: z.union([z.literal(''), z.uuid()]).optional(),
    defaultLocationId: z.union([z.literal(''), z.uuid('Choose a location from the list.')]),
    fbaBarcode: z.enum(FBA_BARCODES, 'Choose FNSKU or Manufacturer barcode.').optional().default('FNSKU'),
  })
  .superRefine(refineBarcode)
  .superRefine((v, ctx) => {
    if (v.fbaBarcode === 'Manufacturer' && !v.barcode)
      ctx.addIssue({ code: 'custom', path: ['fbaBarcode'], message: 'This product has no barcode: enter its barcode and type above, or print the FNSKU.' });
  })
  .transform(
    (v): ProductData => ({
      id: v.id || null,
      sku: v.sku,
      name: v.name,
      barcode: v.barcode,
      barcodeType: v.barcode ? v.barcodeType : null,
      fnsku: v.fnsku,
      asin: v.asin,
      fbaBarcode: v.fbaBarcode,
      unitCost: v.unitCost,
      defaultLocationId: v.defaultLocationId || null,
      prices: TIERS.flatMap((tier) => {
        const price = v[priceKey(tier)];
        return price === null ? [] : [{ tier, price }];
      }),
    }),
  );

/** 20 MB holds about 100,000 products; the server action body limit must allow it (next.config). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const ProductImportInput = z.object({
  file: z
    .instanceof(File, { message: 'Choose a CSV file to import.' })
    .refine((f) => f.size > 0, 'Choose a CSV file to import (this one is empty).')
    .refine((f) => f.size <= MAX_IMPORT_BYTES, 'The file is larger than 20 MB; split it into smaller files.'),
});
