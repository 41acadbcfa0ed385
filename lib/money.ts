/**
 * Money without floats. Prices are integers in minor units (cents, scale 2); costs are integers
 * in 1/10,000 of the currency (scale 4) so a moving average keeps its precision. Users type
 * decimal strings; these helpers convert exactly.
 */
export const PRICE_SCALE = 2;
export const COST_SCALE = 4;

const DECIMAL = /^\s*(-)?(\d{1,11})(?:\.(\d+))?\s*$/;

/** "12.5" at scale 2 → 1250. Returns null when the text is not a plain decimal or has too many places. */
export function parseDecimal(text: string, scale: number): number | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale) return null;
  const value = Number(whole) * 10 ** scale + Number(frac.padEnd(scale, '0') || '0');
  return sign ? -value : value;
}

/** 1250 at scale 2 → "12.50". */
export function formatDecimal(value: number, scale: number, minFraction = scale): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const unit = 10 ** scale;
  const whole = Math.floor(abs / unit);
  let frac = String(abs % unit).padStart(scale, '0');
  while (frac.length > minFraction && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

export const formatPrice = (minor: number) => formatDecimal(minor, PRICE_SCALE);
export const formatCost = (e4: number) => formatDecimal(e4, COST_SCALE, 2);
