/**
 * Money without floats. Prices are integers in minor units (cents, scale 2); costs are integers
 * in 1/10,000 of the currency (scale 4) so a moving average keeps its precision. Users type
 * decimal strings; these helpers convert exactly. Products of money and quantities (stock value)
 * pass the limits of a JS number, so formatting also takes a bigint.
 */
export const PRICE_SCALE = 2;
export const COST_SCALE = 4;

/** Whole digits a typed amount may have; see lib/validation/numbers.ts for why this fits. */
export const MONEY_WHOLE_DIGITS = 11;

const DECIMAL = /^\s*(-)?(\d+)(?:\.(\d+))?\s*$/;

export type DecimalReading = { value: bigint } | { problem: 'format' | 'places' };

/**
 * Decimal text → integer at `scale`, exactly and without a size limit (the caller bounds it).
 * "12.5" at scale 2 → 1250n; "1.234" at scale 2 → too many places.
 */
export function readDecimal(text: string, scale: number): DecimalReading {
  const m = DECIMAL.exec(text);
  if (!m) return { problem: 'format' };
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale) return { problem: 'places' };
  const value = BigInt(whole) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
  return { value: sign ? -value : value };
}

/** "12.5" at scale 2 → 1250. Null when the text is not a plain decimal, has too many places or more than 11 whole digits. */
export function parseDecimal(text: string, scale: number): number | null {
  const r = readDecimal(text, scale);
  if ('problem' in r) return null;
  const abs = r.value < 0n ? -r.value : r.value;
  return abs < 10n ** BigInt(MONEY_WHOLE_DIGITS + scale) ? Number(r.value) : null;
}

/** 1250 at scale 2 → "12.50"; exact for any integer, bigint included. */
export function formatDecimal(value: number | bigint, scale: number, minFraction = scale): string {
  const v = BigInt(value);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const unit = 10n ** BigInt(scale);
  const whole = abs / unit;
  let frac = (abs % unit).toString().padStart(scale, '0');
  while (frac.length > minFraction && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

export const formatPrice = (minor: number | bigint) => formatDecimal(minor, PRICE_SCALE);
export const formatCost = (e4: number | bigint) => formatDecimal(e4, COST_SCALE, 2);
