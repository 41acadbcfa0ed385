import { z } from 'zod';
import { COST_SCALE, MONEY_WHOLE_DIGITS, PRICE_SCALE, formatDecimal, readDecimal } from '@/lib/money';

/**
 * Numbers the database can hold, as zod building blocks for every quantity and money input, so a
 * new form inherits the limits (and their messages) instead of meeting PostgreSQL's "out of
 * range" as an HTTP 500.
 *
 * Quantities are stored in `integer` columns (at most 2,147,483,647): document lines, counts, the
 * ledger, on hand per product × place and a product's units owned in all places. One line or count
 * may say at most 999,999,999 (nine digits). That always fits its own column, and sums the
 * posting computes are checked by the ledger (lib/stock/ledger.ts) against INT_COLUMN_MAX, which
 * names the product and the place before the database would refuse.
 *
 * Money is stored in `bigint` columns read as JS numbers, so every amount must stay below
 * Number.MAX_SAFE_INTEGER (9,007,199,254,740,991) to be read back exactly. A typed amount has at
 * most 11 whole digits: a price at most 99,999,999,999.99 (9,999,999,999,999 cents), a cost at
 * most 99,999,999,999.9999 (999,999,999,999,999 at scale 4): both well below that.
 */
export const INT_COLUMN_MAX = 2_147_483_647;
export const QUANTITY_MAX = 999_999_999;
export const MONEY_COLUMN_MAX = Number.MAX_SAFE_INTEGER;
export const PRICE_MAX = 10 ** (MONEY_WHOLE_DIGITS + PRICE_SCALE) - 1;
export const COST_MAX = 10 ** (MONEY_WHOLE_DIGITS + COST_SCALE) - 1;

/** 2999999997 → "2,999,999,997": limits in messages are read, not counted. */
export function groupDigits(value: number | bigint | string): string {
  const text = String(value);
  const [whole, frac] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace(/^-/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${frac === undefined ? '' : `.${frac}`}`;
}

export type QuantitySign = 'positive' | 'nonNegative' | 'nonZero';

const SIGN_OK: Record<QuantitySign, (n: number) => boolean> = {
  positive: (n) => n > 0,
  nonNegative: (n) => n >= 0,
  nonZero: (n) => n !== 0,
};

/** Why a whole number cannot be a quantity, or null: for checks outside zod (domain functions, Amazon's figures). */
export function quantityProblem(value: number, sign: QuantitySign, message: string, max = QUANTITY_MAX): string | null {
  if (!Number.isInteger(value) || !SIGN_OK[sign](value)) return message;
  if (value > max) return `At most ${groupDigits(max)}.`;
  if (value < -max) return `At least -${groupDigits(max)}.`;
  return null;
}

/**
 * A quantity typed as text → a whole number within ±max. `message` says what to type and is
 * used for text that is not a whole number or has the wrong sign; a number past the limit gets
 * "At most 999,999,999." so the user learns the limit.
 */
export function quantityText(opts: { sign: QuantitySign; message: string; max?: number }) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (!/^[+-]?\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: opts.message });
        return z.NEVER;
      }
      // Past 15 digits the number is far beyond any limit; its exact value does not matter.
      const value = Number(text);
      const problem = quantityProblem(value, opts.sign, opts.message, opts.max);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return value;
    });
}

export type MoneyKind = 'price' | 'cost';

const MONEY = {
  price: { scale: PRICE_SCALE, max: PRICE_MAX, label: 'A price', message: 'Enter a price like 12.50 (not negative, at most 2 decimals).' },
  cost: { scale: COST_SCALE, max: COST_MAX, label: 'A unit cost', message: 'Enter a unit cost like 4.25 (not negative, at most 4 decimals).' },
} as const;

/** The limit named with its kind: a CSV row's message stands without a field beside it. */
const tooLarge = (kind: MoneyKind) => `${MONEY[kind].label} is at most ${groupDigits(formatDecimal(MONEY[kind].max, MONEY[kind].scale))}.`;

/** Why an integer amount (minor units or scale 4) cannot be stored, or null. */
export function moneyProblem(value: number, kind: MoneyKind): string | null {
  const { max, message } = MONEY[kind];
  if (!Number.isInteger(value) || value < 0) return message;
  return value > max ? tooLarge(kind) : null;
}

/**
 * Money typed as decimal text → an integer at the kind's scale (no float ever touches it), not
 * negative, within the stored limit. Blank is null when `optional`, refused otherwise.
 */
export function moneyText(kind: MoneyKind, opts: { optional: true; message?: string }): z.ZodType<number | null, string>;
export function moneyText(kind: MoneyKind, opts?: { optional?: false; message?: string }): z.ZodType<number, string>;
export function moneyText(kind: MoneyKind, opts: { optional?: boolean; message?: string } = {}): z.ZodType<number | null, string> {
  const { scale, max, message: standard } = MONEY[kind];
  const message = opts.message ?? standard;
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (text === '' && opts.optional) return null;
      const r = readDecimal(text, scale);
      if ('problem' in r || r.value < 0n) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      if (r.value > BigInt(max)) {
        ctx.addIssue({ code: 'custom', message: tooLarge(kind) });
        return z.NEVER;
      }
      return Number(r.value);
    });
}

/**
 * Runs a building block on one cell of a line form inside a `superRefine`, reporting its message
 * under the cell's key (`quantity.3`), and returns the value (undefined when refused).
 */
export function checkCell<T>(ctx: z.RefinementCtx, schema: z.ZodType<T, string>, text: string, key: string): T | undefined {
  const r = schema.safeParse(text);
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [key] });
  return undefined;
}

/**
 * A measure typed as decimal text (a box's length, a weight) → the same value as normalised decimal
 * text for a numeric(p, scale) column ("16.5" → "16.50"): above 0, at most `scale` decimals, at most
 * `max` (the column's range). Never read through a float.
 */
export function measureText(opts: { scale: number; max: string; message: string }) {
  const max = readDecimal(opts.max, opts.scale);
  if ('problem' in max) throw new Error(`measureText: bad max ${opts.max}`);
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      const r = readDecimal(text, opts.scale);
      if ('problem' in r || r.value <= 0n) {
        ctx.addIssue({ code: 'custom', message: opts.message });
        return z.NEVER;
      }
      if (r.value > max.value) {
        ctx.addIssue({ code: 'custom', message: `At most ${groupDigits(opts.max)}.` });
        return z.NEVER;
      }
      return formatDecimal(r.value, opts.scale);
    });
}
